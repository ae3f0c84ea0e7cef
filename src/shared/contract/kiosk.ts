import { z } from 'zod';
import type { KioskStatus } from '../kiosk';
import { method, NoInput } from './define';

export type { KioskStatus };

/** Kiosk mode: the locked full-screen app, left only with the teacher PIN. */
export const kioskMethods = {
  'kiosk.status': method<KioskStatus>()('pupil', NoInput),
  /** The teacher PIN is checked here, not by role: in kiosk mode the pupil session is the one open. */
  'kiosk.exit': method<{ exiting: true }>()('pupil', z.object({ pin: z.string().max(16) }).strict()),
} as const;
