import { z } from 'zod';
import { Id, PackId, SemVer, STEP_TYPES } from '../pack';
import { boundedJson, event, method, NoInput } from './define';
import { AVATARS, PICTURES } from '../avatars';
import { LANGUAGES } from '../languages';

// Pupils' progress. The lesson player relies on the methods below (fixed names and shapes); the
// progress feature adds pupils, classes, reports, backups, and wires this file into contract/index.ts.

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

// ---- Pupils, classes, reports, backups (the progress feature) ----

export { AVATARS, PICTURES };
export const Avatar = z.enum(AVATARS);
export type Avatar = z.infer<typeof Avatar>;
export const PicturePassword = z.array(z.enum(PICTURES)).length(3);

const EntityId = z.string().uuid();
const noControl = (s: string) => !/\p{Cc}/u.test(s);
export const PupilName = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(20, 'at most 20 characters')
  .refine(noControl, 'no control characters');
export const ClassName = z.string().trim().min(1, 'a class name is needed').max(30, 'at most 30 characters').refine(noControl, 'no control characters');
const Grade = z.number().int().min(1).max(6).nullable();
/** A file the teacher picked, as base64 bytes (so the core can tell UTF-8 from GBK). */
const FileBytes = z.string().max(700_000, 'the file is too big for the screen; use the command line for big files');

export interface PupilBrief {
  id: string;
  name: string;
  avatar: Avatar;
  hasPicturePassword: boolean;
}
export interface PicturePasswordInfo {
  pictures: string[] | null;
  isSet: boolean;
}
export interface ClassInfo {
  id: string;
  name: string;
  grade: number | null;
  pupils: PupilBrief[];
}
export interface PupilSession {
  mode: 'none' | 'guest' | 'pupil';
  pupil?: PupilBrief & { classId: string; className: string };
}

export interface ImportLine {
  line: number;
  name: string;
  className: string;
  status: 'new' | 'exists' | 'error';
  /** English fallback; the UI shows problem by code. */
  problem?: 'empty' | 'too-long' | 'too-many-columns' | 'duplicate-in-file' | 'no-class' | 'bad-characters';
}
export interface ImportPreview {
  encoding: 'utf-8' | 'utf-8-bom' | 'gbk';
  lines: ImportLine[];
  newPupils: number;
  newClasses: string[];
  /** Lines with a problem: skipped, each listed with its reason. */
  errors: number;
  /** Empty rows (",," left by Excel): skipped, only counted. */
  blankLines: number;
}

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
export interface BackupInfo {
  name: string;
  reason: string;
  createdAt: string;
  sizeBytes: number;
}

const ClassRef = z.object({ classId: EntityId }).strict();
const PupilRef = z.object({ pupilId: EntityId }).strict();

export const progressMethods = {
  ...progressPlayerMethods,
  // Pupil sign-in (any caller on this PC)
  'pupils.roster': method<ClassInfo[]>()('pupil', NoInput),
  'pupils.current': method<PupilSession>()('pupil', NoInput),
  'pupils.signIn': method<PupilSession>()('pupil', z.object({ pupilId: EntityId, pictures: z.array(z.string().max(20)).max(3).optional() }).strict()),
  'pupils.signInGuest': method<PupilSession>()('pupil', NoInput),
  'pupils.signOut': method<PupilSession>()('pupil', NoInput),
  /** The signed-in pupil's lessons with their progress (empty for a guest). */
  'pupils.shelf': method<Shelf>()('pupil', NoInput),
  /** The activity types whose first-time hand the signed-in pupil has seen (empty for a guest). */
  'pupils.hintsSeen': method<string[]>()('pupil', NoInput),
  /** The signed-in pupil has seen the first-time hand of this activity type (saved is false for a guest). */
  'pupils.sawHint': method<{ saved: boolean }>()('pupil', z.object({ kind: z.enum(STEP_TYPES as [string, ...string[]]) }).strict()),
  // Classes and pupils (teacher)
  'classes.list': method<ClassInfo[]>()('teacher', NoInput),
  'classes.create': method<ClassInfo>()('teacher', z.object({ name: ClassName, grade: Grade.default(null) }).strict()),
  'classes.update': method<ClassInfo>()('teacher', ClassRef.extend({ name: ClassName, grade: Grade }).strict()),
  'classes.remove': method<{ removed: true }>()('teacher', ClassRef),
  'classes.importPreview': method<ImportPreview>()('teacher', z.object({ classId: EntityId.optional(), fileBase64: FileBytes }).strict()),
  'classes.importCommit': method<ImportPreview>()('teacher', z.object({ classId: EntityId.optional(), fileBase64: FileBytes }).strict()),
  'pupils.add': method<PupilBrief>()('teacher', ClassRef.extend({ name: PupilName, avatar: Avatar.optional() }).strict()),
  'pupils.update': method<PupilBrief>()(
    'teacher',
    PupilRef.extend({ name: PupilName.optional(), avatar: Avatar.optional(), picturePassword: PicturePassword.nullable().optional() }).strict(),
  ),
  'pupils.remove': method<{ removed: true }>()('teacher', PupilRef),
  /** The pupil's picture password for the teacher to tell them (null pictures: set before they were kept; make a new one). */
  'pupils.picturePassword': method<PicturePasswordInfo>()('teacher', PupilRef),
  'pupils.newPicturePassword': method<PicturePasswordInfo>()('teacher', PupilRef),
  // Lessons the teacher gives a class (first on its pupils' shelf)
  'classes.lessons': method<LessonRef[]>()('teacher', ClassRef),
  'classes.assignLesson': method<LessonRef[]>()('teacher', ClassRef.extend({ packId: PackId, lessonId: Id, assigned: z.boolean() }).strict()),
  // Reports (teacher)
  'progress.grid': method<ClassGrid>()('teacher', ClassRef),
  'progress.pupil': method<PupilReport>()('teacher', PupilRef),
  'progress.timeline': method<TimelinePoint[]>()('teacher', ClassRef),
  'progress.resetPupil': method<{ reset: true }>()('teacher', PupilRef),
  'progress.exportCsv': method<{ fileName: string; text: string }>()(
    'teacher',
    // lang: column names and statuses (default: the app's language); timeZone: the teacher's own, for the times.
    z.object({ classId: EntityId.optional(), lang: z.enum(LANGUAGES).optional(), timeZone: z.string().max(64).optional() }).strict(),
  ),
  'progress.exportFile': method<{ fileName: string; text: string }>()('teacher', NoInput),
  'progress.mergeFile': method<MergeResult>()('teacher', z.object({ text: z.string().max(900_000) }).strict()),
  'backups.list': method<BackupInfo[]>()('teacher', NoInput),
  'backups.create': method<BackupInfo>()('teacher', NoInput),
} as const;

export const progressEvents = {
  /** New progress reached this PC from elsewhere (a pupil PC's push to the hub): the teacher's reports on these pupils reload. */
  'progress.changed': event('teacher', z.object({ pupilIds: z.array(z.string()) })),
} as const;
