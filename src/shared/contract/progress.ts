import { z } from 'zod';
import { Id, PackId, SemVer, STEP_TYPES } from '../pack';
import { method } from './define';

// Pupils' progress. The lesson player relies on the methods below (fixed names and shapes); the
// progress feature adds pupils, classes, reports, backups, and wires this file into contract/index.ts.

const MAX_ANSWER_JSON = 4000;

/** One answer to one step, sent by the lesson player. The pupil comes from the session, never from the input. */
export const AttemptInput = z
  .object({
    /** Made by the player (crypto.randomUUID()): recording the same attempt twice stores it once. */
    attemptId: z.string().uuid(),
    packId: PackId,
    packVersion: SemVer,
    lessonId: Id,
    stepId: Id,
    activityType: z.enum(STEP_TYPES as [string, ...string[]]),
    /** What the pupil chose, as small JSON (ids, order, score). Never free text a pupil typed, never a password. */
    answer: z.unknown().refine((a) => a === undefined || JSON.stringify(a).length <= MAX_ANSWER_JSON, `must be at most ${MAX_ANSWER_JSON} characters of JSON`),
    /** null for steps without a right answer (slides, flashcards, self-check…). */
    correct: z.boolean().nullable(),
    hintsUsed: z.number().int().min(0).max(10),
    timeMs: z.number().int().min(0).max(3_600_000),
  })
  .strict();
export type AttemptInput = z.infer<typeof AttemptInput>;

const LessonRef = z.object({ packId: PackId, lessonId: Id }).strict();

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

export const progressPlayerMethods = {
  /** saved is false for a guest (nothing is kept) */
  'attempts.record': method<{ saved: boolean }>()('pupil', AttemptInput),
  'progress.position': method<{ stepId: string | null; status: LessonStatus }>()('pupil', LessonRef),
  'progress.savePosition': method<{ saved: boolean }>()('pupil', LessonRef.extend({ packVersion: SemVer, stepId: Id }).strict()),
  'progress.finishLesson': method<{ saved: boolean; stars: 0 | 1 | 2 | 3; score: number }>()('pupil', LessonRef.extend({ packVersion: SemVer }).strict()),
} as const;
