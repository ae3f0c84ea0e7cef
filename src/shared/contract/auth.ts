import { z } from 'zod';
import { Language } from '../settings';
import { method, NoInput, type Role } from './define';

// Who is at this window: the teacher PIN, its lock, sign-in and sign-out, and this session's language.

export interface SessionInfo {
  role: Role;
  pinSet: boolean;
  /** Seconds until the PIN lock ends; 0 when not locked. */
  lockedForSeconds: number;
  /** The language picked on this window for this pupil's session; null: the PC's default (settings.language). */
  language: Language | null;
}

const Pin = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');

export const authMethods = {
  /** The language of this window until the pupil signs out (the PC's default is settings.update, for teachers). */
  'auth.setLanguage': method<SessionInfo>()('pupil', z.object({ language: Language }).strict()),
  'auth.session': method<SessionInfo>()('pupil', NoInput),
  'auth.setPin': method<SessionInfo>()('pupil', z.object({ pin: Pin }).strict()),
  'auth.changePin': method<SessionInfo>()('teacher', z.object({ currentPin: Pin, newPin: Pin }).strict()),
  'auth.teacherSignIn': method<SessionInfo>()('pupil', z.object({ pin: z.string().max(16) }).strict()),
  'auth.signOut': method<SessionInfo>()('pupil', NoInput),
} as const;
