import { z } from 'zod';
import { Id, PackId, SemVer, STEP_TYPES } from '../pack';
import { boundedJson, method, NoInput } from './define';
import { AVATARS, PICTURES } from '../avatars';

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

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

export const progressPlayerMethods = {
  /** saved is false for a guest (nothing is kept) */
  'attempts.record': method<{ saved: boolean }>()('pupil', AttemptInput),
  'progress.position': method<{ stepId: string | null; status: LessonStatus }>()('pupil', LessonRef),
  'progress.savePosition': method<{ saved: boolean }>()('pupil', LessonRef.extend({ packVersion: SemVer, stepId: Id }).strict()),
  'progress.finishLesson': method<{ saved: boolean; stars: 0 | 1 | 2 | 3; score: number }>()('pupil', LessonRef.extend({ packVersion: SemVer }).strict()),
} as const;

// ---- Pupils, classes, reports, backups (the progress feature) ----

export { AVATARS, PICTURES };
export const Avatar = z.enum(AVATARS);
export type Avatar = z.infer<typeof Avatar>;
export const PicturePassword = z.array(z.enum(PICTURES)).length(3);

const EntityId = z.string().uuid();
const PupilName = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(20, 'at most 20 characters')
  .refine((s) => !/\p{Cc}/u.test(s), 'no control characters');
const ClassName = z.string().trim().min(1, 'a class name is needed').max(30, 'at most 30 characters');
const Grade = z.number().int().min(1).max(6).nullable();
/** A file the teacher picked, as base64 bytes (so the core can tell UTF-8 from GBK). */
const FileBytes = z.string().max(700_000, 'the file is too big for the screen; use the command line for big files');

export interface PupilBrief {
  id: string;
  name: string;
  avatar: Avatar;
  hasPicturePassword: boolean;
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
  errors: number;
}

export interface LessonKey {
  packId: string;
  lessonId: string;
  /** From the installed pack when known; else the ids are shown. */
  title?: string;
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
export interface AttemptRow {
  id: string;
  packId: string;
  lessonId: string;
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
  hardSteps: { packId: string; lessonId: string; stepId: string; prompt?: string; wrong: number; right: number }[];
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
  // Reports (teacher)
  'progress.grid': method<ClassGrid>()('teacher', ClassRef),
  'progress.pupil': method<PupilReport>()('teacher', PupilRef),
  'progress.timeline': method<TimelinePoint[]>()('teacher', ClassRef),
  'progress.resetPupil': method<{ reset: true }>()('teacher', PupilRef),
  'progress.exportCsv': method<{ fileName: string; text: string }>()('teacher', z.object({ classId: EntityId.optional() }).strict()),
  'progress.exportFile': method<{ fileName: string; text: string }>()('teacher', NoInput),
  'progress.mergeFile': method<MergeResult>()('teacher', z.object({ text: z.string().max(900_000) }).strict()),
  'backups.list': method<BackupInfo[]>()('teacher', NoInput),
  'backups.create': method<BackupInfo>()('teacher', NoInput),
} as const;
