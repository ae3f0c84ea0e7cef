import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { advertiseHub, findHubs } from '../../src/core/hub/discovery';
import { sameHubElsewhere } from '../../src/core/hub/client';
import { followRoom } from '../../src/core/hub/room-wiring';
import { attempt, screen } from '../support/progress';
import { eventually, installFixturePack, startHub, startPupilPc, stopPc } from '../support/room';

// A hub whose address changes (DHCP gave the teacher's PC a new one): the pupil PC finds it again by
// its pinned certificate, with real mDNS on this machine's network and two real hubs advertising.
let mdns = false;
beforeAll(async () => {
  const probe = advertiseHub({ name: 'probe', port: 9, hubId: `probe-${process.pid}`, fingerprint: 'AB'.repeat(32) });
  mdns = (await findHubs(1500)).some((hub) => hub.hubId === `probe-${process.pid}`);
  await probe.stop();
}, 20_000);

const fingerprint = (hex: string) => (hex.match(/../g) ?? []).join(':');

describe('finding the hub again at a new address (issue 15)', () => {
  it('picks only a hub with the pinned certificate and room, at another address', () => {
    const pairing = { address: 'https://10.0.0.5:5317', fingerprint: fingerprint('AB'.repeat(32)), hubId: 'room-1' };
    const found = [
      { name: 'impostor', address: 'https://10.0.0.9:5317', hubId: 'room-1', fingerprint: fingerprint('CD'.repeat(32)) },
      { name: 'other room', address: 'https://10.0.0.8:5317', hubId: 'room-2', fingerprint: fingerprint('EF'.repeat(32)) },
      { name: 'ours, where it was', address: 'https://10.0.0.5:5317', hubId: 'room-1', fingerprint: pairing.fingerprint },
    ];
    expect(sameHubElsewhere(pairing, found)).toBeUndefined();
    const moved = { name: 'ours', address: 'https://10.0.0.23:5317', hubId: 'room-1', fingerprint: pairing.fingerprint.toLowerCase() };
    expect(sameHubElsewhere(pairing, [...found, moved])).toBe(moved);
  });

  it('a pupil PC whose hub comes back at a new address finds it by mDNS, keeps the new address and sends its answers there', { timeout: 60_000 }, async (context) => {
    if (!mdns) context.skip('mDNS does not answer on this machine (no multicast network): the namespace test in hub-discovery covers discovery');
    const hub = await startHub(undefined, 0, { onNetwork: true });
    const other = await startHub(undefined, 0, { onNetwork: true }); // a second room on the same network
    await installFixturePack(hub.core);
    const teacher = screen(hub.core, 'teacher');
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const xiaoming = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    const pc = startPupilPc(undefined, { refindEveryMs: 300, refindWaitMs: 1500 });
    const joinedAt = `https://127.0.0.1:${new URL(hub.address).port}`;
    const paired = await pc.core.hub.join(joinedAt, hub.core.hub.joinCode(), 'PC-01');
    const stop = followRoom(pc.core);
    await eventually(() => pc.core.hub.client.status().link === 'online', 'the pupil PC online');
    await eventually(() => JSON.stringify(pc.core.progress.roster.list()).includes(xiaoming.id), 'the roster on the pupil PC');

    // The teacher's PC restarts with another address (here: another port; with DHCP, another IP).
    await stopPc(hub);
    const moved = await startHub(hub.dataDir, 0, { onNetwork: true });
    const newPort = new URL(moved.address).port;
    expect(newPort).not.toBe(new URL(joinedAt).port);
    const at = () => new URL(pc.core.hub.client.pairing()?.address ?? 'https://x').port;
    await eventually(() => pc.core.hub.client.status().link === 'online' && at() === newPort, 'the pupil PC online at the new address', 40_000);
    const now = pc.core.hub.client.pairing();
    expect(new URL(now?.address ?? '').port).toBe(newPort);
    expect(now?.fingerprint).toBe(paired.fingerprint);
    expect(now?.address).not.toBe(new URL(other.address).origin);
    // Kept on disk: a restart of the pupil PC goes straight to the new address.
    const saved = JSON.parse(fs.readFileSync(path.join(pc.dataDir, 'hub', 'pairing.json'), 'utf8')) as { address: string; token: string };
    expect(saved.address).toBe(now?.address);
    expect(saved.token).toBe(paired.token);
    // The room works there: an answer recorded on the PC reaches the moved hub.
    const pupil = screen(pc.core, 'pupil');
    await pupil('pupils.signIn', { pupilId: xiaoming.id });
    const answer = attempt('question', true, { packId: 'org.example.test-pack', lessonId: 'first-lesson' });
    await pupil('attempts.record', answer);
    await eventually(() => moved.core.db.prepare('SELECT 1 FROM progress_events WHERE id = ?').get(answer.attemptId) !== undefined, 'the answer on the moved hub', 20_000);
    expect(other.core.db.prepare('SELECT count(*) AS n FROM progress_events').get()).toEqual({ n: 0 });
    await stop();
  });
});
