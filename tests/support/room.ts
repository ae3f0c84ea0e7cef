import http from 'node:http';
import https from 'node:https';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/core';
import { startServer, type RunningServer } from '../../src/server/server';
import { followRoom } from '../../src/core/hub/room-wiring';
import type { BackoffOptions } from '../../src/core/hub/client';
import { buildFixturePack, fixtureLesson } from './packs';
import { screen } from './progress';
import { tempDir } from './temp';

/**
 * Many Kite PCs in one test: each a real core with its own data folder (real SQLite) and its own
 * port on 127.0.0.1, talking real TLS. Everything started here is stopped after the test.
 */
const running: { server?: RunningServer; core: Core }[] = [];
afterEach(async () => {
  for (const pc of running.splice(0).reverse()) await stopPc(pc);
});

export interface TestPc {
  core: Core;
  server?: RunningServer;
  dataDir: string;
}

export async function stopPc(pc: { server?: RunningServer; core: Core }): Promise<void> {
  const index = running.indexOf(pc as (typeof running)[number]);
  if (index >= 0) running.splice(index, 1);
  await pc.server?.close();
  pc.core.close();
}

/**
 * A teacher's PC in hub mode (its certificate made on first start); `port` to start again where it was.
 * `onNetwork`: listen on every network and advertise the room (mDNS), as `kite serve --hub` does;
 * `hubTransfers`: how many downloads it serves at once.
 */
export async function startHub(dataDir = tempDir('kite-hub-'), port = 0, { onNetwork = false, hubTransfers }: { onNetwork?: boolean } & Pick<CoreOptions, 'hubTransfers'> = {}): Promise<TestPc & { server: RunningServer; address: string }> {
  const core = createCore({ dataDir, hubTransfers });
  const server = await startServer({ core, rendererDir: tempDir('kite-renderer-'), port, host: onNetwork ? undefined : '127.0.0.1', hub: true });
  const pc = { core, server, dataDir, address: server.hubAddresses?.[0] ?? '' };
  running.push(pc);
  return pc;
}

/** A pupil PC's core (no server needed to talk to the hub), retrying its hub quickly. */
export function startPupilPc(dataDir = tempDir('kite-pupil-'), backoff: BackoffOptions = {}): TestPc {
  const core = createCore({ dataDir, hubBackoff: { firstMs: 50, maxMs: 300, ...backoff } });
  const pc = { core, dataDir };
  running.push(pc);
  return pc;
}

/**
 * `count` pupil PCs (PC-01, PC-02, …) joined to `hub` (a test hub, or a `kite serve --hub` with its code) and following it as `kite serve` does, all online;
 * `beforeFollowing` runs on each after it joined and before it follows the room.
 */
export async function joinPupilPcs(hub: { address: string; core: Core } | { address: string; code: string }, count: number, beforeFollowing: (pc: TestPc) => void = () => {}): Promise<(TestPc & { stop: () => Promise<void> })[]> {
  const pcs: (TestPc & { stop: () => Promise<void> })[] = [];
  for (let i = 1; i <= count; i++) {
    const pc = startPupilPc();
    await pc.core.hub.join(hub.address, 'code' in hub ? hub.code : hub.core.hub.joinCode(), `PC-${String(i).padStart(2, '0')}`);
    beforeFollowing(pc);
    pcs.push({ ...pc, stop: followRoom(pc.core) });
  }
  await eventually(() => pcs.every((pc) => pc.core.hub.client.status().link === 'online'), 'every pupil PC online');
  return pcs;
}

/** Wait until `check` holds (polling), or fail with `what`. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The error code a promise fails with (undefined when it does not fail). */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** A raw HTTPS request that trusts any certificate: what some other PC on the network could send (an http: URL is sent in clear). */
export function rawHttps(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const send = url.startsWith('http:') ? http.request : https.request;
    const req = send(url, { method, headers, rejectUnauthorized: false, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The fixture pack (org.example.test-pack, lesson first-lesson) installed on a PC. */
export async function installFixturePack(core: Core): Promise<void> {
  await core.packs.install(await buildFixturePack(tempDir(), { lessons: [fixtureLesson('first-lesson')] }), { trustConfirmed: true });
}

/**
 * A hub with the fixture pack and one class of one pupil (小明), and a pupil PC (PC-01) that joined it,
 * follows it as `kite serve` does, has the room's roster and is online, with 小明 signed in there.
 */
export async function roomWithOnePupil(pushOptions?: Parameters<typeof followRoom>[1]) {
  const hub = await startHub();
  await installFixturePack(hub.core);
  const teacher = screen(hub.core, 'teacher');
  const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
  const xiaoming = await teacher('pupils.add', { classId: cls.id, name: '小明' });
  const pc = startPupilPc();
  await installFixturePack(pc.core);
  await pc.core.hub.join(hub.address, hub.core.hub.joinCode(), 'PC-01');
  const stopFollowing = followRoom(pc.core, pushOptions);
  await eventually(() => JSON.stringify(pc.core.progress.roster.list()).includes(xiaoming.id), 'the roster on the pupil PC');
  await eventually(() => pc.core.hub.client.status().link === 'online', "the pupil PC's link to the hub");
  const pupil = screen(pc.core, 'pupil');
  await pupil('pupils.signIn', { pupilId: xiaoming.id });
  return { hub, pc, teacher, cls, xiaoming, pupil, stopFollowing };
}
