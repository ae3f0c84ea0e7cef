import { describe, expect, it } from 'vitest';
import { ContentItem } from '../../src/shared/contract/hub-content';
import { applyRemoteSessionState } from '../../src/core/hub/session/remote';
import { progressSetup } from '../support/progress';
import { room } from '../support/hub-room';
import { classRoom, PACK } from '../support/session';

// A room is updated PC by PC, so a pupil PC may run an older Kite than the teacher's hub. What the hub
// sends it (the class's state, the roster, the content offer) may then hold fields this PC does not
// know: it takes the part it understands instead of refusing the whole message.

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('a pupil PC older than its hub', () => {
  it("follows a newer hub's class state, tour and video clock, leaving out fields it does not know", async () => {
    const hub = await classRoom();
    await hub.teacher('session.start', { classId: hub.cls.id, packId: PACK, lessonId: 'first-lesson' });
    const state = wire((await hub.teacher('session.goToStep', { index: 1 })).state);
    const live = state.live!;
    const tour = { id: 't1', media: { sha256: 'a'.repeat(64), kind: 'video', title: '村口' }, target: { yaw: 1, pitch: 0, id: 'p1' }, recentre: null, video: { playing: true, position: 12, at: 1_000 } };
    // What a newer hub might add at every level.
    const newer = {
      ...state,
      rev: state.rev + 1,
      roomTheme: 'spring',
      live: { ...live, step: { ...live.step, part: 2 }, captions: true, tour: { ...tour, compass: true, media: { ...tour.media, stereo: 'top-bottom' }, target: { ...tour.target, label: '井' }, video: { ...tour.video, rate: 1.5 } } },
    };
    const pc = progressSetup();
    expect(applyRemoteSessionState(pc.core.liveSession, newer)).toBe(true);
    const shown = await pc.pupil()('session.state');
    expect(shown).toEqual({ rev: state.rev + 1, live: { ...live, tour } });
    // Still refused: a state that is wrong in what this PC does know.
    expect(() => applyRemoteSessionState(pc.core.liveSession, { ...newer, rev: newer.rev + 1, live: { ...newer.live, step: { index: -1, stepId: 'question' } } })).toThrow(/not valid/);
    expect((await pc.pupil()('session.state')).rev).toBe(state.rev + 1);
    hub.core.close();
    pc.core.close();
  });

  it("takes a newer hub's roster (pupils can sign in) and content offer", async () => {
    const { hub, cls, pcs } = await room(1);
    const added = await hub.teacher('pupils.add', { classId: cls.id, name: '小新' });
    const snapshot = wire(hub.core.hubSync.rosterSnapshot());
    const newer = { ...snapshot, school: 'x', classes: snapshot.classes.map((c) => ({ ...c, colour: 'red' })), pupils: snapshot.pupils.map((p) => ({ ...p, voice: 'v2' })), lessons: snapshot.lessons };
    const pc = pcs[0]!;
    expect(pc.core.hubSync.applyRoster(newer)).toBe(true);
    expect(await pc.teacher('classes.list')).toEqual(await hub.teacher('classes.list'));
    // The pupil the newer hub added signs in at this PC.
    await expect(pc.pupil()('pupils.signIn', { pupilId: added.id })).resolves.toMatchObject({ pupil: { id: added.id } });
    const item = { sha256: 'b'.repeat(64), size: 10, name: '村口', kind: 'media', ext: 'mp4' } as const;
    expect(ContentItem.parse({ ...item, preview: 'thumb.jpg' })).toEqual(item);
    expect(() => ContentItem.parse({ ...item, kind: 'hologram' })).toThrow();
  });
});
