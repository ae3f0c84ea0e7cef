import { z } from 'zod';
import { Id, PackId, SemVer, STEP_TYPES } from '../pack';
import { boundedJson, event, method, NoInput } from './define';
import { LANGUAGES } from '../languages';
import type { PupilBrief } from './roster';

// Pupils' progress: what the lesson player records, and the teacher's reports, exports and merges.

const MAX_ANSWER_JSON = 4000;
const MAX_ANSWER_DEPTH = 8;

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
    answer: boundedJson(MAX_ANSWER_DEPTH, MAX_ANSWER_JSON),
    /** null for steps without a right answer (slides, flashcards, self-check…). */
    correct: z.boolean().nullable(),
    hintsUsed: z.number().int().min(0).max(10),
    timeMs: z.number().int().min(0).max(3_600_000),
  })
  .strict();
export type AttemptInput = z.infer<typeof AttemptInput>;

const LessonRef = z.object({ packId: PackId, lessonId: Id }).strict();
export interface LessonRef {
  packId: string;
  lessonId: string;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

/** The open step's half-done state (items sorted so far, answers chosen), as the activity keeps it. Small JSON, never typed text. */
const StepDraft = z
  .object({ stepId: Id, state: z.unknown() })
  .strict()
  .refine((d) => JSON.stringify(d.state ?? null).length <= MAX_ANSWER_JSON, `must be at most ${MAX_ANSWER_JSON} characters of JSON`);
export interface StepDraft {
  stepId: string;
  state: unknown;
}
/** Where a pupil stopped in a lesson: the step, the steps done before it, and that step's draft. */
export interface LessonPosition {
  stepId: string | null;
  status: LessonStatus;
  done: string[];
  draft: StepDraft | null;
}

/** One lesson on the pupil's own shelf. step: the step they stopped at (1-based), while in progress. */
export interface ShelfLesson extends LessonRef {
  status: LessonStatus;
  stars: number;
  step: number | null;
  updatedAt: string;
}
/** The signed-in pupil's shelf: their class's grade, the lessons the teacher gave the class, and their progress. */
export interface Shelf {
  grade: number | null;
  assigned: LessonRef[];
  lessons: ShelfLesson[];
}

export const progressPlayerMethods = {
  /** saved is false for a guest (nothing is kept) */
  'attempts.record': method<{ saved: boolean }>()('pupil', AttemptInput),
  'progress.position': method<LessonPosition>()('pupil', LessonRef),
  'progress.savePosition': method<{ saved: boolean }>()(
    'pupil',
    LessonRef.extend({ packVersion: SemVer, stepId: Id, done: z.array(Id).max(300).optional(), draft: StepDraft.optional() }).strict(),
  ),
  'progress.finishLesson': method<{ saved: boolean; stars: 0 | 1 | 2 | 3; score: number }>()('pupil', LessonRef.extend({ packVersion: SemVer }).strict()),
} as const;

const EntityId = z.string().uuid();
export interface LessonKey {
  packId: string;
  lessonId: string;
  /** From the installed pack when known; else the ids are shown. */
  title?: string;
  /** The pack's title, when installed (the class grid's filter by pack). */
  packTitle?: string;
}
export interface GridCell {
  status: LessonStatus;
  stars: number;
  bestScore: number | null;
  timeMs: number;
}
export interface ClassGrid {
  classId: string;
  pupils: PupilBrief[];
  lessons: LessonKey[];
  /** cells[pupilIndex][lessonIndex] */
  cells: GridCell[][];
  /** Per lesson: share of pupils done (0..1) and mean best score of those done (null if none). */
  averages: { done: number; meanScore: number | null; meanStars: number | null }[];
}
export interface AttemptRow extends LessonKey {
  id: string;
  stepId: string;
  /** The question as the pupil saw it, in the app's language, when the pack is still installed. */
  prompt?: string;
  activityType: string;
  correct: boolean | null;
  hintsUsed: number;
  timeMs: number;
  at: string;
}
export interface PupilReport {
  pupil: PupilBrief & { classId: string; className: string };
  lessons: (LessonKey & GridCell & { lastStepId: string | null; finishedAt: string | null })[];
  attempts: AttemptRow[];
  /** Steps with the most wrong tries: what this pupil found hard. */
  hardSteps: (LessonKey & { stepId: string; prompt?: string; wrong: number; right: number })[];
}
export interface TimelinePoint {
  date: string;
  /** Lessons finished by the class so far (cumulative), and pupils who finished at least one. */
  lessonsDone: number;
  pupilsActive: number;
}
export interface MergeResult {
  events: { added: number; alreadyHere: number };
  pupils: { added: number; matched: number };
  classes: { added: number; matched: number };
}

const ClassRef = z.object({ classId: EntityId }).strict();
const PupilRef = z.object({ pupilId: EntityId }).strict();

export const progressMethods = {
  ...progressPlayerMethods,
  // Reports (teacher)
  // lang: lesson titles and questions in the teacher's language (default: this window's, then the PC's).
  'progress.grid': method<ClassGrid>()('teacher', ClassRef.extend({ lang: z.enum(LANGUAGES).optional() }).strict()),
  'progress.pupil': method<PupilReport>()('teacher', PupilRef.extend({ lang: z.enum(LANGUAGES).optional() }).strict()),
  'progress.timeline': method<TimelinePoint[]>()('teacher', ClassRef),
  'progress.resetPupil': method<{ reset: true }>()('teacher', PupilRef),
  'progress.exportCsv': method<{ fileName: string; text: string }>()(
    'teacher',
    // lang: column names and statuses (default: the app's language); timeZone: the teacher's own, for the times.
    z.object({ classId: EntityId.optional(), lang: z.enum(LANGUAGES).optional(), timeZone: z.string().max(64).optional() }).strict(),
  ),
  'progress.exportFile': method<{ fileName: string; text: string }>()('teacher', NoInput),
  // A file the console picked is POSTed to the uploadToken's url first (any size up to the limit) and merged by its uploadId; text is for small files (tests, scripts).
  'progress.uploadToken': method<{ url: string }>()('teacher', NoInput),
  'progress.mergeFile': method<MergeResult>()('teacher', z.union([z.object({ text: z.string().max(900_000) }).strict(), z.object({ uploadId: z.string().uuid() }).strict()])),
} as const;

export const progressEvents = {
  /** New progress reached this PC from elsewhere (a pupil PC's push to the hub): the teacher's reports on these pupils reload. */
  'progress.changed': event('teacher', z.object({ pupilIds: z.array(z.string()) })),
} as const;
