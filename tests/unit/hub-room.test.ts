import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_WRONG_CODES } from '../../src/core/hub/pairing';
import { createCore } from '../../src/core';
import { tempDir } from '../support/temp';
import { codeOf, eventually, rawHttps, startHub, startPupilPc, stopPc } from '../support/room';

describe('the role of a PC', () => {
  it('is standalone by default, follows the machine config (lanMode is the old name of hub), and a choice on the PC wins', () => {
    const config = (c: object) => ({ file: 'config.json', found: true, config: c, problems: [] });
    const plain = startPupilPc();
    expect(plain.core.hub.role()).toBe('standalone');
    const dir = tempDir();
    const old = createCore({ dataDir: dir, config: config({ lanMode: true }) });
    expect(old.hub.role()).toBe('hub');
    old.close();
    const pupil = createCore({ dataDir: dir, config: config({ role: 'pupil-pc' }) });
    expect(pupil.hub.role()).toBe('pupil-pc');
    pupil.hub.setRole('standalone');
    expect(pupil.hub.role()).toBe('standalone');
    pupil.close();
  });
});

describe('classroom hub: a hub and three pupil PCs on loopback (real cores, real SQLite, real TLS)', () => {
  it('pairs three PCs with the join code; each gets its own credential (only its hash on the hub), calls the room API and gets pushed messages', async () => {
    const hub = await startHub();
    hub.core.hub.routes.add('whoami', z.object({ say: z.string() }), (device, input) => ({ name: device.name, heard: input.say }));
    const code = hub.core.hub.joinCode();
    expect(code).toMatch(/^\d{6}$/);
    const pcs = [startPupilPc(), startPupilPc(), startPupilPc()];
    const names = ['PC-01', 'PC-02', 'PC-01'];
    const paired = [];
    for (const [i, pc] of pcs.entries()) paired.push(await pc.core.hub.join(hub.address, code, names[i]));

    expect(hub.core.hub.devices.list().map((d) => d.name)).toEqual(['PC-01', 'PC-02', 'PC-01 (2)']);
    expect(new Set(paired.map((p) => p.token)).size).toBe(3);
    for (const [i, pc] of pcs.entries()) {
      expect(pc.core.hub.role()).toBe('pupil-pc');
      expect(paired[i]?.fingerprint).toBe((await hub.core.hub.identity()).fingerprint);
      expect(await pc.core.hub.client.call('whoami', { say: `hi ${i}` })).toEqual({ name: paired[i]?.deviceName, heard: `hi ${i}` });
    }
    // The hub keeps hashes only: no credential appears anywhere in its database.
    hub.core.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fs.readFileSync(path.join(hub.dataDir, 'kite.db')).toString('latin1');
    for (const p of paired) expect(dbBytes).not.toContain(p.token.split('.')[1]);
    // The pupil PC keeps its credential readable by its own user only.
    expect(fs.statSync(path.join(pcs[0]!.dataDir, 'hub', 'pairing.json')).mode & 0o077).toBe(0);

    const heard: unknown[][] = [[], [], []];
    pcs.forEach((pc, i) => {
      pc.core.hub.client.onMessage('step', (payload) => heard[i]!.push(payload));
      pc.core.hub.client.start();
    });
    await eventually(() => pcs.every((pc) => pc.core.hub.client.status().link === 'online'), 'three PCs online');
    hub.core.hub.routes.broadcast('step', { stepId: 's2' });
    await eventually(() => heard.every((h) => h.length === 1), 'the message on every PC');
    expect(heard).toEqual([[{ stepId: 's2' }], [{ stepId: 's2' }], [{ stepId: 's2' }]]);
  });

  it('refuses a wrong join code without adding a device, locks after too many, and a renewed code works', async () => {
    const hub = await startHub();
    const pc = startPupilPc();
    const right = hub.core.hub.joinCode();
    const wrong = right === '000000' ? '111111' : '000000';
    expect(await codeOf(pc.core.hub.join(hub.address, wrong))).toBe('wrong_join_code');
    expect(hub.core.hub.devices.list()).toEqual([]);
    expect(fs.existsSync(path.join(pc.dataDir, 'hub', 'pairing.json'))).toBe(false);
    expect(pc.core.hub.role()).toBe('standalone');
    for (let i = 1; i < MAX_WRONG_CODES; i++) await codeOf(pc.core.hub.join(hub.address, wrong));
    expect(await codeOf(pc.core.hub.join(hub.address, right))).toBe('join_code_locked');
    const renewed = hub.core.hub.renewJoinCode();
    await pc.core.hub.join(hub.address, renewed);
    expect(hub.core.hub.devices.list()).toHaveLength(1);
  });

  it('a PC in the middle (its own certificate, relaying to the real hub) cannot pair, even with the right code', async () => {
    const hub = await startHub();
    const relay = await startRelay(hub.address);
    const pc = startPupilPc();
    expect(await codeOf(pc.core.hub.join(relay.address, hub.core.hub.joinCode()))).toBe('wrong_join_code');
    expect(hub.core.hub.devices.list()).toEqual([]);
    await relay.close();
  });

  it('refuses a hub that re-made its certificate, and tells another hub at the same address apart', async () => {
    const hub = await startHub();
    const port = hub.server.port;
    const pc = startPupilPc();
    await pc.core.hub.join(hub.address, hub.core.hub.joinCode());
    await stopPc(hub);
    fs.rmSync(path.join(hub.dataDir, 'hub', 'identity.json'));
    const remade = await startHub(hub.dataDir, port);
    expect(await codeOf(pc.core.hub.client.call('anything', {}))).toBe('hub_cert_changed');
    await stopPc(remade);
    await startHub(undefined, port);
    expect(await codeOf(pc.core.hub.client.call('anything', {}))).toBe('hub_other');
  });

  it('two hubs on one network: the PC stays with its own; the other hub refuses its credential', async () => {
    const hubA = await startHub();
    const hubB = await startHub();
    hubA.core.hub.routes.add('room.name', z.object({}), () => 'A');
    hubB.core.hub.routes.add('room.name', z.object({}), () => 'B');
    const pc = startPupilPc();
    const pairing = await pc.core.hub.join(hubA.address, hubA.core.hub.joinCode());
    expect(await pc.core.hub.client.call('room.name', {})).toBe('A');
    const onB = await rawHttps(`${hubB.address}/room/room.name`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${pairing.token}` }, body: '{}' });
    expect(onB.status).toBe(403);
    expect(JSON.parse(onB.text).error.code).toBe('device_unknown');
    expect(await codeOf(pc.core.hub.join(hubB.address, hubA.core.hub.joinCode() === '123456' ? '654321' : '123456'))).toBe('wrong_join_code');
    expect(await pc.core.hub.client.call('room.name', {})).toBe('A');
  });

  it('a removed PC is refused with its own message, on calls and on the stream', async () => {
    const hub = await startHub();
    hub.core.hub.routes.add('ping', z.object({}), () => 'pong');
    const pc = startPupilPc();
    const pairing = await pc.core.hub.join(hub.address, hub.core.hub.joinCode());
    expect(await pc.core.hub.client.call('ping', {})).toBe('pong');
    hub.core.hub.devices.remove(pairing.deviceName);
    expect(hub.core.hub.devices.list()).toEqual([]);
    expect(await codeOf(pc.core.hub.client.call('ping', {}))).toBe('device_removed');
    pc.core.hub.client.start();
    await eventually(() => pc.core.hub.client.status().error?.code === 'device_removed', 'the stream refused');
  });

  it('an unreachable hub is hub_unreachable; the stream reconnects by itself when the hub is back', async () => {
    const hub = await startHub();
    const port = hub.server.port;
    const pc = startPupilPc();
    await pc.core.hub.join(hub.address, hub.core.hub.joinCode());
    pc.core.hub.client.start();
    await eventually(() => pc.core.hub.client.status().link === 'online', 'online');
    await stopPc(hub);
    await eventually(() => pc.core.hub.client.status().error?.code === 'hub_unreachable', 'offline');
    expect(await codeOf(pc.core.hub.client.call('ping', {}))).toBe('hub_unreachable');
    const back = await startHub(hub.dataDir, port);
    const got: unknown[] = [];
    pc.core.hub.client.onMessage('hello', (p) => got.push(p));
    await eventually(() => pc.core.hub.client.status().link === 'online', 'back online');
    back.core.hub.routes.broadcast('hello', 1);
    await eventually(() => got.length === 1, 'a message after reconnecting');
  });

  it('other PCs get nothing but the room API: no app screens, no /api, no plain HTTP', async () => {
    const hub = await startHub();
    expect((await rawHttps(`${hub.address}/api/app.health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    expect((await rawHttps(`${hub.address}/`)).status).toBe(404);
    expect((await rawHttps(`${hub.address}/room/stream`)).status).toBe(403);
  });
});

/** A PC posing as the hub: its own certificate, passing every request on to the real hub. */
async function startRelay(target: string) {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'not the hub' }], { keyType: 'ec', algorithm: 'sha256' });
  const https = await import('node:https');
  const server = https.createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    const out = https.request(`${target}${req.url}`, { method: req.method, headers: req.headers, rejectUnauthorized: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { address: `https://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
