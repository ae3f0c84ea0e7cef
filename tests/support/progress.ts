import crypto from 'node:crypto';
import { createCore, type Core } from '../../src/core';
import { createDispatcher } from '../../src/handlers/dispatch';
import type { InputOf, MethodName, ResultOf } from '../../src/shared/contract';
import { KiteError } from '../../src/shared/errors';
import { tempDir } from './temp';

/** Calls into a core through its real dispatcher, as a screen with this role would (its own session). */
export function screen(core: Core, role: 'pupil' | 'teacher') {
  const dispatch = createDispatcher(core);
  const session = core.sessions.create();
  core.sessions.setRole(session.id, role);
  return async <M extends MethodName>(method: M, input?: InputOf<M>): Promise<ResultOf<M>> => {
    const envelope = await dispatch(method, input ?? {}, { session });
    if (!envelope.ok) throw KiteError.fromPayload(envelope.error);
    return envelope.result as ResultOf<M>;
  };
}

/** A core on a temp folder and callers acting as a teacher or a pupil, through the real dispatcher. */
export function progressSetup(dataDir = tempDir(), now?: () => number) {
  const core: Core = createCore({ dataDir, now });
  const caller = (role: 'pupil' | 'teacher') => screen(core, role);
  return { core, dataDir, teacher: caller('teacher'), pupil: () => caller('pupil') };
}

/** A grade-3 class with one pupil, and a pupil screen signed in as them. */
export async function signedInPupil({ teacher, pupil }: Pick<ReturnType<typeof progressSetup>, 'teacher' | 'pupil'>, name = '小明') {
  const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
  const p = await teacher('pupils.add', { classId: cls.id, name });
  const child = pupil();
  await child('pupils.signIn', { pupilId: p.id });
  return { cls, pupil: p, child };
}

/** What a merge left behind, as a teacher would see it changed: classes, pupils, events, summaries, and any table it staged in. */
export function progressSnapshot(core: Core) {
  const all = (sql: string) => core.db.prepare(sql).all();
  return {
    classes: all('SELECT * FROM classes ORDER BY id'),
    pupils: all('SELECT * FROM pupils ORDER BY id'),
    events: all('SELECT id FROM progress_events ORDER BY id'),
    summaries: all('SELECT * FROM lesson_summaries ORDER BY pupil_id, pack_id, lesson_id'),
    staged: all("SELECT name FROM sqlite_temp_master WHERE type = 'table'"),
  };
}

export const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

export function attempt(stepId: string, correct: boolean | null, extra: Partial<InputOf<'attempts.record'>> = {}): InputOf<'attempts.record'> {
  return {
    attemptId: crypto.randomUUID(),
    packId: 'org.kite.safe-online',
    packVersion: '1.0.0',
    lessonId: 'passwords',
    stepId,
    activityType: 'single-choice',
    answer: { chosen: ['a'] },
    correct,
    hintsUsed: 0,
    timeMs: 1200,
    ...extra,
  };
}
