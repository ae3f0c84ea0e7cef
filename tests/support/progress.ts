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
