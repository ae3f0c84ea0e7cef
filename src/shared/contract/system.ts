import { z } from 'zod';
import type { DoctorFindingCode } from '../messages';
import { Language } from '../settings';
import { method } from './define';

// The PC itself: its health report for IT staff (\`kite doctor\`) and what the host can do for a pupil.

export type CheckStatus = 'ok' | 'warn' | 'fail';

/**
 * One finding of `kite doctor`. The console words it in the teacher's language from `code` and
 * `params` (src/shared/messages, describeFinding); `title` and `detail` are the English sentences of
 * the saved report; `technical` is the raw English fact (an error, a file list) behind it, if any.
 */
export interface DoctorCheck {
  section: 'versions' | 'config' | 'data' | 'database' | 'packs' | 'media' | 'gpu';
  status: CheckStatus;
  code: DoctorFindingCode;
  params: Record<string, string>;
  title: string;
  detail?: string;
  technical?: string;
}

export interface DoctorReport {
  createdAt: string;
  checks: DoctorCheck[];
  /** True when any check failed: `kite doctor` exits non-zero. */
  broken: boolean;
  /** The plain-text report IT staff save to a USB stick. */
  text: string;
}

export const systemMethods = {
  /** lang: the language of the plain-text report (default: this window's, then the PC's). */
  'system.doctor': method<DoctorReport>()('teacher', z.object({ lang: Language.optional() }).strict().default({})),
  /** Keep the screen awake while a video plays (Electron's powerSaveBlocker); false where the host cannot. */
  'system.keepAwake': method<{ supported: boolean }>()('pupil', z.object({ on: z.boolean() }).strict()),
} as const;
