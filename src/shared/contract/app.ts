import type { StartupWarning } from '../warnings';
import { method, NoInput } from './define';

export interface Health {
  ok: boolean;
  appVersion: string;
  /** Teachers only: pupils are not shown where the data lives. */
  dataDir?: string;
  dbSchemaVersion: number;
  startedAt: string;
  /** Problems found at start that a teacher or IT staff should know about (e.g. a corrupt settings file set aside). */
  /** Teachers only (they name files and folders). */
  warnings?: StartupWarning[];
}

export interface HomeSummary {
  schoolName: string;
  classroomName: string;
  lessons: { packs: number; lessons: number };
  media: { videos: number; photos: number };
  demos: { available: number };
}

/** App-wide methods: health and the home screen. */
export const appMethods = {
  'app.health': method<Health>()('pupil', NoInput),
  'home.summary': method<HomeSummary>()('pupil', NoInput),
} as const;
