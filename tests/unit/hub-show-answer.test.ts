import { describe, expect, it } from 'vitest';
import { attempt } from '../support/progress';
import { codeOf, eventually, roomWithOnePupil } from '../support/room';

const LESSON = { packId: 'org.example.test-pack', lessonId: 'first-lesson' };

describe("show one pupil's answer to the class, for any answered step of a follow-me session (issue 15)", () => {
  it("takes the pupil's recorded answer to the session's step (recorded on a pupil PC), name hidden or not, and drops it on the next step", { timeout: 60_000 }, async () => {
    const { pc, teacher, cls, xiaoming, pupil, stopFollowing } = await roomWithOnePupil();
    await teacher('session.start', { classId: cls.id, ...LESSON, mode: 'follow' });
    await teacher('session.goToStep', { index: 1 });
    await eventually(() => pc.core.liveSession.state().live?.step.stepId === 'question', 'the step on the pupil PC');
    // Not answered yet: nothing to show, and the teacher is told so.
    expect(await codeOf(teacher('session.showAnswer', { pupilId: xiaoming.id, hideName: true }))).toBe('not_found');

    // 小明 answers at his PC (no poll: the lesson's own step); the hub's dashboard hears it from the push.
    await pupil('attempts.record', attempt('question', false, { ...LESSON, answer: { option: 'tell' } }));
    const answered = async () => (await teacher('session.dashboard')).pupils.find((p) => p.id === xiaoming.id)?.lastAnswer;
    await expect.poll(answered, { timeout: 20_000 }).toEqual({ stepId: 'question', correct: false });

    await teacher('session.showAnswer', { pupilId: xiaoming.id, hideName: true });
    const shown = () => pc.core.liveSession.state().live?.shown;
    await eventually(() => shown() !== null && shown() !== undefined, 'the shown answer on the pupil PC');
    expect(shown()).toEqual({ optionId: null, name: null, step: { stepId: 'question', answer: { option: 'tell' }, correct: false } });
    // A later answer is the one shown; with the name when the teacher chooses.
    await pupil('attempts.record', attempt('question', true, { ...LESSON, answer: { option: 'ask-adult' } }));
    await expect.poll(answered, { timeout: 20_000 }).toEqual({ stepId: 'question', correct: true });
    await teacher('session.showAnswer', { pupilId: xiaoming.id, hideName: false });
    await eventually(() => shown()?.name === '小明', 'the name on the pupil PC');
    expect(shown()?.step).toEqual({ stepId: 'question', answer: { option: 'ask-adult' }, correct: true });

    // The next step: an answer to the step before is not shown any more.
    await teacher('session.goToStep', { index: 0 });
    await eventually(() => shown() === null, 'the shown answer gone');
    await stopFollowing();
  });
});
