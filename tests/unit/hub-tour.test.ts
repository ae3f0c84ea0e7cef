import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionDashboard } from '../../src/shared/contract';
import { SessionState } from '../../src/shared/contract/session';
import type { SessionRecord } from '../../src/core/hub/session/record';
import { publicState } from '../../src/core/hub/session/views';
import { classPosition, degreesBetween, followClass, hubOffset, lookOf, lookVector, secondsApart, turnWay, wrapYaw } from '../../src/shared/tour';
import { lookAtPoint, screenPoint } from '../../src/renderer/src/lib/panoramaLook';
import { makeH264, makeJpeg } from '../support/media';
import { eventually, roomWithOnePupil } from '../support/room';
import { classRoom, PACK } from '../support/session';
import { tempDir } from '../support/temp';

const LESSON = { packId: PACK, lessonId: 'first-lesson' };
const DEG = Math.PI / 180;

/** The class room of the session tests, with a 360° photo and a flat one in the hub's gallery, and a session running. */
async function tourRoom() {
  const room = await classRoom();
  const card = tempDir();
  makeJpeg(path.join(card, 'pano.jpg'), '1000x500');
  makeJpeg(path.join(card, 'flat.jpg'), '400x300');
  await room.core.media.importFolder(card);
  const items = room.core.media.list();
  const pano = items.find((i) => i.panorama)!;
  const flat = items.find((i) => !i.panorama)!;
  await room.teacher('session.start', { classId: room.cls.id, ...LESSON });
  for (const p of room.pupils) await p.call('session.hello');
  return { ...room, pano, flat };
}

const saved = (room: Awaited<ReturnType<typeof tourRoom>>) => room.core.db.prepare("SELECT value FROM kv WHERE key = 'hub.session'").pluck().get() as string;

describe('the guided tour geometry (shared/tour.ts)', () => {
  it('measures angles, wraps yaw, and points the shortest way round', () => {
    expect(degreesBetween({ yaw: 0, pitch: 0 }, { yaw: 90 * DEG, pitch: 0 })).toBeCloseTo(90);
    expect(wrapYaw(3 * Math.PI + 0.1)).toBeCloseTo(-Math.PI + 0.1);
    expect(turnWay({ yaw: 0, pitch: 0 }, { yaw: 10 * DEG, pitch: 0 })).toBeNull();
    expect(turnWay({ yaw: 0, pitch: 0 }, { yaw: 90 * DEG, pitch: 0 })).toBe('left');
    expect(turnWay({ yaw: 0, pitch: 0 }, { yaw: -90 * DEG, pitch: 0 })).toBe('right');
    // From 170° to −170° is 20° to the left, not 340° to the right.
    expect(turnWay({ yaw: 150 * DEG, pitch: 0 }, { yaw: -170 * DEG, pitch: 0 })).toBe('left');
    expect(turnWay({ yaw: 0, pitch: 0 }, { yaw: 5 * DEG, pitch: 60 * DEG })).toBe('up');
    expect(turnWay({ yaw: 0, pitch: 0 }, { yaw: 0, pitch: -50 * DEG })).toBe('down');
  });

  it('turns a direction back into its look, and a point of the flat view into the look under it (one geometry for PC and headset)', () => {
    const looks = [
      { yaw: 0, pitch: 0 },
      { yaw: 2.5, pitch: -0.7 },
      { yaw: -1.2, pitch: 1.1 },
    ];
    for (const look of looks) {
      const back = lookOf(lookVector(look));
      expect(back.yaw).toBeCloseTo(look.yaw);
      expect(back.pitch).toBeCloseTo(look.pitch);
    }
    // Any length: a headset's direction is not always a unit vector.
    expect(lookOf([0, 3, 0]).pitch).toBeCloseTo(Math.PI / 2);
    const box = { width: 1366, height: 700 };
    const view = { yaw: 0.8, pitch: 0.3 };
    const centre = lookAtPoint({ x: 683, y: 350 }, view, box);
    expect(degreesBetween(centre, view)).toBeLessThan(0.01);
    const spot = { yaw: 1.1, pitch: 0.1 };
    const point = screenPoint(spot, view, box)!;
    expect(point.x).toBeLessThan(683); // to the left of the middle (a larger yaw is to the left)
    const under = lookAtPoint(point, view, box);
    expect(degreesBetween(under, spot)).toBeLessThan(0.01);
    expect(screenPoint({ yaw: view.yaw + Math.PI, pitch: 0 }, view, box)).toBeNull();
  });
});

describe('the class\'s clock in a video tour (shared/tour.ts)', () => {
  const at = Date.parse('2026-12-03T01:00:00Z');
  it('works out where the class is: the teacher\'s moment plus the time since while it plays, looping over the video', () => {
    const playing = { playing: true, position: 2, at };
    expect(classPosition(playing, at + 1500, 10)).toBeCloseTo(3.5);
    expect(classPosition(playing, at + 2500, 4)).toBeCloseTo(0.5); // 4.5 s of a 4 s loop
    expect(classPosition(playing, at + 9000, Number.NaN)).toBeCloseTo(11); // no duration known yet: not wrapped
    expect(classPosition(playing, at - 5000, 10)).toBe(2); // a reading from before the teacher's word: not before it
    const paused = { playing: false, position: 2.25, at };
    expect(classPosition(paused, at + 60_000, 4)).toBe(2.25);
    expect(secondsApart(3.9, 0.1, 4)).toBeCloseTo(0.2);
    expect(secondsApart(3.9, 0.1, Number.NaN)).toBeCloseTo(3.8);
  });

  it('seeks a screen only when it is more than a second off (a quarter second when paused), and plays or pauses with the class', () => {
    const playing = { playing: true, position: 2, at };
    expect(followClass(playing, at + 1000, 10, { time: 2.4, paused: false })).toEqual({ play: true, seekTo: null });
    expect(followClass(playing, at + 1000, 10, { time: 2.5, paused: true })).toEqual({ play: true, seekTo: null }); // paused, close enough: it just plays
    const behind = followClass(playing, at + 1000, 10, { time: 1.5, paused: false });
    expect(behind.play).toBe(true);
    expect(behind.seekTo).toBeCloseTo(3);
    // Across the loop's end: 3.9 s and 0.2 s of a 4 s video are close, no seek.
    expect(followClass(playing, at + 2200, 4, { time: 3.9, paused: false }).seekTo).toBeNull();
    // A PC whose last seek took 800 ms meets the class where it will be then; a paused class stays where it is.
    expect(followClass(playing, at + 1000, 10, { time: 1.5, paused: false }, 800).seekTo).toBeCloseTo(3.8);
    expect(followClass(playing, at + 1000, 10, { time: 2.9, paused: false }, 800).seekTo).toBeNull(); // in step now: no seek
    const paused = { playing: false, position: 2.25, at };
    expect(followClass(paused, at + 5000, 10, { time: 2.75, paused: false }, 800).seekTo).toBe(2.25);
    expect(followClass(paused, at + 5000, 10, { time: 2.3, paused: true })).toEqual({ play: false, seekTo: null });
    expect(followClass(paused, at + 5000, 10, { time: 2.75, paused: false })).toEqual({ play: false, seekTo: 2.25 });
  });

  it('reads the hub\'s clock from the answer with the shortest round trip', () => {
    expect(hubOffset([])).toBe(0);
    // This PC's clock is an hour behind the hub's; the hub answered halfway through each call.
    const hour = 3_600_000;
    const readings = [
      { sentAt: 1000, receivedAt: 1400, hubNow: 1000 + hour + 300 }, // 400 ms round trip, answered late in it
      { sentAt: 5000, receivedAt: 5020, hubNow: 5010 + hour }, // 20 ms: the truest
      { sentAt: 9000, receivedAt: 8990, hubNow: 0 }, // the PC's clock stepped back mid-call: no reading
    ];
    expect(hubOffset(readings)).toBe(hour);
  });
});

describe('the guided tour in a class session (issue 19)', () => {
  it('opens a 360° photo for the class, points at a spot, recentres and closes: each a change every screen follows', async () => {
    const room = await tourRoom();
    const { teacher, pupils, pano } = room;
    let board = await teacher('session.openTour', { sha256: pano.sha256 });
    const tour = board.state.live?.tour;
    expect(tour).toMatchObject({ media: { sha256: pano.sha256, kind: 'photo', title: pano.title }, target: null, recentre: null });
    expect((await pupils[0]!.call('session.state')).live?.tour?.id).toBe(tour?.id);

    board = await teacher('session.pointTour', { target: { yaw: 1, pitch: 0.2 } });
    const target = board.state.live?.tour?.target;
    expect(target).toMatchObject({ yaw: 1, pitch: 0.2 });
    board = await teacher('session.recentreTour', { yaw: -0.5, pitch: 0 });
    expect(board.state.live?.tour?.recentre).toEqual({ seq: 1, yaw: -0.5, pitch: 0 });
    board = await teacher('session.recentreTour', { yaw: -0.5, pitch: 0 });
    expect(board.state.live?.tour?.recentre?.seq).toBe(2);
    // Pointing again is a new spot (a new id): it has to be found again.
    board = await teacher('session.pointTour', { target: { yaw: -1, pitch: 0 } });
    expect(board.state.live?.tour?.target?.id).not.toBe(target?.id);
    // The tour is kept with the session (a hub restart keeps it); pupils' gaze never is.
    await pupils[0]!.call('session.tourGaze', { yaw: -1, pitch: 0 });
    expect(JSON.parse(saved(room)).record.tour.target).toMatchObject({ yaw: -1, pitch: 0 });
    expect(saved(room)).not.toContain('foundTarget');

    board = await teacher('session.closeTour');
    expect(board.state.live?.tour).toBeNull();
    expect(board.tour).toBeNull();
    await expect(teacher('session.pointTour', { target: { yaw: 0, pitch: 0 } })).rejects.toMatchObject({ code: 'tour_closed' });
    // A screen's last report that crossed the closing is answered with the state that closes its tour, and kept nowhere.
    const late = await pupils[0]!.call('session.tourGaze', { yaw: 0, pitch: 0 });
    expect(late.state.live?.tour).toBeNull();
    expect((await teacher('session.dashboard')).tour).toBeNull();
    room.core.close();
  });

  it('shows where each pupil looks and who found the spot (within 20°), taking at most 4 reports a second per pupil', async () => {
    const room = await tourRoom();
    const { teacher, pupils, pano, tick, sent } = room;
    await teacher('session.openTour', { sha256: pano.sha256 });
    await teacher('session.pointTour', { target: { yaw: 90 * DEG, pitch: 0 } });

    // 小明 looks 15° from the spot: found. 小红 looks 40° away: not yet. 小刚 has not said where he looks.
    const first = await pupils[0]!.call('session.tourGaze', { yaw: 75 * DEG, pitch: 0 });
    expect(first.me?.tourFound).toBe(true);
    expect((await pupils[1]!.call('session.tourGaze', { yaw: 50 * DEG, pitch: 0 })).me?.tourFound).toBe(false);
    let board = await teacher('session.dashboard');
    expect(board.tour).toMatchObject({ found: 1, here: 3 });
    expect(board.tour?.gazes.map((g) => [g.name, g.found])).toEqual([
      ['小明', true],
      ['小红', false],
    ]);

    // A report sooner than 250 ms after the last one from the same pupil is dropped; another pupil's is not.
    tick(100);
    await pupils[1]!.call('session.tourGaze', { yaw: 88 * DEG, pitch: 0 });
    await pupils[2]!.call('session.tourGaze', { yaw: -2, pitch: 0.1 });
    board = await teacher('session.dashboard');
    expect(board.tour?.gazes.find((g) => g.name === '小红')?.yaw).toBeCloseTo(50 * DEG);
    expect(board.tour?.gazes.find((g) => g.name === '小刚')?.yaw).toBe(-2);
    tick(200);
    await pupils[1]!.call('session.tourGaze', { yaw: 88 * DEG, pitch: 0 });
    board = await teacher('session.dashboard');
    expect(board.tour?.found).toBe(2);

    // Found stays found while the spot stays (a pupil may look around afterwards)…
    tick(300);
    expect((await pupils[0]!.call('session.tourGaze', { yaw: -1, pitch: 0 })).me?.tourFound).toBe(true);
    // …and a new spot has to be found again.
    board = await teacher('session.pointTour', { target: { yaw: -1, pitch: 0 } });
    expect(board.tour?.found).toBe(0);
    tick(300);
    expect((await pupils[0]!.call('session.tourGaze', { yaw: -1.1, pitch: 0.05 })).me?.tourFound).toBe(true);

    // The teacher's screen hears the gaze at most 4 times a second, however many reports come.
    sent.length = 0;
    for (let i = 0; i < 6; i++) {
      tick(300);
      for (const p of pupils) await p.call('session.tourGaze', { yaw: i / 10, pitch: 0 });
    }
    await new Promise((r) => setTimeout(r, 400));
    const boards = sent.filter((e) => e.name === 'session.dashboard').map((e) => e.payload as SessionDashboard);
    expect(boards.length).toBe(1);
    expect(boards[0]?.tour?.gazes.map((g) => g.yaw)).toEqual([0.5, 0.5, 0.5]);
    // Gaze never reaches the pupil-facing state.
    expect(sent.some((e) => e.name === 'session.state')).toBe(false);
    room.core.close();
  });

  it('keeps the class\'s clock in a video tour: the teacher plays, pauses and moves it; every screen gets it and the hub\'s time', async () => {
    const room = await tourRoom();
    const { teacher, pupils, core, tick } = room;
    const card = tempDir();
    makeH264(path.join(card, 'VID_0001.mp4'), { seconds: 1, size: '640x320', spherical: true });
    await core.media.importFolder(card);
    const video = core.media.list().find((i) => i.kind === 'video')!;
    const opened = Date.parse('2026-12-03T01:00:00Z');
    let board = await teacher('session.openTour', { sha256: video.sha256 });
    // It plays from its start as the tour opens, on the hub's clock; the dashboard and a hello say the hub's time.
    expect(board.state.live?.tour?.video).toEqual({ playing: true, position: 0, at: opened });
    expect(board.now).toBe(opened);
    tick(2500);
    expect((await pupils[0]!.call('session.hello')).now).toBe(opened + 2500);

    board = await teacher('session.playTour', { playing: false, position: 2.5 });
    expect(board.state.live?.tour?.video).toEqual({ playing: false, position: 2.5, at: opened + 2500 });
    expect((await pupils[1]!.call('session.state')).live?.tour?.video).toEqual({ playing: false, position: 2.5, at: opened + 2500 });
    expect(JSON.parse(saved(room)).record.tour.video).toEqual({ playing: false, position: 2.5, at: opened + 2500 });
    tick(1000);
    board = await teacher('session.playTour', { playing: true, position: 0.75 });
    expect(board.state.live?.tour?.video).toEqual({ playing: true, position: 0.75, at: opened + 3500 });

    // The teacher's only: a pupil's screen cannot move the class.
    await expect(pupils[0]!.call('session.playTour', { playing: false, position: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    // Bad moments are refused with a clear error and change nothing.
    const before = saved(room);
    const rev = core.liveSession.state().rev;
    for (const bad of [
      { playing: false, position: -1 },
      { playing: false, position: Number.NaN },
      { playing: true, position: Infinity },
      { playing: true, position: 1e9 },
      { playing: 'yes', position: 1 },
      { position: 1 },
      { playing: true, position: 1, at: 5 },
    ]) {
      await expect(teacher('session.playTour', bad as never), JSON.stringify(bad)).rejects.toMatchObject({ code: 'invalid_input' });
      expect(() => core.liveSession.playTour(bad)).toThrow(/playing or paused at 0 to 86400 seconds/);
    }
    expect(saved(room)).toBe(before);
    expect(core.liveSession.state().rev).toBe(rev);

    // A photo has no clock, and there is nothing to play once the tour has closed.
    board = await teacher('session.openTour', { sha256: room.pano.sha256 });
    expect(board.state.live?.tour?.video).toBeNull();
    await expect(teacher('session.playTour', { playing: false, position: 1 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/photo, not a video/) });
    await teacher('session.closeTour');
    await expect(teacher('session.playTour', { playing: false, position: 1 })).rejects.toMatchObject({ code: 'tour_closed' });
    core.close();
  });

  it('takes a video tour from an older hub or an older save, without a clock (screens play on their own)', async () => {
    const older = {
      rev: 3,
      live: {
        id: 'live-1',
        classId: crypto.randomUUID(),
        lesson: LESSON,
        mode: 'follow',
        step: { index: 0, stepId: 's1' },
        pause: null,
        hands: [],
        poll: null,
        shown: null,
        tour: { id: 't1', media: { sha256: 'a'.repeat(64), kind: 'video', title: 'VID' }, target: null, recentre: null },
      },
    };
    expect(SessionState.parse(older).live?.tour?.video).toBeNull();
    // A session an older hub saved (its tour kept no clock) is sent out with none.
    const record = { ...older.live, startedAt: 0, stuckMinutes: 3, hands: [], poll: null, pupils: {} } as unknown as SessionRecord;
    expect(publicState(record, 1, 0, () => null).live?.tour?.video).toBeNull();
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const room = await tourRoom();
    const { teacher, pupils, pano, flat, core, pupil } = room;
    await expect(teacher('session.openTour', { sha256: flat.sha256 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/360°/) });
    await expect(teacher('session.openTour', { sha256: 'a'.repeat(64) })).rejects.toMatchObject({ code: 'not_found' });
    expect(core.liveSession.state().live?.tour).toBeNull();
    await teacher('session.openTour', { sha256: pano.sha256 });
    await teacher('session.pointTour', { target: { yaw: 0.3, pitch: 0 } });
    const before = saved(room);
    const rev = core.liveSession.state().rev;

    for (const bad of [{ yaw: Number.NaN, pitch: 0 }, { yaw: 4, pitch: 0 }, { yaw: 0, pitch: 2 }, { yaw: Infinity, pitch: 0 }]) {
      await expect(teacher('session.pointTour', { target: bad })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(teacher('session.recentreTour', bad)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(pupils[0]!.call('session.tourGaze', bad)).rejects.toMatchObject({ code: 'invalid_input' });
      // The core refuses it too, whoever calls (the room route of a pupil PC checks with the same schema).
      expect(() => core.liveSession.tourGaze(pupils[0]!.id, bad)).toThrow(/yaw from −π to π/);
    }
    // A pupil of another class, a guest, and no pupil at all are not in the session.
    const other = await teacher('classes.create', { name: '四年级', grade: 4 });
    const outsider = await teacher('pupils.add', { classId: other.id, name: '小李' });
    const call = pupil();
    await call('pupils.signIn', { pupilId: outsider.id });
    await expect(call('session.tourGaze', { yaw: 0.3, pitch: 0 })).rejects.toMatchObject({ code: 'session_not_running' });
    const guest = pupil();
    await guest('pupils.signInGuest');
    await expect(guest('session.tourGaze', { yaw: 0.3, pitch: 0 })).rejects.toMatchObject({ code: 'session_not_running' });
    expect(() => core.liveSession.tourGaze(null, { yaw: 0.3, pitch: 0 })).toThrow(/another class/);

    expect(saved(room)).toBe(before);
    expect(core.liveSession.state().rev).toBe(rev);
    expect((await teacher('session.dashboard')).tour?.gazes).toEqual([]);
    core.close();
  });
});

describe('the guided tour on a pupil PC in the room (real HTTPS hub and pupil PC)', () => {
  it('relays the tour to the PC, and its pupil\'s gaze to the teacher\'s gaze map', { timeout: 60_000 }, async () => {
    const { hub, pc, teacher, cls, xiaoming, pupil, stopFollowing } = await roomWithOnePupil();
    const card = tempDir();
    makeJpeg(path.join(card, 'pano.jpg'), '1000x500');
    await hub.core.media.importFolder(card);
    const pano = hub.core.media.list().find((i) => i.panorama)!;
    await teacher('session.start', { classId: cls.id, ...LESSON, mode: 'follow' });
    await teacher('session.openTour', { sha256: pano.sha256 });
    await teacher('session.pointTour', { target: { yaw: -1.2, pitch: 0.1 } });
    const tourHere = () => pc.core.liveSession.state().live?.tour;
    await eventually(() => tourHere()?.target?.yaw === -1.2, 'the tour and its spot on the pupil PC');
    expect(tourHere()?.media.sha256).toBe(pano.sha256);
    // The PC had no copy of the photo: opening the tour sent it to the room, and the PC fetched it.
    await eventually(() => pc.core.media.has(pano.sha256), 'the photo fetched by the pupil PC');

    // 小明 looks round at his PC: the hub's gaze map has him, under his own name; then he finds the spot.
    await pupil('session.hello');
    const away = await pupil('session.tourGaze', { yaw: 0.5, pitch: 0 });
    expect(away.me?.tourFound).toBe(false);
    expect((await teacher('session.dashboard')).tour).toMatchObject({ found: 0, here: 1, gazes: [{ pupilId: xiaoming.id, name: '小明', yaw: 0.5, found: false }] });
    await new Promise((r) => setTimeout(r, 300));
    const found = await pupil('session.tourGaze', { yaw: -1.1, pitch: 0.05 });
    expect(found.me?.tourFound).toBe(true);
    expect((await teacher('session.dashboard')).tour).toMatchObject({ found: 1, here: 1 });
    // A bad report from the PC is refused by the hub's room route and changes nothing there.
    await expect(pupil('session.tourGaze', { yaw: 9, pitch: 0 })).rejects.toMatchObject({ code: 'invalid_input' });

    // "Everyone look at me" and closing the tour reach the PC too.
    await teacher('session.recentreTour', { yaw: 0.7, pitch: 0 });
    await eventually(() => tourHere()?.recentre?.seq === 1, 'the recentre on the pupil PC');
    await teacher('session.closeTour');
    await eventually(() => tourHere() === null, 'the tour closed on the pupil PC');
    await stopFollowing();
  });

  it('sends a 360° video the PC lacks when the tour opens: the PC has it as a 360° video, byte for byte, and follows the class\'s clock', { timeout: 60_000 }, async () => {
    const { hub, pc, teacher, cls, pupil, stopFollowing } = await roomWithOnePupil();
    const card = tempDir();
    makeH264(path.join(card, 'VID_0001.mp4'), { seconds: 1, size: '640x320', spherical: true });
    await hub.core.media.importFolder(card);
    const [video] = hub.core.media.list();
    expect(video).toMatchObject({ kind: 'video', panorama: true });
    await teacher('session.start', { classId: cls.id, ...LESSON, mode: 'follow' });
    await teacher('session.openTour', { sha256: video!.sha256 });
    await eventually(() => pc.core.liveSession.state().live?.tour?.media.kind === 'video', 'the video tour on the pupil PC');
    await eventually(() => pc.core.media.has(video!.sha256), 'the video fetched by the pupil PC');
    expect(pc.core.media.get(video!.sha256)).toMatchObject({ kind: 'video', panorama: true, width: 640, height: 320, size: video!.size, ext: 'mp4' });
    const file = (core: typeof hub.core) => fs.readFileSync(path.join(core.media.dir, path.basename(core.media.get(video!.sha256).url)));
    expect(file(pc.core).equals(file(hub.core))).toBe(true);

    // The class's clock reaches the PC; its pupil's hello, answered by the hub, carries the hub's time to set the PC's screen by.
    expect(pc.core.liveSession.state().live?.tour?.video).toMatchObject({ playing: true, position: 0 });
    await teacher('session.playTour', { playing: false, position: 0.5 });
    await eventually(() => pc.core.liveSession.state().live?.tour?.video?.playing === false, 'the pause on the pupil PC');
    expect(pc.core.liveSession.state().live?.tour?.video).toMatchObject({ playing: false, position: 0.5 });
    const before = Date.now();
    const hello = await pupil('session.hello');
    expect(hello.now).toBeGreaterThanOrEqual(before);
    expect(hello.now).toBeLessThanOrEqual(Date.now());
    expect(hello.state.live?.tour?.video).toMatchObject({ playing: false, position: 0.5 });
    await stopFollowing();
  });
});
