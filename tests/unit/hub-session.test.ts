import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { applyRemoteSessionState } from '../../src/core/hub/session/remote';
import { sessionRoomRoutes } from '../../src/core/hub/session/room';
import { attempt, progressSetup } from '../support/progress';
import { classRoom as room, PACK } from '../support/session';
import { tempDir } from '../support/temp';

const LESSON = { packId: PACK, lessonId: 'first-lesson' };

describe('live class session', () => {
  it('follow-me: every pupil gets the teacher step, in a message of a few hundred bytes', async () => {
    const { core, teacher, cls, pupils, sent } = await room();
    await teacher('session.start', { classId: cls.id, ...LESSON, mode: 'follow' });
    const hello = await pupils[0]!.call('session.hello');
    expect(hello.state.live).toMatchObject({ mode: 'follow', step: { index: 0, stepId: 'hello' }, lesson: LESSON });
    expect(hello.me).toMatchObject({ inSession: true, handUp: false });
    sent.length = 0;
    await teacher('session.goToStep', { index: 1 });
    const stateEvents = sent.filter((e) => e.name === 'session.state');
    expect(stateEvents).toHaveLength(1);
    expect(stateEvents[0]?.payload).toMatchObject({ live: { step: { index: 1, stepId: 'question' } } });
    const frame = `event: session.state\ndata: ${JSON.stringify(stateEvents[0]?.payload)}\n\n`;
    expect(Buffer.byteLength(frame)).toBeLessThan(600);
    // The pupil-facing message names no pupil.
    expect(JSON.stringify(stateEvents[0]?.payload)).not.toContain('小明');
    await expect(teacher('session.goToStep', { index: 9 })).rejects.toMatchObject({ code: 'invalid_input' });
    await teacher('session.setMode', { mode: 'free' });
    expect((await pupils[1]!.call('session.state')).live?.mode).toBe('free');
    core.close();
  });

  it('only the teacher leads: pupils are refused teacher methods', async () => {
    const { core, teacher, cls, pupils } = await room();
    await teacher('session.start', { classId: cls.id, ...LESSON });
    await expect(pupils[0]!.call('session.goToStep', { index: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pupils[0]!.call('session.dashboard')).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });

  it('pause is re-applied to a screen that reconnects, and after a hub restart; a countdown ends it', async () => {
    const dataDir = tempDir();
    const first = await room(dataDir);
    await first.teacher('session.start', { classId: first.cls.id, ...LESSON });
    await first.teacher('session.pause', { seconds: 120 });
    first.tick(30_000);
    // A screen that comes back (reload, network back) asks again and is paused again, with the time left.
    expect((await first.pupils[2]!.call('session.hello')).state.live?.pause).toEqual({ secondsLeft: 90 });
    first.core.close();
    first.tick(10_000);

    // The hub restarts: the session, its pause and its poll are still there.
    const again = createCore({ dataDir, now: () => Date.parse('2026-12-03T01:00:40Z') });
    expect(again.liveSession.state().live?.pause).toEqual({ secondsLeft: 80 });
    again.close();
    // Once the countdown has run out, screens are free again (even before the hub's timer sends it).
    const later = createCore({ dataDir, now: () => Date.parse('2026-12-03T01:02:01Z') });
    expect(later.liveSession.state().live?.pause).toBeNull();
    later.close();

    const second = await room();
    await second.teacher('session.start', { classId: second.cls.id, ...LESSON });
    await second.teacher('session.pause', { seconds: null });
    expect((await second.pupils[0]!.call('session.hello')).state.live?.pause).toEqual({ secondsLeft: null });
    await second.teacher('session.resume');
    expect((await second.pupils[0]!.call('session.hello')).state.live?.pause).toBeNull();
    second.core.close();
  });

  it('a poll counts one answer per pupil; a changed answer moves, never doubles', async () => {
    const { core, teacher, cls, pupils } = await room();
    await teacher('session.start', { classId: cls.id, ...LESSON });
    const started = await teacher('session.startPoll', { kind: 'lesson', stepId: 'question' });
    const poll = started.state.live?.poll;
    expect(poll?.options.map((o) => o.id)).toEqual(['tell', 'ask-adult']);
    expect(poll?.question.en).toBe('A stranger asks for your password. What do you do?');
    const pollId = poll!.id;
    await pupils[0]!.call('session.answerPoll', { pollId, optionId: 'tell' });
    await pupils[0]!.call('session.answerPoll', { pollId, optionId: 'ask-adult' });
    await pupils[0]!.call('session.answerPoll', { pollId, optionId: 'ask-adult' });
    const mine = await pupils[1]!.call('session.answerPoll', { pollId, optionId: 'ask-adult' });
    expect(mine.me?.pollAnswer).toBe('ask-adult');
    await pupils[2]!.call('session.answerPoll', { pollId, optionId: 'tell' });
    const board = await teacher('session.dashboard');
    expect(board.poll).toEqual({ counts: [1, 2], correct: 'ask-adult', showing: false });
    expect(board.pupils.map((p) => p.lastAnswer?.correct)).toEqual([true, true, false]);
    // Pupils see no counts until the teacher shows the chart.
    expect((await pupils[0]!.call('session.state')).live?.poll?.results).toBeNull();
    await teacher('session.showResults', { show: true });
    expect((await pupils[0]!.call('session.state')).live?.poll?.results).toEqual([1, 2]);
    await expect(pupils[0]!.call('session.answerPoll', { pollId, optionId: 'nope' })).rejects.toMatchObject({ code: 'invalid_input' });
    // One answer shown to the class, the name hidden unless the teacher chooses.
    await teacher('session.showAnswer', { pupilId: pupils[2]!.id, hideName: true });
    expect((await pupils[0]!.call('session.state')).live?.shown).toEqual({ optionId: 'tell', name: null });
    await teacher('session.showAnswer', { pupilId: pupils[2]!.id, hideName: false });
    expect((await pupils[0]!.call('session.state')).live?.shown).toEqual({ optionId: 'tell', name: '小刚' });
    await teacher('session.endPoll');
    await expect(pupils[0]!.call('session.answerPoll', { pollId, optionId: 'tell' })).rejects.toMatchObject({ code: 'poll_closed' });
    // Ad-hoc picture question: two different pictures at least.
    await expect(teacher('session.startPoll', { kind: 'pictures', question: '哪个是苹果？', pictures: ['apple', 'apple'] })).rejects.toMatchObject({ code: 'invalid_input' });
    const pictures = await teacher('session.startPoll', { kind: 'pictures', question: '哪个是苹果？', pictures: ['apple', 'car', 'sun'] });
    expect(pictures.state.live?.poll?.options.map((o) => o.picture)).toEqual(['apple', 'car', 'sun']);
    core.close();
  });

  it('roll call, raised hands and the stuck flag on the dashboard', async () => {
    const { core, teacher, cls, pupils, tick } = await room();
    await teacher('session.start', { classId: cls.id, ...LESSON, stuckMinutes: 2 });
    await pupils[0]!.call('session.hello');
    await pupils[1]!.call('session.hello');
    let board = await teacher('session.dashboard');
    expect(board.pupils.map((p) => [p.name, p.online, p.place !== null])).toEqual([
      ['小明', true, true],
      ['小红', true, true],
      ['小刚', false, false],
    ]);
    await pupils[1]!.call('session.raiseHand', { up: true });
    await pupils[0]!.call('session.raiseHand', { up: true });
    await pupils[0]!.call('session.raiseHand', { up: true });
    board = await teacher('session.dashboard');
    expect(board.hands.map((h) => h.name)).toEqual(['小红', '小明']);
    await teacher('session.clearHands', { pupilId: pupils[1]!.id });
    expect((await pupils[1]!.call('session.hello')).me?.handUp).toBe(false);
    await teacher('session.clearHands', {});
    expect((await teacher('session.dashboard')).hands).toEqual([]);
    // What is kept for a restart is the session itself, nothing a call left behind.
    const saved = JSON.parse(core.db.prepare("SELECT value FROM kv WHERE key = 'hub.session'").pluck().get() as string);
    expect(Object.keys(saved.record).sort()).toEqual(['classId', 'hands', 'id', 'lesson', 'mode', 'pause', 'poll', 'pupils', 'shown', 'startedAt', 'step', 'stuckMinutes']);

    // Three minutes on: pupil 0 answered in the lesson meanwhile, pupil 1 did nothing.
    tick(60_000);
    await pupils[0]!.call('attempts.record', attempt('question', false, LESSON_ATTEMPT));
    tick(90_000);
    await pupils[0]!.call('session.hello');
    await pupils[1]!.call('session.hello');
    board = await teacher('session.dashboard');
    expect(board.pupils.map((p) => p.stuck)).toEqual([false, true, false]);
    expect(board.pupils[0]).toMatchObject({ stepId: 'question', lastAnswer: { stepId: 'question', correct: false } });
    // Gone quiet for long enough: offline, and so not counted as stuck.
    tick(25_000);
    board = await teacher('session.dashboard');
    expect(board.pupils.map((p) => p.online)).toEqual([false, false, false]);
    core.close();
  });

  it('a pupil of another class or a guest is not in the session', async () => {
    const { core, teacher, cls, pupil } = await room();
    await teacher('session.start', { classId: cls.id, ...LESSON });
    const other = await teacher('classes.create', { name: '四年级', grade: 4 });
    const outsider = await teacher('pupils.add', { classId: other.id, name: '小李' });
    const call = pupil();
    await call('pupils.signIn', { pupilId: outsider.id });
    expect((await call('session.hello')).me?.inSession).toBe(false);
    await expect(call('session.raiseHand', { up: true })).rejects.toMatchObject({ code: 'session_not_running' });
    const guest = pupil();
    await guest('pupils.signInGuest');
    expect((await guest('session.hello')).me).toBeNull();
    await teacher('session.end');
    expect((await call('session.state')).live).toBeNull();
    await expect(teacher('session.pause', {})).rejects.toMatchObject({ code: 'session_not_running' });
    core.close();
  });

  it('a pupil PC shows the hub state relayed to it, ignores stale copies and refuses a bad one', async () => {
    const hub = await room();
    const board = await hub.teacher('session.start', { classId: hub.cls.id, ...LESSON });
    const pupilPc = progressSetup();
    const seen: unknown[] = [];
    pupilPc.core.events.subscribe((name, payload) => name === 'session.state' && seen.push(payload));
    expect(applyRemoteSessionState(pupilPc.core.liveSession, board.state)).toBe(true);
    const later = await hub.teacher('session.goToStep', { index: 1 });
    expect(applyRemoteSessionState(pupilPc.core.liveSession, later.state)).toBe(true);
    expect(applyRemoteSessionState(pupilPc.core.liveSession, board.state)).toBe(false);
    expect((await pupilPc.pupil()('session.state')).live?.step.index).toBe(1);
    expect(seen).toHaveLength(2);
    expect(() => applyRemoteSessionState(pupilPc.core.liveSession, { rev: 1, live: { mode: 'everything' } })).toThrow(/not valid/);
    expect((await pupilPc.pupil()('session.state')).live?.step.index).toBe(1);
    hub.core.close();
    pupilPc.core.close();
  });
});

describe('a pupil PC in the room', () => {
  it('sends its pupils\' hello, hand and answer to the hub, and shows the state the hub answers with', async () => {
    const hub = await room();
    const started = await hub.teacher('session.start', { classId: hub.cls.id, ...LESSON });
    // The pupil PC has the room's roster, same ids (what hub-sync's applyRoster gives it), and follows the hub's state (hub-net's stream).
    const pc = progressSetup();
    pc.core.progress.roster.createClass('三年级一班', 3, hub.cls.id);
    const pupilHere = pc.core.progress.roster.addPupil(hub.cls.id, '小明', undefined, hub.pupils[0]!.id);
    applyRemoteSessionState(pc.core.liveSession, started.state);
    // Transport stand-in: the hub's room routes called directly, input checked by their schemas, as hub-net's server does.
    const routes = sessionRoomRoutes(hub.core.liveSession);
    pc.core.liveSession.forwardTo(async (name, input) => {
      const route = routes.find((r) => r.name === name)!;
      return route.handle({ id: 'dev-1', name: 'PC-07' }, route.input.parse(input) as never);
    });
    const child = pc.pupil();
    await child('pupils.signIn', { pupilId: pupilHere.id });
    await child('session.hello');
    const raised = await child('session.raiseHand', { up: true });
    expect(raised.state.live?.hands).toEqual([hub.pupils[0]!.id]);
    const board = await hub.teacher('session.dashboard');
    expect(board.pupils[0]).toMatchObject({ name: '小明', online: true, place: 'pc:PC-07', handUp: true });
    expect((await child('session.state')).live?.hands).toEqual([hub.pupils[0]!.id]);
    hub.core.close();
    pc.core.close();
  });
});

const LESSON_ATTEMPT = { packId: PACK, lessonId: 'first-lesson' };
