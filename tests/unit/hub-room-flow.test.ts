import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { attempt } from '../support/progress';
import { eventually, roomWithOnePupil } from '../support/room';

const hasEvent = (core: Core, id: string) => core.db.prepare('SELECT 1 FROM progress_events WHERE id = ?').get(id) !== undefined;

describe('a pupil PC in the room, over the real HTTPS room (hub routes and the pupil-PC loops wired as kite serve runs them)', () => {
  it('gets the roster, sends its answers to the hub, follows the class session, and forwards a raised hand', { timeout: 60_000 }, async () => {
    // The hub's class reaches the PC (the helper waits for it), so 小明 can sign in there.
    const { hub, pc, teacher, cls, pupil, stopFollowing: stop } = await roomWithOnePupil();

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
