import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createProgress } from '../../src/core/progress';
import type { StoredEvent } from '../../src/core/progress/store';
import { summarize, type EventRow } from '../../src/core/progress/summary';
import { attempt, progressSetup, signedInPupil } from '../support/progress';
import { tempDir } from '../support/temp';

// Lesson summaries (status, score, stars, first finish, where the pupil is) at the edges mutation testing
// found no test deciding (docs/mutation/core-progress-reports.md).

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

/** A PC's progress over a database alone, with one pupil. */
function pc() {
  const db = openDatabase(path.join(tempDir(), 'kite.db'));
  const progress = createProgress(db);
  const cls = progress.roster.createClass('三年级一班', 3);
  const pupil = progress.roster.addPupil(cls.id, '小明');
  return { db, progress, pupilId: pupil.id };
}

/** An event as another PC's progress file or the hub's sync stream brings it (the file format allows each field below). */
function fromElsewhere(pupilId: string, fields: Partial<StoredEvent> & Pick<StoredEvent, 'kind' | 'at'>): StoredEvent {
  return {
    id: crypto.randomUUID(), device_id: 'pc-b', pupil_id: pupilId, pack_id: LESSON.packId, pack_version: '1.0.0', lesson_id: LESSON.lessonId,
    step_id: null, activity_type: null, answer_json: null, correct: null, hints_used: null, time_ms: null, score: null, stars: null, ...fields,
  };
}

describe('lesson summaries', () => {
  it('keep the first time a lesson was finished when the pupil finishes it again', async () => {
    let clock = Date.parse('2026-11-02T08:00:00Z');
    const { core, teacher, pupil } = progressSetup(undefined, () => clock);
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    const child = pupil();
    await child('pupils.signIn', { pupilId: p.id });
    await child('attempts.record', attempt('q1', true));
    await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
    clock += 600_000;
    await child('attempts.record', attempt('q1', true));
    await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
    expect((await teacher('progress.pupil', { pupilId: p.id })).lessons).toMatchObject([{ ...LESSON, status: 'done', finishedAt: '2026-11-02T08:00:00.001Z' }]);
    core.close();
  });

  it('of two events in the same millisecond (from two PCs), take the place from the later by id, as migration 5 does', () => {
    const at = '2026-11-02T08:00:00.000Z';
    const a: EventRow = { id: 'a-event', kind: 'position', step_id: 'q1', correct: null, time_ms: null, score: null, stars: null, at };
    const b: EventRow = { ...a, id: 'b-event', step_id: 'q2' };
    expect(summarize([a, b])).toMatchObject({ lastStepId: 'q2', lastEventId: 'b-event' });
    expect(summarize([b, a])).toMatchObject({ lastStepId: 'q2', lastEventId: 'b-event' });
  });

  it('a finish from elsewhere that names a step still starts the lesson over: no place to resume', () => {
    const { db, progress, pupilId } = pc();
    progress.store.insertEvents([
      fromElsewhere(pupilId, { kind: 'position', step_id: 'q2', at: '2026-11-02T08:00:00.000Z' }),
      fromElsewhere(pupilId, { kind: 'finish', step_id: 'q2', score: 100, stars: 3, at: '2026-11-02T08:05:00.000Z' }),
    ]);
    expect(progress.store.position(pupilId, LESSON)).toEqual({ stepId: null, status: 'done', done: [], draft: null });
    db.close();
  });
});

describe('the score of a run through a lesson', () => {
  it('leaves out answers that are not marked right or wrong', async () => {
    const setup = progressSetup();
    const { core } = setup;
    const { child } = await signedInPupil(setup);
    await child('attempts.record', attempt('q1', true));
    await child('attempts.record', attempt('check', null, { activityType: 'self-check' }));
    expect(await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toMatchObject({ score: 100, stars: 3 });
    core.close();
  });

  it('leaves out an answer from elsewhere that names no step', () => {
    const { db, progress, pupilId } = pc();
    progress.store.insertEvents([fromElsewhere(pupilId, { kind: 'attempt', step_id: null, correct: 0, at: '2026-11-02T08:00:00.000Z' })]);
    progress.store.recordAttempt(pupilId, attempt('q1', true));
    expect(progress.store.finishLesson(pupilId, { ...LESSON, packVersion: '1.0.0' })).toEqual({ score: 100, stars: 3 });
    db.close();
  });
});
