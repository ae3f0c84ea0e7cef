import crypto from 'node:crypto';
import type { Core } from '../../src/core';
import { bundleBytes } from '../../src/core/county/bundle/write';
import { loadSchoolIdentity } from '../../src/core/county/bundle/identity';
import { publicKeyFile } from '../../src/core/county/bundle/identity';
import { attempt, progressSetup } from './progress';
import { tempDir } from './temp';

/** A lesson of the built-in pack safe-start, with two of its questions (the county knows their titles). */
export const SECRETS = { packId: 'org.kiteclassroom.safe-start', lessonId: 'my-secrets', packVersion: '1.1.0' };
export const HARD_STEP = 'where-do-you-live';
export const EASY_STEP = 'game-form';

export interface PupilPlan {
  /** First answers to the hard and the easy question (then a right one each, as pupils try again). */
  hardRight: boolean;
  easyRight: boolean;
  finish: boolean;
}

/**
 * A school's data folder with pupils and attempts made through the app's own API (the teacher adds
 * a class and pupils, each pupil signs in and answers), as at a real school.
 */
export async function makeSchool(grade: number, plans: PupilPlan[], dataDir = tempDir('kite-school-')) {
  const setup = progressSetup(dataDir);
  const cls = await setup.teacher('classes.create', { name: `${grade} 年级 1 班`, grade });
  const child = setup.pupil();
  for (const [i, plan] of plans.entries()) {
    const pupil = await setup.teacher('pupils.add', { classId: cls.id, name: `学生${i + 1}` });
    await child('pupils.signIn', { pupilId: pupil.id });
    await answer(child, plan);
  }
  return { ...setup, classId: cls.id };
}

type Caller = ReturnType<typeof progressSetup>['teacher'];

async function answer(child: Caller, plan: PupilPlan): Promise<void> {
  const lesson = { packId: SECRETS.packId, lessonId: SECRETS.lessonId, packVersion: SECRETS.packVersion, activityType: 'single-choice' };
  await child('attempts.record', attempt(HARD_STEP, plan.hardRight, { ...lesson, attemptId: crypto.randomUUID() }));
  if (!plan.hardRight) await child('attempts.record', attempt(HARD_STEP, true, { ...lesson, attemptId: crypto.randomUUID() }));
  await child('attempts.record', attempt(EASY_STEP, plan.easyRight, { ...lesson, activityType: 'true-false', attemptId: crypto.randomUUID() }));
  if (plan.finish) await child('progress.finishLesson', { packId: SECRETS.packId, lessonId: SECRETS.lessonId, packVersion: SECRETS.packVersion });
}

/** More pupils of an existing school, e.g. between two syncs. */
export async function addPupils(school: Awaited<ReturnType<typeof makeSchool>>, plans: PupilPlan[]) {
  const child = school.pupil();
  for (const [i, plan] of plans.entries()) {
    const pupil = await school.teacher('pupils.add', { classId: school.classId, name: `新学生${i + 1}` });
    await child('pupils.signIn', { pupilId: pupil.id });
    await answer(child, plan);
  }
}

/** The school's public key file text, as `kite county school add KEY.pub` takes it. */
export const schoolKey = (dataDir: string) => publicKeyFile(loadSchoolIdentity(dataDir).publicKey);

/** The bundle the school would send now (everything the county has not acknowledged). */
export async function schoolBundle(core: Core, dataDir: string, schoolName?: string): Promise<Buffer> {
  return (await bundleBytes(core.db, loadSchoolIdentity(dataDir), { schoolName })).bytes;
}
