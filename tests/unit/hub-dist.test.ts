import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import type { JobView, RoomContent } from '../../src/shared/contract';
import { buildFixturePack, fixtureKeys, fixtureLesson } from '../support/packs';
import { screen } from '../support/progress';
import { eventually, joinPupilPcs, startHub, startPupilPc } from '../support/room';
import { tempDir } from '../support/temp';

const PACK_ID = 'org.example.room-pack';

/** A pack with one lesson and `extraBytes` of video (random, so it does not compress), signed with the test key unless `unsigned`. */
async function roomPack({ version = '1.0.0', extraBytes = 0, unsigned = false } = {}) {
  return buildFixturePack(tempDir(), {
    id: PACK_ID,
    version,
    title: { 'zh-CN': '网络安全课', en: 'Staying safe online' },
    lessons: [fixtureLesson('passwords')],
    ...(extraBytes ? { media: { 'media/flight.mp4': crypto.randomBytes(extraBytes) } } : {}),
    ...(unsigned ? {} : { signWith: fixtureKeys().privateKeyPem }),
  });
}

/** A hub (hubTransfers: its limit) that trusts the test publisher and has the room pack installed. */
async function hubWithPack(options: Parameters<typeof roomPack>[0] = {}, hubTransfers?: number) {
  const hub = await startHub(undefined, 0, { hubTransfers });
  hub.core.packs.trust.add('Test publisher', fixtureKeys().publicKey.publicKey);
  await hub.core.packs.install(await roomPack(options), { trustConfirmed: true });
  return { hub, teacher: screen(hub.core, 'teacher') };
}

const packOn = (core: Core) => core.packs.list().find((p) => p.id === PACK_ID);
const downloads = (core: Core) => path.join(core.layout.root, 'hub', 'downloads');

describe('content goes out from the hub (issue 15)', () => {
  it('sends a signed pack to three pupil PCs, each verifies it, and the teacher sees who has it', { timeout: 60_000 }, async () => {
    const { hub, teacher } = await hubWithPack({ extraBytes: 2_000_000 });
    const pcs = await joinPupilPcs(hub, 3);
    // The pupil PCs do not know the publisher: the hub vouches for the key, each PC checks the signature with it.
    expect(pcs[0]?.core.packs.trust.list().some((k) => k.keyId === fixtureKeys().publicKey.keyId)).toBe(false);

    const sent = await teacher('room.send', { packs: [PACK_ID] });
    expect(sent.offer).toMatchObject([{ kind: 'pack', packId: PACK_ID, version: '1.0.0', signature: 'trusted' }]);
    await eventually(() => pcs.every((pc) => packOn(pc.core)?.version === '1.0.0'), 'the pack on every pupil PC', 30_000);
    for (const pc of pcs) {
      expect(packOn(pc.core)?.signature).toBe('trusted');
      expect(pc.core.packs.lesson(PACK_ID, 'passwords').lesson.id).toBe('passwords');
      // Their own trust stores are unchanged, and nothing is left in the download area.
      expect(pc.core.packs.trust.list().some((k) => k.keyId === fixtureKeys().publicKey.keyId)).toBe(false);
      expect(fs.readdirSync(downloads(pc.core))).toEqual([]);
    }

    let view: RoomContent | undefined;
    await eventually(() => {
      void teacher('room.content').then((v) => (view = v));
      return view?.pcs.every((pc) => pc.packs.some((p) => p.id === PACK_ID && p.version === '1.0.0') && pc.transfers.length === 0) ?? false;
    }, "every PC's holdings on the hub");
    expect(view?.pcs.map((pc) => [pc.name, pc.online])).toEqual([['PC-01', true], ['PC-02', true], ['PC-03', true]]);
    expect(view?.pcs[0]?.packs.find((p) => p.id === PACK_ID)?.title).toBe('网络安全课');
    expect(hub.core.distribution.transfers().served).toBe(3);
    for (const pc of pcs) await pc.stop();
  });

  it('serves at most the limit at once and the rest wait their turn', { timeout: 60_000 }, async () => {
    const { hub, teacher } = await hubWithPack({ extraBytes: 12_000_000 }, 1);
    const pcs = await joinPupilPcs(hub, 3);
    let waitedAtOnce = 0;
    const watch = setInterval(() => (waitedAtOnce = Math.max(waitedAtOnce, hub.core.distribution.transfers().waiting)), 2);
    await teacher('room.send', { packs: [PACK_ID] });
    await eventually(() => pcs.every((pc) => packOn(pc.core)), 'the pack on every pupil PC', 40_000);
    clearInterval(watch);
    expect(hub.core.distribution.transfers()).toMatchObject({ limit: 1, peak: 1, active: 0, waiting: 0, served: 3 });
    expect(waitedAtOnce).toBeGreaterThan(0);
    for (const pc of pcs) await pc.stop();
  });

  it('a PC waits its turn in the hub queue longer than any request timeout and still gets the file, in one try', { timeout: 90_000 }, async () => {
    const { hub, teacher } = await hubWithPack({ extraBytes: 40_000_000 }, 1);
    const [item] = (await teacher('room.send', { packs: [PACK_ID] })).offer;
    // Another paired PC holds the only place and reads nothing, so its transfer stalls.
    const holder = startPupilPc();
    await holder.core.hub.join(hub.address, hub.core.hub.joinCode(), 'HOLDER');
    const stalled = await holder.core.hub.client.open(`/room/content/${item?.sha256}`);
    stalled.pause();
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    const ended: JobView[] = [];
    pc.core.events.subscribe((name, payload) => name === 'jobs.finished' && ended.push(payload as JobView));
    await eventually(() => hub.core.distribution.transfers().waiting === 1, 'the PC waiting its turn');
    await new Promise((r) => setTimeout(r, 12_000)); // longer than the 10 s a request may stay silent
    expect(hub.core.distribution.transfers()).toMatchObject({ active: 1, waiting: 1 });
    stalled.destroy();
    await eventually(() => packOn(pc.core)?.version === '1.0.0', 'the pack on the PC', 30_000);
    expect(ended.map((job) => job.status)).toEqual(['finished']);
    await pc.stop();
  });

  it('a damaged partial file is refused after the download, deleted, and fetched again whole', { timeout: 60_000 }, async () => {
    const { hub, teacher } = await hubWithPack({ extraBytes: 300_000 });
    const [item] = (await teacher('room.send', { packs: [PACK_ID] })).offer;
    if (!item) throw new Error('nothing offered');
    // As if a bad disk had damaged what a first try left: the PC resumes from this half, with one wrong byte.
    const half = fs.readFileSync(path.join(hub.core.layout.root, 'hub', 'content', `${item.sha256}.kpack`)).subarray(0, Math.floor(item.size / 2));
    half[100] = (half[100] ?? 0) ^ 0xff;
    const [pc] = await joinPupilPcs(hub, 1, (joined) => {
      fs.mkdirSync(downloads(joined.core), { recursive: true });
      fs.writeFileSync(path.join(downloads(joined.core), `${item.sha256}.part`), half);
    });
    if (!pc) throw new Error('no PC');
    await eventually(() => packOn(pc.core)?.version === '1.0.0', 'the pack installed after a fresh download', 20_000);
    // Two transfers: the resumed second half (then refused), and the whole file again.
    expect(hub.core.distribution.transfers().served).toBe(2);
    expect(fs.readdirSync(downloads(pc.core))).toEqual([]);
    await pc.stop();
  });

  it('a file the hub serves damaged is never used: the PC fails it in plain words and keeps nothing', { timeout: 60_000 }, async () => {
    const { hub, teacher } = await hubWithPack({ extraBytes: 300_000 });
    const [item] = (await teacher('room.send', { packs: [PACK_ID] })).offer;
    const file = path.join(hub.core.layout.root, 'hub', 'content', `${item?.sha256}.kpack`);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 200] = (bytes[bytes.length - 200] ?? 0) ^ 0x01;
    fs.writeFileSync(file, bytes);
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    let view: RoomContent | undefined;
    await eventually(() => {
      void teacher('room.content').then((v) => (view = v));
      return view?.pcs[0]?.transfers[0]?.status === 'failed';
    }, 'the failure on the hub', 20_000);
    expect(view?.pcs[0]?.transfers[0]).toMatchObject({ name: '网络安全课', status: 'failed', error: { code: 'content_corrupt', details: { name: '网络安全课' } } });
    expect(packOn(pc.core)).toBeUndefined();
    expect(fs.readdirSync(downloads(pc.core))).toEqual([]);
    await pc.stop();
  });
});
