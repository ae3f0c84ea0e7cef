import { z } from 'zod';
import { Id, ImageRef, LocalizedText, PackId, STEP_TYPES, type GradeBand, type Lesson, type StepType } from '../pack';
import { method, NoInput } from './define';

// Lesson packs. The read methods below are fixed (the lesson player relies on them); the
// packs feature adds its import/uninstall methods and wires this file into contract/index.ts.

export type SignatureStatus = 'trusted' | 'unknown-publisher' | 'unsigned' | 'broken';

export interface LessonSummary {
  id: string;
  title: LocalizedText;
  summary?: LocalizedText;
  grades: GradeBand;
  minutes: number;
  stepCount: number;
  cover?: ImageRef;
  activityTypes: StepType[];
}

export interface InstalledPack {
  id: string;
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  languages: string[];
  grades: GradeBand;
  subjects: string[];
  license: string;
  authors: { name: string; role?: string }[];
  signature: SignatureStatus;
  installedAt: string;
  sizeBytes: number;
  lessons: LessonSummary[];
}

export interface LessonView {
  pack: { id: string; version: string; languages: string[]; title: LocalizedText };
  lesson: Lesson;
  /** URL prefix for the pack's files: an AssetPath `media/x.svg` is at `${assetBase}media/x.svg`. */
  assetBase: string;
}

export const packReadMethods = {
  'packs.list': method<InstalledPack[]>()('pupil', NoInput),
  'lessons.get': method<LessonView>()('pupil', z.object({ packId: PackId, lessonId: Id }).strict()),
} as const;

export { STEP_TYPES };
