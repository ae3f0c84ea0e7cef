import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { followRoom } from '../../src/core/hub/room-wiring';
import { attempt, screen } from '../support/progress';
import { buildFixturePack, fixtureLesson } from '../support/packs';
import { eventually, startHub, startPupilPc } from '../support/room';
import { tempDir } from '../support/temp';

const hasEvent = (core: Core, id: string) => core.db.prepare('SELECT 1 FROM progress_events WHERE id = ?').get(id) !== undefined;

describe('a pupil PC in the room, over the real HTTPS room (hub routes and the pupil-PC loops wired as kite serve runs them)', () => {
  it('gets the roster, sends its answers to the hub, follows the class session, and forwards a raised hand', { timeout: 60_000 }, async () => {
    const hub = await startHub();
    await hub.core.packs.install(await buildFixturePack(tempDir(), { lessons: [fixtureLesson('first-lesson')] }), { trustConfirmed: true });
    const teacher = screen(hub.core, 'teacher');
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const xiaoming = await teacher('pupils.add', { classId: cls.id, name: '小明' });

    const pc = startPupilPc();
    await pc.core.packs.install(await buildFixturePack(tempDir(), { lessons: [fixtureLesson('first-lesson')] }), { trustConfirmed: true });
    await pc.core.hub.join(hub.address, hub.core.hub.joinCode(), 'PC-01');
    const stop = followRoom(pc.core);
    const pupil = screen(pc.core, 'pupil');

    // The hub's class reaches the PC, so 小明 can sign in there.
    await eventually(() => JSON.stringify(pc.core.progress.roster.list()).includes(xiaoming.id), 'the roster on the pupil PC');
    await pupil('pupils.signIn', { pupilId: xiaoming.id });

    // His answer, recorded on the PC, reaches the hub.
    const answer = attempt('q1', true, { packId: 'org.example.test-pack', lessonId: 'first-lesson' });
    await pupil('attempts.record', answer);
    await eventually(() => hasEvent(hub.core, answer.attemptId), 'the answer on the hub');

    // The teacher starts a follow-me session on the hub: the PC's screen gets it, then the next step.
    await teacher('session.start', { classId: cls.id, packId: 'org.example.test-pack', lessonId: 'first-lesson', mode: 'follow' });
    await eventually(() => pc.core.liveSession.hello(null, 'test').state.live?.lesson.lessonId === 'first-lesson', 'the session on the pupil PC');
    await teacher('session.goToStep', { index: 1 });
    await eventually(() => pc.core.liveSession.hello(null, 'test').state.live?.step.index === 1, 'the next step on the pupil PC');

    // 小明 raises his hand at the PC: the hub's queue has him, under the PC's name in the roll call.
    await pupil('session.hello');
    await pupil('session.raiseHand', { up: true });
    const dashboard = await teacher('session.dashboard');
    expect(dashboard.hands.map((h) => h.name)).toEqual(['小明']);
    expect(JSON.stringify(dashboard.pupils)).toContain('PC-01');
    await stop();
  });
});
