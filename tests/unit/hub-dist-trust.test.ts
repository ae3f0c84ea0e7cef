import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import type { RoomContent } from '../../src/shared/contract';
import { createGate } from '../../src/core/hub/distribution/gate';
import { makeH264 } from '../support/media';
import { buildFixturePack, fixtureKeys, fixtureLesson } from '../support/packs';
import { screen } from '../support/progress';
import { codeOf, eventually, joinPupilPcs, startHub, startPupilPc } from '../support/room';
import { importFetched } from '../../src/core/hub/distribution/install';
import { generateKeyPair } from '../../src/core/packs/signing';
import type { ContentItem } from '../../src/shared/contract/hub-content';
import { tempDir } from '../support/temp';

const packOn = (core: Core, id: string) => core.packs.list().find((p) => p.id === id);

/** Ask the hub's "who has what" until `check` holds for it. */
async function viewUntil(teacher: ReturnType<typeof screen>, check: (view: RoomContent) => boolean, what: string): Promise<RoomContent> {
  let view: RoomContent | undefined;
  await eventually(() => {
    void teacher('room.content').then((v) => (view = v));
    return !!view && check(view);
  }, what, 20_000);
  return view as RoomContent;
}

describe('what the room trusts, videos, session packs and hand imports (issue 15)', () => {
  it('an unsigned pack the teacher confirmed on the hub is installed as unsigned, except on a PC that accepts only signed packs', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    await hub.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.local', lessons: [fixtureLesson('made-here')] }), { trustConfirmed: true });
    const [open, strict] = await joinPupilPcs(hub, 2, (pc) => pc.core.hub.client.pairing()?.deviceName === 'PC-02' && pc.core.settings.update({ packTrustPolicy: 'refuse' }));
    if (!open || !strict) throw new Error('no PCs');
    await teacher('room.send', { packs: ['org.example.local'] });
    await eventually(() => packOn(open.core, 'org.example.local')?.signature === 'unsigned', 'the unsigned pack on PC-01', 20_000);
    const view = await viewUntil(teacher, (v) => v.pcs[1]?.transfers[0]?.status === 'failed', 'the refusal on PC-02');
    expect(view.pcs[1]?.transfers[0]).toMatchObject({ status: 'failed', error: { code: 'pack_untrusted' } });
    expect(packOn(strict.core, 'org.example.local')).toBeUndefined();
    for (const pc of [open, strict]) await pc.stop();
  });

  it('a pack signed by a key the hub does not trust is never vouched for: the PC treats it as an unknown publisher the teacher confirmed', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    await hub.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.other', signWith: fixtureKeys().privateKeyPem }), { trustConfirmed: true });
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    const sent = await teacher('room.send', { packs: ['org.example.other'] });
    expect(sent.offer[0]).toMatchObject({ signature: 'unknown-publisher' });
    expect(sent.offer[0]?.publisher).toBeUndefined();
    await eventually(() => packOn(pc.core, 'org.example.other')?.signature === 'unknown-publisher', 'the pack on the PC', 20_000);
    await pc.stop();
  });

  it('sends a drone video to the pupil PCs, and it joins each gallery under its title', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    const card = tempDir();
    makeH264(path.join(card, '稻田上空.mp4'), { seconds: 2 });
    const report = await hub.core.media.importFolder(card);
    const sha256 = report.imported[0] as string;
    const pcs = await joinPupilPcs(hub, 2);
    await teacher('room.send', { media: [sha256] });
    await eventually(() => pcs.every((pc) => pc.core.media.has(sha256)), 'the video on both PCs', 30_000);
    for (const pc of pcs) expect(pc.core.media.get(sha256).title).toBe('稻田上空');
    const view = await viewUntil(teacher, (v) => v.pcs.every((p) => p.media.some((m) => m.sha256 === sha256)), 'the video in who-has-what');
    expect(view.pcs[0]?.media).toEqual([{ sha256, title: '稻田上空' }]);
    for (const pc of pcs) await pc.stop();
  });

  it("a pupil PC following a session fetches the session's pack when it lacks it", { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    await hub.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.session', lessons: [fixtureLesson('today')] }), { trustConfirmed: true });
    const cls = await teacher('classes.create', { name: '四年级二班', grade: 4 });
    await teacher('pupils.add', { classId: cls.id, name: '小红' });
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    expect(packOn(pc.core, 'org.example.session')).toBeUndefined();
    await teacher('session.start', { classId: cls.id, packId: 'org.example.session', lessonId: 'today' });
    await eventually(() => !!packOn(pc.core, 'org.example.session'), "the session's pack on the PC", 20_000);
    expect(pc.core.packs.lesson('org.example.session', 'today').lesson.id).toBe('today');
    await pc.stop();
  });

  it('a pack copied in by hand from a USB stick shows in who-has-what', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    const onPc = screen(pc.core, 'teacher');
    const usb = await buildFixturePack(tempDir(), { id: 'org.example.usb', version: '2.1.0', title: { 'zh-CN': 'U盘课程', en: 'From a stick' } });
    const { jobId } = await onPc('packs.preview', { source: { kind: 'path', path: usb } });
    const preview = await pc.core.jobs.wait<'packs.import'>(jobId);
    const pin = '2468';
    await onPc('auth.setPin', { pin });
    await onPc('packs.install', { stagingId: preview.result?.stagingId ?? '', pin });
    const view = await viewUntil(teacher, (v) => v.pcs[0]?.packs.some((p) => p.id === 'org.example.usb') ?? false, 'the hand-imported pack on the hub');
    expect(view.pcs[0]?.packs.find((p) => p.id === 'org.example.usb')).toEqual({ id: 'org.example.usb', version: '2.1.0', title: 'U盘课程' });
    await pc.stop();
  });

  it('the PC still checks the signature with the key the hub vouches for: a changed pack or a key that is not what it says is refused', async () => {
    const pc = startPupilPc();
    const keys = fixtureKeys();
    const publisher = { keyId: keys.publicKey.keyId, name: 'Test publisher', publicKey: keys.publicKey.publicKey };
    const item = (file: string, key = publisher): ContentItem => ({ sha256: 'a'.repeat(64), size: fs.statSync(file).size, name: 'x', kind: 'pack', packId: 'org.example.test-pack', version: '1.0.0', signature: 'trusted', publisher: key });
    const deps = { packs: pc.core.packs, media: pc.core.media, staging: tempDir(), signal: new AbortController().signal };
    const changed = await buildFixturePack(tempDir(), { hostile: 'bad-signature' });
    expect(await codeOf(importFetched(item(changed), changed, deps))).toBe('pack_bad_signature');
    const other = generateKeyPair().publicKey;
    const good = await buildFixturePack(tempDir(), { signWith: keys.privateKeyPem });
    // A key whose id is not its own: not vouched for, so an unknown publisher the teacher did not confirm.
    expect(await codeOf(importFetched(item(good, { ...publisher, publicKey: other.publicKey }), good, deps))).toBe('pack_untrusted');
    expect(pc.core.packs.list().find((p) => p.id === 'org.example.test-pack')).toBeUndefined();
    await importFetched(item(good), good, deps);
    expect(pc.core.packs.list().find((p) => p.id === 'org.example.test-pack')?.signature).toBe('trusted');
  });

  it('a PC that already has a newer version of the pack keeps it (the room never takes a PC back to an older version)', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    const teacher = screen(hub.core, 'teacher');
    await hub.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.versions', version: '1.0.0' }), { trustConfirmed: true });
    const [pc] = await joinPupilPcs(hub, 1);
    if (!pc) throw new Error('no PC');
    await pc.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.versions', version: '2.0.0' }), { trustConfirmed: true });
    await teacher('room.send', { packs: ['org.example.versions'] });
    const jobs: string[] = [];
    pc.core.events.subscribe((name) => name === 'jobs.progress' && jobs.push(name));
    await new Promise((r) => setTimeout(r, 1500));
    expect(packOn(pc.core, 'org.example.versions')?.version).toBe('2.0.0');
    expect(hub.core.distribution.transfers().served).toBe(0);
    expect(jobs).toEqual([]);
    await pc.stop();
  });

  it('the hub gate lets `limit` through at once and the rest in arrival order', async () => {
    const gate = createGate(2);
    const order: number[] = [];
    const releases = await Promise.all([gate.acquire(), gate.acquire()]);
    const waiting = [3, 4, 5].map((n) => gate.acquire().then((release) => (order.push(n), release)));
    const leaving = new AbortController();
    const gaveUp = gate.acquire(leaving.signal).catch((error: { code: string }) => error.code);
    expect(gate.stats()).toMatchObject({ active: 2, waiting: 4 });
    leaving.abort();
    expect(await gaveUp).toBe('cancelled');
    releases[0]?.();
    releases[1]?.();
    const next = await Promise.all(waiting.slice(0, 2));
    expect(order).toEqual([3, 4]);
    next[0]?.();
    (await waiting[2])?.();
    next[1]?.();
    expect(order).toEqual([3, 4, 5]);
    expect(gate.stats()).toMatchObject({ limit: 2, active: 0, waiting: 0, peak: 2, served: 5 });
  });
});
