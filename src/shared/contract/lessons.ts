import { z } from 'zod';
import { Id, PackId, type Lesson, type LocalizedText } from '../pack';
import { method } from './define';
import type { NarrationRecording } from './narration';

// One lesson as the player shows it: its steps, its pack's files, and this PC's own recordings.

export interface LessonView {
  pack: { id: string; version: string; languages: string[]; title: LocalizedText };
  lesson: Lesson;
  /** URL prefix for the pack's files: an AssetPath `media/x.svg` is at `${assetBase}media/x.svg`. */
  assetBase: string;
  /** The teacher's own recordings for this lesson on this PC (played before the pack's narration). */
  recordings?: NarrationRecording[];
}

export const lessonMethods = {
  'lessons.get': method<LessonView>()('pupil', z.object({ packId: PackId, lessonId: Id }).strict()),
} as const;
