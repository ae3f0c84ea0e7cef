import { z } from 'zod';
import type { KioskStatus } from '../kiosk';
import type { DoctorFindingCode } from '../messages';
import { Language } from '../settings';
import { method, NoInput } from './define';

export type { KioskStatus };

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

/** Kiosk mode and the health report for IT staff. */
export const kioskMethods = {
  'kiosk.status': method<KioskStatus>()('pupil', NoInput),
  /** The teacher PIN is checked here, not by role: in kiosk mode the pupil session is the one open. */
  'kiosk.exit': method<{ exiting: true }>()('pupil', z.object({ pin: z.string().max(16) }).strict()),
  /** lang: the language of the plain-text report (default: this window's, then the PC's). */
  'doctor.report': method<DoctorReport>()('teacher', z.object({ lang: Language.optional() }).strict().default({})),
} as const;
