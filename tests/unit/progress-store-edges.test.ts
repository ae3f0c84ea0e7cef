import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/core/progress/store';
import { attempt, progressSetup } from '../support/progress';
import { tempDir } from '../support/temp';

// The progress store's edges that mutation testing showed no test decided (docs/mutation/core-progress-store.md).

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };
const V = { packVersion: '1.0.0' };

/** A PC with one class and one pupil signed in on a pupil screen. */
async function signedIn(dataDir = tempDir(), now?: () => number) {
  const setup = progressSetup(dataDir, now);
  const cls = await setup.teacher('classes.create', { name: '三年级一班', grade: 3 });
  const pupilId = (await setup.teacher('pupils.add', { classId: cls.id, name: '小明' })).id;
  const child = setup.pupil();
  await child('pupils.signIn', { pupilId });
  return { ...setup, cls, pupilId, child };
}

/** The events of this PC's export file, in order. */
function exportedEvents(core: ReturnType<typeof progressSetup>['core']) {
  return [...core.progress.transfer.fileLines()].map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.t === 'event');
}

let tick = Date.parse('2026-05-01T00:00:00.000Z');
/** An event as another PC (or its hub) sends it, for store.insertEvents (what merges and the hub's sync call). */
function fromElsewhere(pupilId: string, fields: Partial<StoredEvent>): StoredEvent {
  return {
    id: crypto.randomUUID(), device_id: 'other-pc', pupil_id: pupilId, kind: 'position', pack_id: LESSON.packId, pack_version: '1.0.0', lesson_id: LESSON.lessonId,
    step_id: 'q1', activity_type: null, answer_json: null, correct: null, hints_used: null, time_ms: null, score: null, stars: null, at: new Date(tick++).toISOString(),
    ...fields,
  };
}

describe("this PC's id and clock on its events", () => {
  it('keeps the same device id across a restart, so its events go on being numbered 1, 2, 3 as one device', async () => {
    const first = await signedIn();
    await first.child('attempts.record', attempt('q1', true));
    const id = first.core.progress.store.deviceId;
    first.core.close();
    const again = progressSetup(first.dataDir);
    expect(again.core.progress.store.deviceId).toBe(id);
    const child = again.pupil();
    await child('pupils.signIn', { pupilId: first.pupilId });
    await child('attempts.record', attempt('q2', true));
    expect(exportedEvents(again.core).map((e) => [e.device_id, e.device_seq])).toEqual([
      [id, 1],
      [id, 2],
    ]);
    again.core.close();
  });

  it('stamps events with the clock, and keeps them in order when the clock stands still or goes back', async () => {
    let clock = Date.parse('2026-03-02T08:30:00.000Z');
    const pc = await signedIn(tempDir(), () => clock);
    await pc.child('attempts.record', attempt('q1', false));
    await pc.child('attempts.record', attempt('q1', true)); // the same millisecond
    clock -= 3_600_000; // the PC's clock was set back an hour
    await pc.child('attempts.record', attempt('q2', true));
    expect(exportedEvents(pc.core).map((e) => e.at)).toEqual(['2026-03-02T08:30:00.000Z', '2026-03-02T08:30:00.001Z', '2026-03-02T08:30:00.002Z']);
    pc.core.close();
  });
});

describe('answers as stored and read back', () => {
  it('gives back the latest answer to a step with whether it was right, null for an ungraded step, and nothing before any answer or after a reset', async () => {
    const { core, teacher, child, pupilId } = await signedIn();
    const { store } = core.progress;
    const step = (stepId: string) => ({ ...LESSON, stepId });
    expect(store.lastAnswer(pupilId, step('q1'))).toBeNull();
    await child('attempts.record', attempt('q1', false, { answer: { chosen: ['b'] } }));
    await child('attempts.record', attempt('q1', true, { answer: { chosen: ['a'] } }));
    await child('attempts.record', attempt('check', null, { activityType: 'self-check', answer: { chosen: ['c'] } }));
    expect(store.lastAnswer(pupilId, step('q1'))).toEqual({ answer: { chosen: ['a'] }, correct: true });
    expect(store.lastAnswer(pupilId, step('check'))).toEqual({ answer: { chosen: ['c'] }, correct: null });
    await child('attempts.record', attempt('q1', false, { answer: { chosen: ['d'] } }));
    expect(store.lastAnswer(pupilId, step('q1'))).toEqual({ answer: { chosen: ['d'] }, correct: false });
    await teacher('progress.resetPupil', { pupilId });
    expect(store.lastAnswer(pupilId, step('q1'))).toBeNull();
    core.close();
  });

  it('reads a damaged answer from another PC as "answered", with no answer shown', async () => {
    const { core, pupilId } = await signedIn();
    const { store } = core.progress;
    store.insertEvents([fromElsewhere(pupilId, { kind: 'attempt', step_id: 'q3', answer_json: '{"chosen": [', correct: 1 })]);
    expect(store.lastAnswer(pupilId, { ...LESSON, stepId: 'q3' })).toEqual({ answer: null, correct: true });
    core.close();
  });

  it('does not count an ungraded step as wrong in the lesson score', async () => {
    const { core, child } = await signedIn();
    await child('attempts.record', attempt('check', null, { activityType: 'self-check' }));
    await child('attempts.record', attempt('q1', true));
    expect(await child('progress.finishLesson', { ...LESSON, ...V })).toEqual({ saved: true, score: 100, stars: 3 });
    core.close();
  });

  it('keeps the numbers another PC gave its events, and numbers an older app\'s events after the highest held', async () => {
    const { core, pupilId } = await signedIn();
    const { store } = core.progress;
    // Events 1-6 of the other PC were refused elsewhere (a pupil the hub did not know): 7 comes first.
    store.insertEvents([fromElsewhere(pupilId, { id: 'e7', device_seq: 7 }), fromElsewhere(pupilId, { id: 'old', device_seq: null })]);
    expect(exportedEvents(core).map((e) => [e.id, e.device_seq])).toEqual([
      ['e7', 7],
      ['old', 8],
    ]);
    core.close();
  });

  it('keeps an event that names no lesson, but counts it in no lesson', async () => {
    const { core, teacher, cls, pupilId } = await signedIn();
    const added = core.progress.store.insertEvents([
      fromElsewhere(pupilId, { kind: 'attempt', pack_id: '', correct: 1 }),
      fromElsewhere(pupilId, { kind: 'attempt', lesson_id: '', correct: 1 }),
    ]);
    expect(added).toBe(2);
    expect((await teacher('progress.grid', { classId: cls.id })).lessons).toEqual([]);
    expect(core.db.prepare('SELECT count(*) AS n FROM lesson_summaries').get()).toEqual({ n: 0 });
    core.close();
  });
});

describe('the place in a lesson', () => {
  it('says no steps done when the place was saved without them, and keeps a draft saved without steps done', async () => {
    const { core, child } = await signedIn();
    await child('progress.savePosition', { ...LESSON, ...V, stepId: 'q1' });
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q1', status: 'in-progress', done: [], draft: null });
    const draft = { stepId: 'q2', state: { chosen: ['a'] } };
    await child('progress.savePosition', { ...LESSON, ...V, stepId: 'q2', draft });
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q2', status: 'in-progress', done: [], draft });
    core.close();
  });

  it("shows a draft only on its own step: answering the next step before the place is saved leaves the draft behind", async () => {
    const { core, child } = await signedIn();
    await child('progress.savePosition', { ...LESSON, ...V, stepId: 'q1', done: ['intro'], draft: { stepId: 'q1', state: { chosen: ['a'] } } });
    await child('attempts.record', attempt('q2', true));
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q2', status: 'in-progress', done: ['intro'], draft: null });
    core.close();
  });

  it('starts the steps done over after a finish: the last run\'s place does not come back', async () => {
    const { core, child } = await signedIn();
    await child('progress.savePosition', { ...LESSON, ...V, stepId: 'q1', done: ['intro', 'q1'], draft: { stepId: 'q1', state: 1 } });
    await child('progress.finishLesson', { ...LESSON, ...V });
    await child('attempts.record', attempt('q1', true)); // the second run, before its place is saved
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q1', status: 'done', done: [], draft: null });
    core.close();
  });

  it('starts the steps done over after a reset that came after a finish', async () => {
    const { core, teacher, child, pupilId } = await signedIn();
    await child('progress.finishLesson', { ...LESSON, ...V });
    await child('progress.savePosition', { ...LESSON, ...V, stepId: 'q1', done: ['intro'], draft: { stepId: 'q1', state: 1 } });
    await teacher('progress.resetPupil', { pupilId });
    await child('attempts.record', attempt('q1', true));
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q1', status: 'in-progress', done: [], draft: null });
    core.close();
  });

  it('reads a damaged saved place from another PC as no steps done and no draft', async () => {
    const { core, child, pupilId } = await signedIn();
    const { store } = core.progress;
    const place = (answer_json: string, step_id: string | null = 'q1') => store.insertEvents([fromElsewhere(pupilId, { answer_json, step_id })]);
    place('{"done": ["intro", 7, null, "q1"], "draft": {"stepId": 7, "state": 1}}');
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q1', status: 'in-progress', done: ['intro', 'q1'], draft: null });
    place('{"done": "intro", "draft": {"stepId": "q1"');
    expect(await child('progress.position', LESSON)).toEqual({ stepId: 'q1', status: 'in-progress', done: [], draft: null });
    place('{"done": ["intro"]}', null); // a place without a step
    expect(await child('progress.position', LESSON)).toEqual({ stepId: null, status: 'in-progress', done: [], draft: null });
    core.close();
  });
});

describe('finishing a lesson', () => {
  it('finishes a lesson with nothing recorded before it (a lesson of slides only)', async () => {
    const { core, child } = await signedIn();
    expect(await child('progress.finishLesson', { ...LESSON, ...V })).toEqual({ saved: true, score: 100, stars: 3 });
    expect(await child('progress.position', LESSON)).toEqual({ stepId: null, status: 'done', done: [], draft: null });
    core.close();
  });

  it('scores only the answers after the latest reset', async () => {
    const { core, teacher, child, pupilId } = await signedIn();
    await child('attempts.record', attempt('q1', false));
    await teacher('progress.resetPupil', { pupilId });
    await child('attempts.record', attempt('q1', true));
    expect(await child('progress.finishLesson', { ...LESSON, ...V })).toEqual({ saved: true, score: 100, stars: 3 });
    core.close();
  });
});
