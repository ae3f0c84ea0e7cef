import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { findCards } from '../../src/core/media/scan';
import { createDispatcher } from '../../src/handlers/dispatch';
import type { ImportReport, JobView } from '../../src/shared/contract';
import { makeDjiCard, makeH264, makeHevc, makeJpeg, SRT_FIXTURES } from '../support/media';
import { tempDir } from '../support/temp';
import { parseSrt } from '../../src/core/telemetry/srt';
import { distanceMetres, pointAt } from '../../src/shared/telemetry';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
let card: string;
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});
function core(options: Partial<Parameters<typeof createCore>[0]> = {}): Core {
  const c = createCore({ dataDir: tempDir('kite-media-'), ...options });
  cores.push(c);
  return c;
}
/** What is left in the data folder's media/ and tmp/: proof that nothing half-written stayed. */
function leftovers(c: Core) {
  return {
    media: fs.readdirSync(c.layout.media).filter((f) => !['thumbs', 'telemetry'].includes(f)).sort(),
    tmp: fs.readdirSync(c.layout.tmp),
  };
}

beforeAll(() => {
  card = makeDjiCard(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-card-')));
}, 60_000);
afterAll(() => fs.rmSync(card, { recursive: true, force: true }));

describe('importing from a card laid out like a DJI SD card', () => {
  it('shows what it found before copying: videos, photos, telemetry, proxies, and the format of each video', async () => {
    const c = core();
    const scan = await c.media.scan(card);
    expect(scan.entries.map((e) => e.path)).toEqual(['DCIM/100MEDIA/DJI_0001.MP4', 'DCIM/100MEDIA/DJI_0002.JPG', 'DCIM/100MEDIA/DJI_0003.MP4']);
    expect(scan.entries[0]).toMatchObject({ kind: 'video', srt: 'DCIM/100MEDIA/DJI_0001.SRT', lrf: 'DCIM/100MEDIA/DJI_0001.LRF' });
    expect(scan).toMatchObject({ videos: 2, photos: 1, srts: 1, lrfs: 1 });
    expect(scan.entries.map((e) => e.codec?.split('.')[0])).toEqual(['avc1', undefined, 'avc1']);
    expect(scan.totalBytes).toBe(scan.entries.reduce((s, e) => s + e.size + (e.lrfSize ?? 0), 0));
    expect(leftovers(c).media).toEqual([]);
  });

  it('copies content-addressed, probes each file, attaches telemetry and the proxy', async () => {
    const c = core();
    const report = await c.media.importFolder(card);
    expect(report).toMatchObject({ failed: [], cancelled: false });
    expect(report.imported).toHaveLength(3);
    const mp4 = path.join(card, 'DCIM/100MEDIA/DJI_0001.MP4');
    const video = c.media.get(sha256(mp4));
    expect(fs.readFileSync(path.join(c.layout.media, `${video.sha256}.mp4`)).equals(fs.readFileSync(mp4))).toBe(true);
    expect(video).toMatchObject({ kind: 'video', width: 640, height: 360, duration: 6, fps: 25, title: 'DJI_0001', takenAt: '2024-05-01T10:00:00.000Z', lat: 47.4692, lon: 8.209, panorama: false, hasTelemetry: true });
    expect(video.codec).toMatch(/^avc1\./);
    expect(video.proxySha256).toBe(sha256(path.join(card, 'DCIM/100MEDIA/DJI_0001.LRF')));
    expect(video.proxyUrl).toBe(`/media/${video.proxySha256}.mp4`);
    // Real values from p4p_sample.SRT: 45.6 m high, 49.24 m from home at most.
    expect(video.maxHeight).toBe(45.6);
    expect(video.maxDistance).toBe(49.24);
    const track = c.media.telemetry(video.sha256)!;
    expect(track.points[2]).toMatchObject({ t: 2, speed: 1.9, lat: 47.4692, lon: 8.209 });
    const photo = c.media.get(sha256(path.join(card, 'DCIM/100MEDIA/DJI_0002.JPG')));
    expect(photo).toMatchObject({ kind: 'photo', ext: 'jpg', width: 800, height: 400, panorama: true });
    expect(c.homeSummary().media).toEqual({ videos: 2, photos: 1 });
    expect(leftovers(c).tmp).toEqual([]);
  });

  it('stores the same file once when it is imported twice', async () => {
    const c = core();
    await c.media.importFolder(card);
    const before = leftovers(c).media;
    const again = await c.media.importFolder(card);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(3);
    expect(leftovers(c).media).toEqual(before);
    expect(c.media.list()).toHaveLength(3);
  });

  it('suggests plugged-in cards, camera cards first', () => {
    const root = tempDir('kite-mounts-');
    fs.mkdirSync(path.join(root, 'media/teacher/USB_STICK'), { recursive: true });
    fs.mkdirSync(path.join(root, 'media/teacher/DJI_SD/DCIM/100MEDIA'), { recursive: true });
    fs.mkdirSync(path.join(root, 'mnt/backup'), { recursive: true });
    expect(findCards('linux', { USER: 'teacher' }, root)).toEqual([
      { path: path.join(root, 'media/teacher/DJI_SD'), camera: true },
      { path: path.join(root, 'media/teacher/USB_STICK'), camera: false },
      { path: path.join(root, 'mnt/backup'), camera: false },
    ]);
  });

  it('reports progress in files and bytes, and can be cancelled leaving no half files', async () => {
    const c = core();
    const dir = tempDir('kite-big-');
    for (const name of ['a.mp4', 'b.mp4']) fs.writeFileSync(path.join(dir, name), crypto.randomBytes(24 * 1024 * 1024));
    const scan = await c.media.scan(dir);
    const progress: number[] = [];
    c.events.subscribe((name, payload) => {
      const job = payload as JobView;
      if (name !== 'jobs.progress' || job.kind !== 'media.import' || !job.progress) return;
      progress.push(job.progress.bytesDone);
      expect(job.progress.bytesTotal).toBe(48 * 1024 * 1024);
      if (job.progress.bytesDone > 0) c.jobs.cancel(job.jobId);
    });
    const job = await c.jobs.wait<'media.import'>(c.media.startImport(scan.scanId).jobId);
    expect(job.status).toBe('cancelled');
    const report = job.result as ImportReport;
    expect(report.cancelled).toBe(true);
    expect(report.imported).toEqual([]);
    expect(progress[0]).toBe(0);
    expect(leftovers(c)).toEqual({ media: [], tmp: [] });
  });
});

describe('bad input during import', () => {
  it('refuses corrupt, truncated, zero-byte and non-video files with a reason, keeping the good ones', async () => {
    const c = core();
    const dir = tempDir('kite-bad-');
    const good = makeH264(path.join(dir, 'good.mp4'), { seconds: 1 });
    fs.writeFileSync(path.join(dir, 'truncated.mp4'), fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size * 0.6)));
    fs.writeFileSync(path.join(dir, 'zero.mp4'), '');
    fs.writeFileSync(path.join(dir, 'garbage.mov'), crypto.randomBytes(5000));
    fs.writeFileSync(path.join(dir, 'text.jpg'), 'this is not a photo');
    const noMoov = Buffer.from(fs.readFileSync(good));
    noMoov.write('free', noMoov.indexOf('moov') , 'latin1'); // the header box renamed: a recording cut off before it was written
    fs.writeFileSync(path.join(dir, 'nomoov.mp4'), noMoov);
    const report = await c.media.importFolder(dir);
    expect(report.imported).toEqual([sha256(good)]);
    const reasons = Object.fromEntries(report.failed.map((f) => [f.path, f.reason]));
    expect(reasons['truncated.mp4']).toMatch(/truncated/);
    expect(reasons['zero.mp4']).toMatch(/empty/);
    expect(reasons['garbage.mov']).toMatch(/not an MP4|damaged|truncated/);
    expect(reasons['text.jpg']).toMatch(/not a JPEG/);
    expect(reasons['nomoov.mp4']).toMatch(/no movie header/);
    // What went wrong as a code and a word, which the teacher console says in the teacher's language.
    const problems = Object.fromEntries(report.failed.map((f) => [f.path, [f.code, f.details?.problem]]));
    expect(problems['truncated.mp4']).toEqual(['media_invalid', 'truncated']);
    expect(problems['zero.mp4']).toEqual(['empty_file', undefined]);
    expect(problems['text.jpg']).toEqual(['media_invalid', 'not_jpeg']);
    expect(problems['nomoov.mp4']).toEqual(['media_invalid', 'no_moov']);
    expect(leftovers(c)).toEqual({ media: [`${sha256(good)}.mp4`], tmp: [] });
  });

  it('imports an HEVC video and records its codec, so the player can choose the proxy or say it cannot play', async () => {
    const c = core();
    const dir = tempDir('kite-hevc-');
    const file = makeHevc(path.join(dir, 'DJI_0100.MP4'));
    // Known before copying, so the teacher is warned at scan time.
    expect((await c.media.scan(dir)).entries[0]?.codec).toMatch(/^hvc1\./);
    await c.media.importFolder(dir);
    expect(c.media.get(sha256(file)).codec).toMatch(/^hvc1\./);
  });

  it('notices a card pulled out: a file gone before its copy, a file cut short during it', async () => {
    const c = core();
    const dir = tempDir('kite-pulled-');
    fs.writeFileSync(path.join(dir, 'a-gone.mp4'), crypto.randomBytes(1000));
    fs.writeFileSync(path.join(dir, 'b-shrinks.mp4'), crypto.randomBytes(20 * 1024 * 1024));
    const scan = await c.media.scan(dir);
    fs.rmSync(path.join(dir, 'a-gone.mp4'));
    c.events.subscribe((name, payload) => {
      // The card "goes away" as the second copy starts: the file ends early.
      const job = payload as JobView;
      if (name === 'jobs.progress' && job.kind === 'media.import' && job.progress?.current === 'b-shrinks.mp4') fs.truncateSync(path.join(dir, 'b-shrinks.mp4'), 5 * 1024 * 1024);
    });
    const report = (await c.jobs.wait<'media.import'>(c.media.startImport(scan.scanId).jobId)).result as ImportReport;
    expect(report.failed.map((f) => f.path)).toEqual(['a-gone.mp4', 'b-shrinks.mp4']);
    for (const f of report.failed) expect(f.reason).toMatch(/pulled out/);
    expect(leftovers(c)).toEqual({ media: [], tmp: [] });
  });

  it('refuses to start when the disk has too little space, writing nothing', async () => {
    const c = core({ mediaFreeBytes: () => 50 * 1024 * 1024 });
    await expect(c.media.importFolder(card)).rejects.toMatchObject({ code: 'disk_full', message: expect.stringMatching(/Not enough space/) });
    expect(leftovers(c)).toEqual({ media: [], tmp: [] });
  });

  it('fills a real tiny disk (tmpfs) mid-copy: clear error, nothing half-written', async (ctx) => {
    const mountPoint = tempDir('kite-tmpfs-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      ctx.skip(); // needs root (CI containers run as root; a developer's PC may not)
      return;
    }
    try {
      const c = createCore({ dataDir: mountPoint, mediaFreeBytes: () => Number.MAX_SAFE_INTEGER });
      try {
        const dir = tempDir('kite-full-');
        const small = makeH264(path.join(dir, 'a-small.mp4'), { seconds: 1 });
        fs.writeFileSync(path.join(dir, 'b-big.mp4'), crypto.randomBytes(6 * 1024 * 1024));
        const report = await c.media.importFolder(dir);
        expect(report.imported).toEqual([sha256(small)]);
        expect(report.failed).toEqual([{ path: 'b-big.mp4', reason: expect.stringMatching(/disk is full/), code: 'disk_full' }]);
        expect(leftovers(c)).toEqual({ media: [`${sha256(small)}.mp4`], tmp: [] });
        expect(c.media.list()).toHaveLength(1);
      } finally {
        c.close();
      }
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });

  it('leaves out telemetry from a different video or an unreadable SRT, and keeps the video', async () => {
    const c = core();
    const dir = tempDir('kite-srt-');
    makeH264(path.join(dir, 'A.MP4'), { seconds: 2 });
    fs.copyFileSync(path.join(SRT_FIXTURES, 'mavic_pro.SRT'), path.join(dir, 'A.SRT')); // a 469 s flight
    makeH264(path.join(dir, 'B.MP4'), { seconds: 2, size: '160x120' });
    fs.copyFileSync(path.join(SRT_FIXTURES, 'broken_empty.SRT'), path.join(dir, 'B.SRT'));
    makeH264(path.join(dir, 'C.MP4'), { seconds: 2, size: '192x108' });
    fs.writeFileSync(path.join(dir, 'C.SRT'), `${fs.readFileSync(path.join(SRT_FIXTURES, 'mavic_air2.srt'), 'utf8').slice(0, 600)}\n\n@@@ garbage line @@@\n\n`);
    const report = await c.media.importFolder(dir);
    expect(report.imported).toHaveLength(3);
    const warnings = Object.fromEntries(report.warnings.map((w) => [w.path, w.reason]));
    expect(warnings['A.SRT']).toMatch(/another video/);
    expect(warnings['B.SRT']).toMatch(/empty/);
    expect(warnings['C.SRT']).toMatch(/skipped/);
    // Codes and numbers, so the teacher reads them in their own language.
    const coded = Object.fromEntries(report.warnings.map((w) => [w.path, { code: w.code, details: w.details }]));
    expect(coded['A.SRT']).toEqual({ code: 'telemetry_other_video', details: { covers: 469, lasts: 2 } });
    expect(coded['B.SRT']).toMatchObject({ code: 'telemetry_not_used', details: { message: expect.stringMatching(/empty/), problem: 'empty' } });
    expect(coded['C.SRT']).toMatchObject({ code: 'telemetry_blocks_skipped', details: { count: expect.any(Number) } });
    const byTitle = Object.fromEntries(c.media.list().map((i) => [i.title, i]));
    expect(byTitle.A!.hasTelemetry).toBe(false);
    expect(byTitle.B!.hasTelemetry).toBe(false);
    expect(byTitle.C!.hasTelemetry).toBe(true);
    expect(c.media.telemetry(byTitle.C!.sha256)!.points[0]).toMatchObject({ lat: 41.420684, lon: 2.162162, altitude: 27.3 });
  });
});

describe('telemetry for the player', () => {
  it('thins a 50-a-second flight log to ten points a second and keeps its shape', { timeout: 60_000 }, async () => {
    const c = core();
    const dir = tempDir('kite-thin-');
    // MAVIC3.srt is a real 246 s flight written fifty times a second (12,318 blocks).
    makeH264(path.join(dir, 'LONG.MP4'), { seconds: 247, size: '64x64', rate: 1 });
    fs.copyFileSync(path.join(SRT_FIXTURES, 'MAVIC3.srt'), path.join(dir, 'LONG.SRT'));
    expect((await c.media.importFolder(dir)).warnings).toEqual([]);
    const full = parseSrt(fs.readFileSync(path.join(SRT_FIXTURES, 'MAVIC3.srt'), 'utf8')).points;
    const kept = c.media.telemetry(c.media.list()[0]!.sha256)!.points;
    expect(full.length).toBe(12_318);
    // At most ten a second (a file the player can load at once), and not thinned to nothing.
    expect(kept.length).toBeLessThanOrEqual(Math.ceil(full.at(-1)!.t * 10) + 2);
    expect(kept.length).toBeGreaterThan(full.at(-1)!.t * 9);
    // The take-off and the landing stay exactly.
    expect(kept[0]).toEqual(full[0]);
    expect(kept.at(-1)).toEqual(full.at(-1));
    // No hole in the path: every original point is within 0.12 s of the point the player shows then, and no farther from it than
    // the drone flies in that time (single GPS steps in this log reach 3.5 m).
    for (const p of full) {
      const shown = pointAt(kept, p.t)!;
      expect(p.t - shown.t).toBeLessThan(0.12);
      expect(distanceMetres(p as { lat: number; lon: number }, shown as { lat: number; lon: number })).toBeLessThan(6);
    }
  });
});

describe('the gallery through the contract', () => {
  it('edits, tags, resolves gallery: references, keeps resume positions per pupil (per window for guests), deletes', async () => {
    const c = core();
    await c.media.importFolder(card);
    const dispatch = createDispatcher(c);
    const pupil = c.sessions.create();
    const teacher = c.sessions.create();
    c.sessions.setRole(teacher.id, 'teacher');
    const call = (session: typeof pupil, method: string, input?: unknown) => dispatch(method, input, { session });
    const sha = sha256(path.join(card, 'DCIM/100MEDIA/DJI_0001.MP4'));

    expect(await call(pupil, 'media.scan', { path: card })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(pupil, 'media.delete', { sha256: sha })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(teacher, 'media.update', { sha256: sha, title: '我们的村子', place: '石桥村', tags: ['村子', '河'] })).toMatchObject({ ok: true, result: { title: '我们的村子', tags: ['村子', '河'].sort() } });
    expect(await call(pupil, 'media.get', { ref: `gallery:${sha}` })).toMatchObject({ ok: true, result: { sha256: sha, place: '石桥村', url: `/media/${sha}.mp4` } });
    expect(await call(pupil, 'media.get', { ref: 'gallery:../../kite.db' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await call(pupil, 'media.savePosition', { sha256: sha, seconds: 4.5 })).toMatchObject({ ok: true });
    expect(await call(pupil, 'media.position', { sha256: sha })).toEqual({ ok: true, result: { seconds: 4.5 } });
    expect(await call(teacher, 'media.position', { sha256: sha })).toEqual({ ok: true, result: { seconds: 0 } });

    // A signed-in pupil's place follows them to another window (or after a restart); other pupils start at 0.
    const cls = c.progress.roster.createClass('三年级一班', 3);
    const [ming, hong] = [c.progress.roster.addPupil(cls.id, '小明'), c.progress.roster.addPupil(cls.id, '小红')];
    const [window1, window2] = [c.sessions.create(), c.sessions.create()];
    expect(await call(window1, 'pupils.signIn', { pupilId: ming.id })).toMatchObject({ ok: true });
    expect(await call(window1, 'media.savePosition', { sha256: sha, seconds: 12 })).toMatchObject({ ok: true });
    expect(await call(window2, 'pupils.signIn', { pupilId: hong.id })).toMatchObject({ ok: true });
    expect(await call(window2, 'media.position', { sha256: sha })).toEqual({ ok: true, result: { seconds: 0 } });
    await call(window2, 'pupils.signOut');
    expect(await call(window2, 'pupils.signIn', { pupilId: ming.id })).toMatchObject({ ok: true });
    expect(await call(window2, 'media.position', { sha256: sha })).toEqual({ ok: true, result: { seconds: 12 } });

    const jpeg = fs.readFileSync(path.join(card, 'DCIM/100MEDIA/DJI_0002.JPG')).toString('base64');
    expect(await call(teacher, 'media.saveThumbnail', { sha256: sha, kind: 'thumb', jpegBase64: jpeg })).toMatchObject({ ok: true });
    expect(await call(teacher, 'media.saveThumbnail', { sha256: sha, kind: 'preview', index: 2, jpegBase64: Buffer.from('not a jpeg').toString('base64') })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(c.media.get(sha)).toMatchObject({ hasThumbnail: true, thumbnailUrl: `/media/thumbs/${sha}.jpg`, previewFrames: 0 });
    expect(await call(pupil, 'system.keepAwake', { on: true })).toEqual({ ok: true, result: { supported: false } });

    const proxy = c.media.get(sha).proxySha256!;
    expect(await call(teacher, 'media.delete', { sha256: sha })).toMatchObject({ ok: true });
    expect(await call(pupil, 'media.get', { ref: sha })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const gone of [`${sha}.mp4`, `${proxy}.mp4`, `thumbs/${sha}.jpg`, `telemetry/${sha}.json`]) expect(fs.existsSync(path.join(c.layout.media, gone)), gone).toBe(false);
    expect(c.homeSummary().media).toEqual({ videos: 1, photos: 1 });
  });

  it("keeps a signed-in pupil's resume position across a restart and forgets the windows' own", async () => {
    const first = core();
    await first.media.importFolder(card);
    const sha = sha256(path.join(card, 'DCIM/100MEDIA/DJI_0001.MP4'));
    const pupilId = first.progress.roster.addPupil(first.progress.roster.createClass('四年级', 4).id, '小兰').id;
    const [pupilWindow, guestWindow] = [first.sessions.create(), first.sessions.create()];
    const call = (c: Core, session: typeof pupilWindow, method: string, input?: unknown) => createDispatcher(c)(method, input, { session });
    await call(first, pupilWindow, 'pupils.signIn', { pupilId });
    await call(first, guestWindow, 'pupils.signInGuest');
    expect(await call(first, pupilWindow, 'media.savePosition', { sha256: sha, seconds: 30 })).toMatchObject({ ok: true });
    expect(await call(first, guestWindow, 'media.savePosition', { sha256: sha, seconds: 7 })).toMatchObject({ ok: true });
    first.close();

    const again = core({ dataDir: first.layout.root });
    const window = again.sessions.create();
    await call(again, window, 'pupils.signIn', { pupilId });
    expect(await call(again, window, 'media.position', { sha256: sha })).toEqual({ ok: true, result: { seconds: 30 } });
    expect(again.db.prepare('SELECT viewer FROM media_positions').pluck().all()).toEqual([`pupil:${pupilId}`]);
  });

  it('keeps the screen awake through the host when it can (Electron)', async () => {
    const calls: boolean[] = [];
    const c = core({ host: { keepAwake: (on) => void calls.push(on) } });
    const dispatch = createDispatcher(c);
    const session = c.sessions.create();
    expect(await dispatch('system.keepAwake', { on: true }, { session })).toEqual({ ok: true, result: { supported: true } });
    await dispatch('system.keepAwake', { on: false }, { session });
    expect(calls).toEqual([true, false]);
  });

  it('detects 360° photos and videos: 2:1, or saying so in their metadata', async () => {
    const c = core();
    const dir = tempDir('kite-photos-');
    makeJpeg(path.join(dir, 'pano.jpg'), '1000x500');
    makeJpeg(path.join(dir, 'flat.jpeg'), '400x300');
    makeH264(path.join(dir, 'sphere.mp4'), { seconds: 1, size: '640x320' });
    // A 360° camera's export that is not 2:1 but carries Google's spherical video metadata.
    makeH264(path.join(dir, 'marked.mp4'), { seconds: 1, size: '640x400', spherical: true });
    makeH264(path.join(dir, 'plain.mp4'), { seconds: 1, size: '640x400' });
    // A cropped panorama (not 2:1) that says it is equirectangular in its XMP.
    const cropped = fs.readFileSync(makeJpeg(path.join(tempDir(), 'c.jpg'), '900x300'));
    const xmp = Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description GPano:ProjectionType="equirectangular"/></x:xmpmeta>', 'latin1');
    const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (xmp.length + 2) >> 8, (xmp.length + 2) & 0xff]), xmp]);
    fs.writeFileSync(path.join(dir, 'cropped.jpg'), Buffer.concat([cropped.subarray(0, 2), segment, cropped.subarray(2)]));
    await c.media.importFolder(dir);
    const byName = Object.fromEntries(c.media.list().map((i) => [i.originalName, i]));
    expect(byName['pano.jpg']).toMatchObject({ panorama: true, width: 1000, height: 500 });
    expect(byName['flat.jpeg']).toMatchObject({ panorama: false, width: 400, height: 300, ext: 'jpg' });
    expect(byName['sphere.mp4']).toMatchObject({ kind: 'video', panorama: true, width: 640, height: 320 });
    expect(byName['cropped.jpg']).toMatchObject({ panorama: true, width: 900, height: 300 });
    expect(byName['marked.mp4']).toMatchObject({ kind: 'video', panorama: true, width: 640, height: 400 });
    expect(byName['plain.mp4']).toMatchObject({ kind: 'video', panorama: false });
  });
});
