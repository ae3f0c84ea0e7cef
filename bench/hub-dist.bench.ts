import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withBudget, type Bench, type BenchResult } from './lib';
import { createCore } from '../src/core';
import { createHubClient } from '../src/core/hub/client';
import { fetchVerified } from '../src/core/hub/distribution/fetch';
import { DEFAULT_TRANSFERS } from '../src/core/hub/distribution';
import { joinHub, readPairing, type HubPairing } from '../src/core/hub/join';
import { createFileLogger } from '../src/core/log/logger';
import { buildPack } from '../src/core/packs/build';
import type { ContentItem } from '../src/shared/contract/hub-content';

const ROOT = path.join(import.meta.dirname, '..');
const CLIENTS = 10;
/** The size; KITE_BENCH_DIST_MB=50 for a quick run while developing. */
const MEGABYTES = Number(process.env.KITE_BENCH_DIST_MB ?? 500);

/** A hub data folder with one installed pack holding `MEGABYTES` of video, already offered to the room. */
async function hubWithBigPack(dir: string): Promise<{ dataDir: string; item: ContentItem }> {
  const folder = path.join(dir, 'pack');
  fs.mkdirSync(path.join(folder, 'lessons'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'media'), { recursive: true });
  const title = { 'zh-CN': '航拍课', en: 'Flying lesson' };
  fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ format: 1, id: 'org.example.bench-dist', version: '1.0.0', title, description: title, languages: ['zh-CN', 'en'], grades: { from: 1, to: 6 }, subjects: ['science'], license: 'CC-BY-4.0', authors: [{ name: 'Kite bench' }], minAppVersion: '0.1.0' }));
  const lesson = { format: 1, id: 'flight', title, grades: { from: 1, to: 6 }, minutes: 10, steps: [{ type: 'slide', id: 'hello', title, text: title }] };
  fs.writeFileSync(path.join(folder, 'lessons', 'flight.json'), JSON.stringify(lesson));
  const video = fs.openSync(path.join(folder, 'media', 'flight.mp4'), 'w');
  const chunk = Buffer.alloc(16 * 2 ** 20);
  for (let written = 0; written < MEGABYTES * 2 ** 20; written += chunk.length) fs.writeSync(video, fillRandom(chunk));
  fs.closeSync(video);
  await buildPack(folder, path.join(dir, 'big.kpack'));
  fs.rmSync(folder, { recursive: true, force: true });
  const dataDir = path.join(dir, 'hub');
  const core = createCore({ dataDir });
  try {
    await core.packs.install(path.join(dir, 'big.kpack'), { trustConfirmed: true });
    fs.rmSync(path.join(dir, 'big.kpack'));
    core.hub.setRole('hub');
    const item = (await core.distribution.send(['org.example.bench-dist'], [])).offer[0] as ContentItem;
    return { dataDir, item };
  } finally {
    core.close();
  }
}

function fillRandom(buffer: Buffer): Buffer {
  for (let i = 0; i < buffer.length; i += 65536) crypto.getRandomValues(buffer.subarray(i, i + 65536));
  return buffer;
}

/** `kite serve --hub` (the built CLI) on the data folder; its https address and join code. */
async function startHub(dataDir: string): Promise<{ child: ChildProcess; address: string; code: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--hub', '--data', dataDir, '--port', '0', '--no-builtin-packs'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kite serve --hub did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /join at (https:\/\/\S+) with the join code (\d{6})/.exec(output);
      if (match) {
        clearTimeout(timer);
        // Loopback: the same hub, whichever network address it lists first on this machine.
        resolve({ child, address: `https://127.0.0.1:${new URL(match[1] as string).port}`, code: match[2] as string });
      }
    });
  });
}

/** One plain `curl` of the same file from the same hub (its certificate pinned, the device's token). */
function curlOnce(pairing: HubPairing, item: ContentItem, out: string): Promise<number> {
  const ca = path.join(path.dirname(out), 'hub.pem');
  fs.writeFileSync(ca, pairing.certPem);
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile('curl', ['-sS', '--fail', '-k', '-H', `Authorization: Bearer ${pairing.token}`, '-o', out, `${pairing.address}/room/content/${item.sha256}`], (error) => (error ? reject(error) : resolve(performance.now() - started))),
  );
}

export const hubDist: Bench = {
  name: 'hub-dist',
  async run(): Promise<BenchResult[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-dist-'));
    const { dataDir, item } = await hubWithBigPack(dir);
    const hub = await startHub(dataDir);
    const log = createFileLogger({ dir: path.join(dir, 'logs') });
    try {
      const pcs = [];
      for (let i = 0; i < CLIENTS; i++) {
        const hubDir = path.join(dir, `pc-${i + 1}`);
        await joinHub(hubDir, hub.address, hub.code, `PC-${String(i + 1).padStart(2, '0')}`);
        pcs.push({ hubDir, client: createHubClient(hubDir, log), pairing: readPairing(hubDir) as HubPairing });
      }
      const first = pcs[0] as (typeof pcs)[number];
      const curlMs = await curlOnce(first.pairing, item, path.join(dir, 'curl.bin'));
      fs.rmSync(path.join(dir, 'curl.bin'));
      const curlMBps = item.size / 2 ** 20 / (curlMs / 1000);

      // Ten pupil PCs at once, each with the app's own download (Range-resumable, then its SHA-256 checked).
      const started = performance.now();
      const transferred: number[] = [];
      const firstByte: number[] = [];
      const verified: number[] = [];
      await Promise.all(
        pcs.map(async (pc, i) => {
          const signal = new AbortController().signal;
          const file = await fetchVerified(item, {
            client: pc.client,
            dir: path.join(pc.hubDir, 'downloads'),
            log,
            signal,
            onBytes: (done) => {
              if (done > 0 && firstByte[i] === undefined) firstByte[i] = performance.now() - started;
              if (done === item.size && transferred[i] === undefined) transferred[i] = performance.now() - started;
            },
          });
          verified[i] = performance.now() - started;
          fs.rmSync(file);
        }),
      );
      const wallMs = Math.max(...transferred);
      const aggregateMBps = (CLIENTS * item.size) / 2 ** 20 / (wallMs / 1000);
      // Each PC's own rate while its transfer ran (after its wait in the hub's FIFO queue), against a fair third of the aggregate.
      const ownRates = transferred.map((done, i) => item.size / 2 ** 20 / ((done - (firstByte[i] ?? 0)) / 1000));
      const fairShare = aggregateMBps / DEFAULT_TRANSFERS;
      const size = `${Math.round(item.size / 2 ** 20)} MB file`;
      return [
        withBudget(
          {
            name: `aggregate throughput, ${CLIENTS} pupil PCs (${size})`,
            value: Math.round(aggregateMBps),
            unit: 'MB/s',
            baseline: { name: 'one curl of the same file from the same hub', value: Math.round(curlMBps) },
            ratio: Math.round((curlMBps / aggregateMBps) * 100) / 100,
            notes: `aggregate ÷ curl = ${(aggregateMBps / curlMBps).toFixed(2)}× (goal ≥ 0.8×, i.e. ratio ≤ 1.25); the hub serves 3 at once, the rest wait FIFO`,
          },
          1.25,
          'ratio',
        ),
        {
          name: `slowest pupil PC's rate while transferring, against a fair share (aggregate ÷ ${DEFAULT_TRANSFERS} at once) (${size})`,
          value: Math.round((Math.min(...ownRates) / fairShare) * 100) / 100,
          unit: '× fair share',
          notes: `first PC done after ${(Math.min(...transferred) / 1000).toFixed(1)} s, last after ${(wallMs / 1000).toFixed(1)} s (FIFO: no PC starves)`,
        },
        {
          name: `every file checked (SHA-256, hashed as it arrives) after its last byte (${size})`,
          value: Math.round(Math.max(...verified) - wallMs),
          unit: 'ms',
        },
      ];
    } finally {
      hub.child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
