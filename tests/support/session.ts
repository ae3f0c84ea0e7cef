import type { EventName } from '../../src/shared/contract';
import { progressSetup } from './progress';
import { buildFixturePack, fixtureLesson } from './packs';
import { tempDir } from './temp';

export const PACK = 'org.example.test-pack';
const lessonWithTrueFalse = fixtureLesson('first-lesson', {
  steps: [
    ...fixtureLesson('first-lesson').steps,
    { type: 'true-false', id: 'tf', prompt: { 'zh-CN': '密码可以告诉好朋友。', en: 'You may tell a friend your password.' }, answer: false },
  ],
});

/** A hub core with the fixture pack, a class of three, a teacher and three signed-in pupils, on a clock the test moves. */
export async function classRoom(dataDir = tempDir()) {
  let clock = Date.parse('2026-12-03T01:00:00Z');
  const setup = progressSetup(dataDir, () => clock);
  const { core, teacher } = setup;
  await core.packs.install(await buildFixturePack(tempDir(), { lessons: [lessonWithTrueFalse] }), { trustConfirmed: true });
  const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
  const names = ['小明', '小红', '小刚'];
  const pupils = [];
  for (const name of names) {
    const brief = await teacher('pupils.add', { classId: cls.id, name });
    const call = setup.pupil();
    await call('pupils.signIn', { pupilId: brief.id });
    pupils.push({ ...brief, call });
  }
  const sent: { name: EventName; payload: unknown }[] = [];
  core.events.subscribe((name, payload) => sent.push({ name, payload }));
  return { ...setup, cls, pupils, sent, tick: (ms: number) => (clock += ms) };
}
