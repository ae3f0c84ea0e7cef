import { z } from 'zod';
import { Settings, SettingsPatch, Language } from '../settings';
import type { StartupWarning } from '../warnings';
import { event, method, NoInput, type Role } from './define';

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

export interface SessionInfo {
  role: Role;
  pinSet: boolean;
  /** Seconds until the PIN lock ends; 0 when not locked. */
  lockedForSeconds: number;
}

const Pin = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');

/** App-wide methods: health, the home screen, settings, teacher sign-in. */
export const appMethods = {
  'app.health': method<Health>()('pupil', NoInput),
  'home.summary': method<HomeSummary>()('pupil', NoInput),
  'settings.get': method<Settings>()('pupil', NoInput),
  'settings.update': method<Settings>()('teacher', SettingsPatch),
  'settings.setLanguage': method<Settings>()('pupil', z.object({ language: Language }).strict()),
  'auth.session': method<SessionInfo>()('pupil', NoInput),
  'auth.setPin': method<SessionInfo>()('pupil', z.object({ pin: Pin }).strict()),
  'auth.changePin': method<SessionInfo>()('teacher', z.object({ currentPin: Pin, newPin: Pin }).strict()),
  'auth.teacherSignIn': method<SessionInfo>()('pupil', z.object({ pin: z.string().max(16) }).strict()),
  'auth.signOut': method<SessionInfo>()('pupil', NoInput),
} as const;

export const appEvents = {
  /** Every screen follows the language and the school's name. */
  'settings.changed': event('pupil', Settings),
} as const;
