import { z } from 'zod';

/** A BCP 47-ish language tag as packs use them: zh-CN, en, ug, zh-Hant… */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language tag such as zh-CN or en');

/**
 * Text in several languages: `{ "zh-CN": "…", "en": "…" }`. The strings use the lesson markup
 * (`{网络|wǎng luò}` ruby, `*emphasis*`, newlines), never HTML. Every language the manifest lists
 * must be present; the validator checks that across the whole pack.
 */
export const LocalizedText = z
  .record(LanguageTag, z.string().min(1, 'must not be empty').max(4000))
  .refine((value) => Object.keys(value).length > 0, 'needs at least one language');
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * A file inside the pack, by relative path under media/. No `..`, no absolute paths, no drive
 * letters, no backslashes: the same rules the importer applies to zip entries.
 */
export const AssetPath = z
  .string()
  .max(300)
  .regex(/^media\/[A-Za-z0-9._\-/]+$/, 'must be a path under media/ using letters, digits, . _ - and /')
  .refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'must not contain empty, . or .. parts');
export type AssetPath = z.infer<typeof AssetPath>;

/** Narration audio per language (mp3, ogg, m4a, wav, or webm: Opus as a teacher's recording in the app makes it). */
export const LocalizedAudio = z.record(LanguageTag, AssetPath.refine((p) => /\.(mp3|ogg|m4a|wav|webm)$/i.test(p), 'must be an audio file (.mp3, .ogg, .m4a, .wav, .webm)'));
export type LocalizedAudio = z.infer<typeof LocalizedAudio>;

export const ImageRef = z
  .object({
    src: AssetPath.refine((p) => /\.(svg|png|jpe?g|webp)$/i.test(p), 'must be an image (.svg, .png, .jpg, .webp)'),
    /** What the picture shows, for pupils who cannot see it and for speech. */
    alt: LocalizedText,
  })
  .strict();
export type ImageRef = z.infer<typeof ImageRef>;

/** A rectangle on an image in percent of its width and height (0–100), so it scales with the picture. */
export const Region = z
  .object({ x: z.number().min(0).max(100), y: z.number().min(0).max(100), w: z.number().gt(0).max(100), h: z.number().gt(0).max(100) })
  .strict()
  .refine((r) => r.x + r.w <= 100.001 && r.y + r.h <= 100.001, 'must lie inside the image');
export type Region = z.infer<typeof Region>;

/** Stable ids inside a pack: lowercase letters, digits and dashes. Progress is keyed by them. */
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes (at most 64)');
