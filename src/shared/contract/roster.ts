import { z } from 'zod';
import { Id, PackId } from '../pack';
import { method, NoInput } from './define';
import { AVATARS, PICTURES } from '../avatars';
import type { LessonRef, Shelf } from './progress';

// The roster: classes, pupils, their sign-in and picture passwords, and the lessons a class is given.

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

const ClassRef = z.object({ classId: EntityId }).strict();
const PupilRef = z.object({ pupilId: EntityId }).strict();

export const rosterMethods = {
  // Pupil sign-in (any caller on this PC)
  'pupils.roster': method<ClassInfo[]>()('pupil', NoInput),
  'pupils.current': method<PupilSession>()('pupil', NoInput),
  'pupils.signIn': method<PupilSession>()('pupil', z.object({ pupilId: EntityId, pictures: z.array(z.string().max(20)).max(3).optional() }).strict()),
  'pupils.signInGuest': method<PupilSession>()('pupil', NoInput),
  'pupils.signOut': method<PupilSession>()('pupil', NoInput),
  /** The signed-in pupil's lessons with their progress (empty for a guest). */
  'pupils.shelf': method<Shelf>()('pupil', NoInput),
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
} as const;
