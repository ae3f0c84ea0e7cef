import https from 'node:https';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionDashboard } from '../../src/shared/contract';
import { makeJpeg } from '../support/media';
import { eventually, rawHttps, roomWithOnePupil, startPupilPc } from '../support/room';
import { tempDir } from '../support/temp';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The room of one pupil (小明 on PC-01) with a 360° photo in the hub's gallery, a session running, and a headset (VR-01) joined. */
async function roomWithHeadset() {
  const room = await roomWithOnePupil();
  const { hub, teacher, cls } = room;
  const card = tempDir();
  makeJpeg(path.join(card, 'pano.jpg'), '1000x500');
  await hub.core.media.importFolder(card);
  const pano = hub.core.media.list().find((i) => i.panorama)!;
  await teacher('session.start', { classId: cls.id, packId: 'org.example.test-pack', lessonId: 'first-lesson' });
  const url = (p: string) => `${hub.address}${p}`;
  const joined = await rawHttps(url('/headset/api/join'), { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: hub.core.hub.joinCode() }) });
  const cookie = (joined.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const gaze = (look: unknown, headers: Record<string, string> = { cookie }) => rawHttps(url('/headset/api/gaze'), { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(look) });
  return { ...room, pano, url, cookie, gaze };
}

/** A headset's tour stream: every `data:` frame as it arrives. */
function openStream(url: string, cookie: string) {
  const frames: { tour: { media: { sha256: string }; target: unknown; recentre: unknown } | null }[] = [];
  const raw: string[] = [];
  let status = 0;
  const req = https.get(url, { headers: { cookie }, rejectUnauthorized: false, agent: false }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      raw.push(chunk);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith('data: ')) frames.push(JSON.parse(frame.slice(6)));
      }
    });
  });
  req.on('error', () => undefined);
  return { frames, raw, status: () => status, close: () => req.destroy() };
}

describe('a joined headset follows the class session\'s guided tour (issue 19)', () => {
  it('streams the tour (picture, spot, recentre, close) to the headset cookie, and never a name', async () => {
    const { hub, teacher, pano, url, cookie } = await roomWithHeadset();
    const stream = openStream(url('/headset/api/stream'), cookie);
    await eventually(() => stream.frames.length === 1, 'the first frame');
    expect(stream.status()).toBe(200);
    expect(stream.frames[0]).toEqual({ tour: null });

    await teacher('session.openTour', { sha256: pano.sha256 });
    await eventually(() => stream.frames.at(-1)?.tour?.media.sha256 === pano.sha256, 'the open tour on the headset');
    await teacher('session.pointTour', { target: { yaw: 1, pitch: 0.2 } });
    await eventually(() => JSON.stringify(stream.frames.at(-1)?.tour?.target ?? null).includes('"yaw":1'), 'the spot on the headset');
    await teacher('session.recentreTour', { yaw: -0.5, pitch: 0 });
    await eventually(() => JSON.stringify(stream.frames.at(-1)?.tour?.recentre ?? null).includes('"seq":1'), 'the recentre on the headset');
    await teacher('session.closeTour', {});
    await eventually(() => stream.frames.at(-1)?.tour === null, 'the closed tour on the headset');
    // The tour only: no pupil's name, no class, no lesson, no poll.
    const all = stream.raw.join('');
    expect(all).not.toContain('小明');
    expect(all).not.toMatch(/classId|lesson|hands|poll/);
    // Unchanged state (another session change) sends no frame.
    const count = stream.frames.length;
    await teacher('session.setMode', { mode: 'free' });
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.frames.length).toBe(count);
    stream.close();
    hub.core.hub.close();
  });

  it('puts a headset\'s gaze on the teacher\'s gaze map under its device name, with who found the spot', async () => {
    const { hub, teacher, pano, gaze, cookie } = await roomWithHeadset();
    // Before any tour, a look is answered with no tour (the page stays home), as a pupil's is.
    const noTour = await gaze({ yaw: 0, pitch: 0 });
    expect([noTour.status, JSON.parse(noTour.text).result]).toEqual([200, { tour: null, found: false, now: expect.any(Number) }]);

    await teacher('session.openTour', { sha256: pano.sha256 });
    await teacher('session.pointTour', { target: { yaw: 1, pitch: 0.2 } });
    const boards: SessionDashboard[] = [];
    hub.core.events.subscribe((name, payload) => name === 'session.dashboard' && boards.push(payload as SessionDashboard));
    const answer = await gaze({ yaw: 1.05, pitch: 0.2 });
    // The same 4-a-second limit as a pupil's: a report right after is dropped (answered, not taken).
    expect((await gaze({ yaw: -2, pitch: 0 })).status).toBe(200);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).result).toMatchObject({ tour: { media: { sha256: pano.sha256 } }, found: true });
    expect(answer.text).not.toContain('小明');
    await eventually(() => boards.some((b) => b.tour?.gazes.some((g) => g.name === 'VR-01')), 'the headset on the gaze map');
    const board = await teacher('session.dashboard', {});
    expect(board.tour?.gazes).toEqual([expect.objectContaining({ name: 'VR-01', yaw: 1.05, pitch: 0.2, found: true })]);
    expect(board.tour).toMatchObject({ found: 1 });


    // Bad looks are refused and change nothing.
    for (const bad of ['{"yaw":"NaN","pitch":0}', '{"yaw":4,"pitch":0}', '{"yaw":0}', 'not json']) {
      const res = await rawHttps(`${hub.address}/headset/api/gaze`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: bad });
      expect(res.status, bad).toBe(400);
    }
    expect((await teacher('session.dashboard', {})).tour?.gazes).toEqual([expect.objectContaining({ name: 'VR-01', yaw: 1.05 })]);
    await teacher('session.closeTour', {});
    // A look that crossed the closing: answered with no tour (the page goes home), and not on the map.
    const late = await gaze({ yaw: 0, pitch: 0 });
    expect([late.status, JSON.parse(late.text).result]).toEqual([200, { tour: null, found: false, now: expect.any(Number) }]);
    // The next tour starts its map afresh, and the headset shows there by its name again.
    await teacher('session.openTour', { sha256: pano.sha256 });
    expect((await teacher('session.dashboard', {})).tour?.gazes).toEqual([]);
    expect((await gaze({ yaw: -0.5, pitch: 0 })).status).toBe(200);
    expect((await teacher('session.dashboard', {})).tour?.gazes).toEqual([expect.objectContaining({ name: 'VR-01', yaw: -0.5, found: false })]);
    hub.core.hub.close();
  });

  it('refuses the stream and gaze without the headset cookie, or with a pupil PC\'s credential', async () => {
    const { hub, teacher, pano, url, gaze } = await roomWithHeadset();
    await teacher('session.openTour', { sha256: pano.sha256 });
    const { token: pcToken } = await startPupilPc().core.hub.join(hub.address, hub.core.hub.joinCode(), 'PC-02');
    const cases: Record<string, string>[] = [{}, { cookie: 'kite_headset=nonsense.value' }, { authorization: `Bearer ${pcToken}` }, { cookie: `kite_headset=${pcToken}` }];
    for (const headers of cases) {
      const stream = await rawHttps(url('/headset/api/stream'), { headers });
      expect([401, 403], JSON.stringify(headers)).toContain(stream.status);
      expect((await gaze({ yaw: 0, pitch: 0 }, headers)).status).not.toBe(200);
    }
    expect((await teacher('session.dashboard', {})).tour?.gazes).toEqual([]);
    hub.core.hub.close();
  });
});
