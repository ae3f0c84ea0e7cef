import { z } from 'zod';

import { LANGUAGES } from './languages';

export { LANGUAGES };
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/**
 * Settings a teacher can change from the console. Every key has a default, so a missing or
 * partly broken file still gives a working app.
 */
export const Settings = z.object({
  language: Language.default('zh-CN'),
  schoolName: z.string().max(60).default(''),
  classroomName: z.string().max(60).default(''),
  pinyinDefault: z.boolean().default(true),
  autoplayNarration: z.boolean().default(true),
  idleTimeoutMinutes: z.number().int().min(1).max(120).default(5),
  /** Lesson packs that are unsigned or from an unknown publisher: refuse them, or install after the teacher confirms with the PIN. */
  packTrustPolicy: z.enum(['refuse', 'confirm']).default('confirm'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
