import type { LocalizedAudio } from '../../../../shared/pack';

/** What narrationUrl needs of a lesson's environment (LessonEnv). */
export interface VoiceEnv {
  language: string;
  assetBase: string;
  /** The teacher's own recordings on this PC, by `${stepId}:${language}` → URL. */
  recordings?: Record<string, string>;
}

/**
 * What reads a step aloud, in this order: the teacher's own recording on this PC, else the pack's
 * narration audio, else (undefined here) the system's speech synthesis.
 */
export function narrationUrl(env: VoiceEnv, stepId: string | undefined, audio: LocalizedAudio | undefined): string | undefined {
  const mine = stepId ? env.recordings?.[`${stepId}:${env.language}`] : undefined;
  if (mine) return mine;
  const packed = audio?.[env.language];
  return packed ? `${env.assetBase}${packed}` : undefined;
}

/** Parts read one after another: a full stop between them unless a part already ends a sentence ("你好！" "Hello!"). */
export function sentences(parts: string[]): string {
  return parts
    .filter(Boolean)
    .map((part, i, all) => (i < all.length - 1 && !/[.!?。！？…:：]$/.test(part.trim()) ? `${part}.` : part))
    .join(' ');
}
