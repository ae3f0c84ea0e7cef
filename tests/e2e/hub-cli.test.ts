import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runKite, startKite, type KiteServer } from './support/app';
import { freePort, startHubKite, until } from './support/hub';

const CHINESE = { LANG: 'zh_CN.UTF-8' };
const started: KiteServer[] = [];
afterEach(async () => {
  for (const kite of started.splice(0)) await kite.stop();
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kite-hubcli-'));
async function startHubCli(dataDir = tmp(), port = 0) {
  const hub = await startHubKite(dataDir, port);
  started.push(hub.kite);
  return hub;
}


describe('kite serve --hub, kite join, kite hub devices|remove', () => {
  it('runs a room: wrong code and right code, a pupil PC that connects, the device list, removing it', async () => {
    const hubDir = tmp();
    const hub = await startHubCli(hubDir);
    expect(hub.kite.output()).toMatch(/Kite Classroom is running at http:\/\/127\.0\.0\.1:\d+\//);
    // Other PCs get HTTPS only: the hub's own screens are not served to them in clear.
    const pupilDir = tmp();
    const wrong = hub.code === '000000' ? '111111' : '000000';
    const refused = await runKite(['join', hub.address, '--code', wrong, '--data', pupilDir]);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain("kite join: That join code is not right. Check the 6-digit code on the teacher's screen");
    const refusedZh = await runKite(['join', hub.address, '--code', wrong, '--data', pupilDir], { env: CHINESE });
    expect(refusedZh.stderr).toContain('加入码不对');

    // Without an address, kite join lists the hubs that answer on this network (DNS-SD).
    const listed = await runKite(['join']);
    expect(listed.stdout).toContain("teacher's PC(s) found on this network");
    expect(listed.stdout).toContain(`  ${new URL(hub.address).host}\t`);

    const joined = await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir]);
    expect(joined.stderr).toBe('');
    expect(joined).toMatchObject({ code: 0 });
    expect(joined.stdout).toContain(`This PC joined the teacher's PC at ${hub.address}`);

    const pupil = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pupil);
    await until(() => pupil.output().includes("Connected to the teacher's PC"), pupil, 'the pupil PC online');

    const devices = await runKite(['hub', 'devices', '--data', hubDir]);
    expect(devices.stdout).toContain('1 pupil PC(s) and 0 VR headset(s)');
    const name = os.hostname();
    expect(devices.stdout).toContain(`\t${name}\t${new URL(hub.address).hostname}\tlast seen `);

    const removed = await runKite(['hub', 'remove', name, '--data', hubDir]);
    expect(removed.stdout).toContain(`Removed "${name}" from the room.`);
    expect((await runKite(['hub', 'devices', '--data', hubDir])).stdout).toContain('No pupil PC or VR headset has joined this room yet.');
    // The running pupil PC is cut off at the hub's next heartbeat and told why.
    await until(() => pupil.output().includes('The teacher removed this PC from the room.'), pupil, 'the removal message', 40_000);
  });

  it('says "cannot be reached" and "changed certificate" each in its own words', async () => {
    const closed = await freePort();
    const unreachable = await runKite(['join', `127.0.0.1:${closed}`, '--code', '123456', '--data', tmp()]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`The teacher's PC (the hub at https://127.0.0.1:${closed}) cannot be reached.`);
    expect((await runKite(['join', `127.0.0.1:${closed}`, '--code', '123456', '--data', tmp()], { env: CHINESE })).stderr).toContain('连不上老师的电脑');

    const port = await freePort();
    const hubDir = tmp();
    const hub = await startHubCli(hubDir, port);
    const pupilDir = tmp();
    expect((await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir])).code).toBe(0);
    await hub.kite.stop();
    fs.rmSync(path.join(hubDir, 'hub', 'identity.json'));
    await startHubCli(hubDir, port);
    const pupil = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pupil);
    await until(() => pupil.output().includes('now shows a different security certificate'), pupil, 'the changed-certificate message');
    expect(pupil.output()).not.toContain("Connected to the teacher's PC");
  });

  it('refuses bad usage of the hub commands in plain words', async () => {
    expect((await runKite(['join', 'a', 'b', '--code', '123456'])).stderr).toContain("give the teacher's PC address");
    expect((await runKite(['join', '127.0.0.1', '--data', tmp()])).stderr).toContain('give the 6-digit join code');
    expect((await runKite(['join', '127.0.0.1', '--code', '12ab', '--data', tmp()])).stderr).toContain('The join code is the 6 digits');
    expect((await runKite(['hub', 'remove', 'PC-99', '--data', tmp()])).stderr).toContain('No PC in this room is called "PC-99"');
    expect((await runKite(['hub', 'fly', '--data', tmp()])).code).toBe(1);
  });
});
