import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { runShell } from '../support/electron-shell';
import { screen } from '../support/progress';
import { startHub, startPupilPc } from '../support/room';
import { tempDir } from '../support/temp';

// The desktop app (the built Electron shell, with a recording fake of `electron`) takes its part in the
// room as `kite serve` does: a paired data folder follows its hub, a hub's opens the room for pupil PCs.

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the desktop app in the room (issue 15)', () => {
  it("on a paired data folder, follows its hub: online on the pupil's screen, the room's roster on the PC", { timeout: 90_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const xiaoming = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    const dataDir = tempDir('kite-shell-pc-');
    const joining = createCore({ dataDir });
    await joining.hub.join(hub.address, hub.core.hub.joinCode(), 'PC-07');
    joining.close();

    const { transcript } = await runShell({ argv: ['--data', dataDir], steps: { settle: { wait: 2500 }, link: { invoke: 'room.link' } } });
    expect(transcript.errors).toEqual([]);
    expect(transcript.results.link).toEqual({ ok: true, result: { hub: 'online' } });
    expect(hub.core.hub.devices.list().map((d) => [d.name, d.lastSeenAt !== null])).toEqual([['PC-07', true]]);
    const after = createCore({ dataDir });
    try {
      expect(after.progress.roster.list().flatMap((c) => c.pupils.map((p) => p.id))).toEqual([xiaoming.id]);
    } finally {
      after.close();
    }
  });

  it("on a hub's data folder, opens the room on the configured port: a pupil PC joins it with the join code", { timeout: 90_000 }, async () => {
    const hubDir = tempDir('kite-shell-hub-');
    const setup = createCore({ dataDir: hubDir });
    setup.hub.setRole('hub');
    const code = setup.hub.joinCode();
    setup.close();
    const port = await freePort();
    const config = path.join(tempDir(), 'config.json');
    fs.writeFileSync(config, JSON.stringify({ lanPort: port }));

    const pc = startPupilPc();
    const shell = runShell({ argv: ['--data', hubDir], env: { KITE_CONFIG: config }, steps: { open: { wait: 10_000 } } });
    let joined: unknown;
    let lastError = '';
    const deadline = Date.now() + 30_000;
    while (joined === undefined && Date.now() < deadline) {
      joined = await pc.core.hub.join(`https://127.0.0.1:${port}`, code, 'PC-08').catch((error: { code?: string }) => {
        lastError = error.code ?? String(error);
        return new Promise((r) => setTimeout(() => r(undefined), 150));
      });
    }
    expect(lastError === '' || lastError === 'hub_unreachable', lastError).toBe(true);
    const { transcript } = await shell;
    expect(transcript.errors).toEqual([]);
    expect(joined).toMatchObject({ deviceName: 'PC-08', address: `https://127.0.0.1:${port}` });
    expect(pc.core.hub.role()).toBe('pupil-pc');
  });
});
