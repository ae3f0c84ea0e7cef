import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createProgress } from '../../src/core/progress';
import { buildFixturePack, fixtureLesson } from '../support/packs';
import { attempt, progressSetup, screen, signedInPupil } from '../support/progress';
import { tempDir } from '../support/temp';

// The teacher's reports (class grid, one pupil, the class's timeline) and the pupil's shelf, at the edges
// mutation testing found no test deciding (docs/mutation/core-progress-reports.md).

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };
const OTHER = { packId: 'org.kite.safe-online', lessonId: 'strangers' };

describe('the class grid', () => {
  it("offers a class the installed lessons whose grades include the class's grade, the first and last grade included", async () => {
    const { core, teacher } = progressSetup();
    const lessons = [
      fixtureLesson('young', { grades: { from: 1, to: 3 } }),
      fixtureLesson('middle', { grades: { from: 2, to: 4 } }),
      fixtureLesson('older', { grades: { from: 5, to: 6 } }),
    ];
    await core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.graded', lessons }), { trustConfirmed: true });
    const ids = async (grade: number) => {
      const cls = await teacher('classes.create', { name: `${grade}年级一班`, grade });
      return (await teacher('progress.grid', { classId: cls.id })).lessons.map((l) => l.lessonId);
    };
    expect(await ids(2)).toEqual(['young', 'middle']);
    expect(await ids(4)).toEqual(['middle']);
    expect(await ids(5)).toEqual(['older']);
    core.close();
  });

  it('averages the score and stars of the pupils who finished a lesson, and says what share finished', async () => {
    const { core, teacher, pupil } = progressSetup();
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const [a, b] = [await teacher('pupils.add', { classId: cls.id, name: '小明' }), await teacher('pupils.add', { classId: cls.id, name: '小红' })];
    await teacher('pupils.add', { classId: cls.id, name: '小刚' });
    const child = pupil();
    await child('pupils.signIn', { pupilId: a.id });
    await child('attempts.record', attempt('q1', true));
    expect(await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toMatchObject({ score: 100, stars: 3 });
    await child('pupils.signIn', { pupilId: b.id });
    await child('attempts.record', attempt('q1', false));
    await child('attempts.record', attempt('q1', true));
    expect(await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toMatchObject({ score: 0, stars: 1 });

    const grid = await teacher('progress.grid', { classId: cls.id });
    expect(grid.lessons.map((l) => l.lessonId)).toEqual(['passwords']);
    expect(grid.averages).toEqual([{ done: 2 / 3, meanScore: 50, meanStars: 2 }]);
    core.close();
  });
});

describe("one pupil's report", () => {
  it('says of each answer whether it was right, wrong, or not marked', async () => {
    const setup = progressSetup();
    const { core, teacher } = setup;
    const { pupil: p, child } = await signedInPupil(setup);
    await child('attempts.record', attempt('q1', true));
    await child('attempts.record', attempt('q2', false));
    await child('attempts.record', attempt('q3', null));
    const report = await teacher('progress.pupil', { pupilId: p.id });
    // Newest first.
    expect(report.attempts.map((x) => [x.stepId, x.correct])).toEqual([
      ['q3', null],
      ['q2', false],
      ['q1', true],
    ]);
    core.close();
  });
});

describe("the class's timeline", () => {
  it('has one point per day: lessons finished so far and pupils who finished one', async () => {
    let clock = Date.parse('2026-11-02T08:00:00Z');
    const { core, teacher, pupil } = progressSetup(undefined, () => clock);
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const [a, b] = [await teacher('pupils.add', { classId: cls.id, name: '小明' }), await teacher('pupils.add', { classId: cls.id, name: '小红' })];
    const child = pupil();
    const finish = async (pupilId: string, lesson: typeof LESSON) => {
      await child('pupils.signIn', { pupilId });
      await child('attempts.record', attempt('q1', true, lesson));
      await child('progress.finishLesson', { ...lesson, packVersion: '1.0.0' });
    };
    await finish(a.id, LESSON);
    clock += 3600_000;
    await finish(b.id, LESSON);
    clock += 3600_000;
    await finish(b.id, OTHER);
    clock += 24 * 3600_000;
    await finish(a.id, OTHER);
    // A day later: the teacher signs in again.
    expect(await screen(core, 'teacher')('progress.timeline', { classId: cls.id })).toEqual([
      { date: '2026-11-02', lessonsDone: 3, pupilsActive: 2 },
      { date: '2026-11-03', lessonsDone: 4, pupilsActive: 2 },
    ]);
    core.close();
  });
});

describe('reports over a database alone, with no packs wired in', () => {
  it('name lessons by their ids and show the lessons pupils started', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const progress = createProgress(db);
    const cls = progress.roster.createClass('三年级一班', 3);
    const p = progress.roster.addPupil(cls.id, '小明');
    progress.store.recordAttempt(p.id, attempt('q1', false));
    expect(progress.reports.grid(cls.id).lessons).toEqual([LESSON]);
    expect(progress.reports.pupil(p.id)).toMatchObject({
      lessons: [{ ...LESSON, status: 'in-progress' }],
      attempts: [{ ...LESSON, stepId: 'q1', correct: false }],
      hardSteps: [{ ...LESSON, stepId: 'q1', wrong: 1, right: 0 }],
    });
    expect(progress.reports.pupil(p.id).attempts[0]).not.toHaveProperty('title');
    db.close();
  });
});

describe("the pupil's shelf", () => {
  async function pupilWithPack() {
    const setup = progressSetup();
    await setup.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.test-pack' }), { trustConfirmed: true });
    const pack = setup.core.packs.list().find((p) => p.id === 'org.example.test-pack')!;
    const lesson = pack.lessons[0]!;
    const steps = setup.core.packs.lesson(pack.id, lesson.id).lesson.steps.map((s) => s.id);
    const cls = await setup.teacher('classes.create', { name: '一年级一班', grade: 1 });
    const p = await setup.teacher('pupils.add', { classId: cls.id, name: '小明' });
    const child = setup.pupil();
    await child('pupils.signIn', { pupilId: p.id });
    return { ...setup, child, steps, where: { packId: pack.id, lessonId: lesson.id }, version: pack.version };
  }

  it('counts the first step of a lesson as step 1', async () => {
    const { core, child, steps, where, version } = await pupilWithPack();
    await child('progress.savePosition', { ...where, packVersion: version, stepId: steps[0]! });
    expect((await child('pupils.shelf')).lessons).toEqual([expect.objectContaining({ ...where, status: 'in-progress', step: 1 })]);
    core.close();
  });

  it('shows a lesson whose pack is not installed (any more) without a step number', async () => {
    const { core, child } = await pupilWithPack();
    await child('attempts.record', attempt('q1', true));
    expect((await child('pupils.shelf')).lessons).toEqual([expect.objectContaining({ ...LESSON, status: 'in-progress', step: null })]);
    core.close();
  });
});
