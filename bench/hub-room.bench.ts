import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { median, withBudget, type Bench, type BenchResult } from './lib';
import { client, peakRssMiB, percentile, pupilScreenJpeg, startServe, teacherWithClass } from './serve';
import { LESSON } from './session.bench';
import { pcEvents, rawInserter } from './hub-sync.bench';
import { createHubClient, type HubClient } from '../src/core/hub/client';
import { joinHub, readPairing, type HubPairing } from '../src/core/hub/join';
import { createFileLogger } from '../src/core/log/logger';
import { SessionState } from '../src/shared/contract/session';
import type { RoomStatus } from '../src/shared/contract/hub';

const PCS = 40;
const STEP_CHANGES = 20;
const PER_PC = 500;
const BATCH = 200;

interface PupilPc {
  client: HubClient;
  pairing: HubPairing;
  /** Every step index this PC was told, in order. */
  steps: number[];
}

/** 40 pupil PCs, each paired with the join code (its own pairing folder) and holding its room stream open. */
async function pairPcs(dir: string, address: string, code: string): Promise<PupilPc[]> {
  const log = createFileLogger({ dir: path.join(dir, 'logs') });
  const pcs: PupilPc[] = [];
  for (let i = 0; i < PCS; i++) {
    const hubDir = path.join(dir, `pc-${i + 1}`);
    await joinHub(hubDir, address, code, `PC-${String(i + 1).padStart(2, '0')}`);
    pcs.push({ client: createHubClient(hubDir, log, { firstMs: 200, maxMs: 2000 }), pairing: readPairing(hubDir) as HubPairing, steps: [] });
  }
  await Promise.all(
    pcs.map(
      (pc) =>
        new Promise<void>((resolve) => {
          const off = pc.client.onStatus((s) => s.link === 'online' && (off(), resolve()));
          pc.client.start();
        }),
    ),
  );
  return pcs;
}

/** The room stream as bytes on the wire (after TLS): every `data:` frame a pupil PC receives, with its blank line. */
function rawRoomStream(pairing: HubPairing, onFrame: (frame: string) => void): Promise<{ destroy(): void }> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${pairing.address}/room/stream`, { ca: pairing.certPem, checkServerIdentity: () => undefined, headers: { Authorization: `Bearer ${pairing.token}`, Accept: 'text/event-stream' } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('data: ')) onFrame(frame);
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

/** The teacher moves the class N times; each change timed from the teacher's call on the hub to every PC's parsed session.state. */
async function stepLatencies(pcs: PupilPc[], goToStep: (index: number) => Promise<unknown>): Promise<number[]> {
  let waiting: { step: number; started: number; seen: Set<PupilPc>; resolve: () => void } | undefined;
  const latencies: number[] = [];
  const offs = pcs.map((pc) =>
    pc.client.onMessage('session.state', (payload) => {
      const index = SessionState.parse(payload).live?.step.index;
      if (index === undefined) return;
      pc.steps.push(index);
      if (!waiting || index !== waiting.step || waiting.seen.has(pc)) return;
      waiting.seen.add(pc);
      latencies.push(performance.now() - waiting.started);
      if (waiting.seen.size === pcs.length) waiting.resolve();
    }),
  );
  const everyone = (step: number, change: () => Promise<unknown>) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`step ${step} reached ${waiting?.seen.size} of ${pcs.length} PCs in 30 s`)), 30_000);
      waiting = { step, started: performance.now(), seen: new Set(), resolve: () => (clearTimeout(timer), resolve()) };
      change().catch(reject);
    });
  for (let i = 0; i < STEP_CHANGES; i++) {
    const step = (i % 9) + 1;
    const before = latencies.length;
    await everyone(0, () => goToStep(0));
    latencies.length = before; // the move back to step 0 is setup, not measured
    await everyone(step, () => goToStep(step));
  }
  waiting = undefined;
  offs.forEach((off) => off());
  return latencies;
}

/** All 40 PCs push their pupils' events at once through events.push, in the push loop's batches; then the same rows into bare SQLite. */
async function ingest(dir: string, pcs: PupilPc[], pupilIds: string[]) {
  const work = pcs.map((pc, i) => {
    const events = JSON.parse(JSON.stringify(pcEvents(i, pc.pairing.deviceId, pupilIds[i] as string, PER_PC))) as unknown[];
    return Array.from({ length: Math.ceil(events.length / BATCH) }, (_, b) => events.slice(b * BATCH, (b + 1) * BATCH));
  });
  let started = performance.now();
  const acked = await Promise.all(
    pcs.map(async (pc, i) => {
      let n = 0;
      for (const events of work[i] ?? []) n += (await pc.client.call<{ acked: string[] }>('events.push', { events, sentAt: new Date().toISOString() })).acked.length;
      return n;
    }),
  );
  const ours = performance.now() - started;
  const total = PCS * PER_PC;
  const ackedAll = acked.reduce((a, b) => a + b, 0);
  if (ackedAll !== total) throw new Error(`the hub acknowledged ${ackedAll} of ${total} events`);
  const raw = rawInserter(path.join(dir, 'raw.db'));
  started = performance.now();
  for (const batches of work) for (const events of batches) raw.batch(events);
  const bare = performance.now() - started;
  raw.close();
  return { total, ours, bare };
}

/**
 * The classroom hub over its real HTTPS room: `kite serve --hub` in its own process and 40 pupil PCs
 * (real paired hub clients, pinned TLS, one room stream each) in this one. Step-push latency of
 * follow-me, progress ingest through events.push against bare SQLite, the hub's peak memory, and the
 * bytes of one step change on the room stream against one JPEG screen frame. Content distribution is
 * not on main yet and is not measured.
 */
export const hubRoom: Bench = {
  name: 'hub-room',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-hub-room-'));
    const { url, child } = await startServe(path.join(dir, 'hub'), ['--hub', '--host', '127.0.0.1']);
    let pcs: PupilPc[] = [];
    let stream: { destroy(): void } | undefined;
    const browser = await chromium.launch({ executablePath: process.env.KITE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    try {
      const { teacher, classId, pupilIds } = await teacherWithClass(url, PCS);
      const pupil = client(url);
      await pupil.call('pupils.signIn', { pupilId: pupilIds[0] });

      const room = await teacher.call<RoomStatus>('room.status');
      pcs = await pairPcs(dir, room.hub?.addresses[0] ?? '', room.hub?.joinCode ?? '');
      const frames: string[] = [];
      stream = await rawRoomStream(pcs[0]?.pairing as HubPairing, (frame) => frames.push(frame));

      await teacher.call('session.start', { classId, ...LESSON, mode: 'follow' });
      const latencies = await stepLatencies(pcs, (index) => teacher.call('session.goToStep', { index }));
      const stepFrame = frames.find((f) => f.includes('"type":"session.state"') && f.includes('"index":1,')) ?? '';
      const frameBytes = Buffer.byteLength(stepFrame);
      if (!frameBytes) throw new Error('no session.state frame for step 1 on the room stream');
      const jpeg = await pupilScreenJpeg(browser, url, pupil.cookie); // the pupil's screen in the lesson the class follows

      const pushed = await ingest(dir, pcs, pupilIds);
      const perSecond = (ms: number) => Math.round((pushed.total / ms) * 1000);
      const results: BenchResult[] = [
        withBudget({ name: 'room-step-push-latency-p50', value: +median(latencies).toFixed(1), unit: 'ms', notes: `${PCS} paired pupil PCs over HTTPS, ${STEP_CHANGES} step changes, from the teacher's call to each PC's parsed session.state` }, 250),
        withBudget({ name: 'room-step-push-latency-p95', value: +percentile(latencies, 95).toFixed(1), unit: 'ms', notes: `${latencies.length} deliveries` }, 250),
        {
          name: 'room-ingest-throughput', value: perSecond(pushed.ours), unit: 'events/s',
          baseline: { name: 'raw better-sqlite3 INSERT of the same rows, a transaction per batch, WAL + synchronous=FULL', value: perSecond(pushed.bare) },
          ratio: +(pushed.ours / pushed.bare).toFixed(2),
          notes: `${pushed.total.toLocaleString('en')} events, ${PCS} PCs pushing at once through events.push in batches of ${BATCH} (HTTPS + JSON + the hub's checks and summaries)`,
        },
        {
          name: 'room-step-bytes-vs-jpeg-frame', value: frameBytes, unit: 'bytes',
          baseline: { name: '1366x768 JPEG q80 of the pupil screen', value: jpeg.length },
          ratio: +(frameBytes / jpeg.length).toFixed(5),
          notes: `one SSE frame of the room stream (session.state) per pupil PC, before TLS; the JPEG is ${(jpeg.length / frameBytes).toFixed(0)}× bigger`,
        },
        withBudget({ name: 'room-hub-peak-rss', value: peakRssMiB(child.pid as number), unit: 'MiB', notes: `kite serve --hub with ${PCS} pupil PCs paired and streaming; content distribution is not measured (not on main yet)` }, 300),
      ];
      const missed = pcs.filter((pc) => pc.steps.length < STEP_CHANGES * 2);
      if (missed.length) throw new Error(`${missed.length} PCs missed step changes`);
      return results;
    } finally {
      stream?.destroy();
      for (const pc of pcs) pc.client.stop();
      await browser.close();
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
