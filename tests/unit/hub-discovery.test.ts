import { execFileSync, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// mDNS for real: the hub advertises in one network namespace and a pupil PC finds it from another,
// over a veth pair (multicast crosses it as it crosses a switch). Needs root and iproute2 (CI has both).
const ROOT = path.join(__dirname, '../..');
const PEER = path.join(ROOT, 'tests/support/mdns-peer.ts');
const canRun = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0;
const suffix = `${process.pid % 10000}`;
const [NS_HUB, NS_PC] = [`kite-hub-${suffix}`, `kite-pc-${suffix}`];
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

function inNs(ns: string, args: string[]) {
  return spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', PEER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(!canRun)('hub discovery with mDNS across network namespaces (root only)', () => {
  beforeAll(() => {
    ip('netns', 'add', NS_HUB);
    ip('netns', 'add', NS_PC);
    ip('link', 'add', `kh${suffix}`, 'type', 'veth', 'peer', 'name', `kp${suffix}`);
    for (const [ns, dev, addr] of [[NS_HUB, `kh${suffix}`, '10.77.0.1/24'], [NS_PC, `kp${suffix}`, '10.77.0.2/24']] as const) {
      ip('link', 'set', dev, 'netns', ns);
      ip('-n', ns, 'addr', 'add', addr, 'dev', dev);
      ip('-n', ns, 'link', 'set', dev, 'up', 'multicast', 'on');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
    }
  });
  afterAll(() => {
    for (const ns of [NS_HUB, NS_PC]) spawnSync('ip', ['netns', 'delete', ns]);
  });

  it('a pupil PC in another namespace finds the hub: its name, its address on that network, its certificate fingerprint', async () => {
    const hub = inNs(NS_HUB, ['advertise', 'Room 3', '5317']);
    await new Promise<void>((resolve, reject) => {
      hub.stdout.on('data', (c: Buffer) => c.toString().includes('advertising') && resolve());
      hub.on('exit', (code) => reject(new Error(`the advertiser stopped (${code})`)));
    });
    const pc = inNs(NS_PC, ['find', '', '4000']);
    let out = '';
    pc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    let err = '';
    pc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise((resolve) => pc.on('exit', resolve));
    hub.kill('SIGTERM');
    const hubs = JSON.parse(out || '[]') as { name: string; address: string; hubId: string; fingerprint: string }[];
    expect(hubs, err).toHaveLength(1);
    expect(hubs[0]).toMatchObject({ name: 'Room 3 (01234567)', address: 'https://10.77.0.1:5317', hubId: '0123456789abcdef-hub' });
    expect(hubs[0]?.fingerprint).toMatch(/^10:11:12:/);
  }, 30_000);

  it('finds nothing in a namespace that is not linked to the hub', async () => {
    const lonely = `kite-alone-${suffix}`;
    ip('netns', 'add', lonely);
    try {
      const pc = spawnSync('ip', ['netns', 'exec', lonely, process.execPath, '--import', 'tsx', PEER, 'find', '', '1500'], { cwd: ROOT, encoding: 'utf8' });
      expect(JSON.parse(pc.stdout || '[]')).toEqual([]);
    } finally {
      spawnSync('ip', ['netns', 'delete', lonely]);
    }
  }, 30_000);
});

it.runIf(!canRun)('mDNS discovery across namespaces is skipped: it needs root and iproute2 ("ip netns")', () => {
  expect(canRun).toBe(false);
});
