import { z } from 'zod';
import { Id, LanguageTag, PackId } from '../pack';
import { method } from './define';

// Teacher narration: a teacher records their own voice reading a step, for one pack version,
// lesson, step and language. In the player: teacher recording > pack narration > speech synthesis.

/** The audio types a recording may be: what MediaRecorder makes (Opus in WebM or Ogg, AAC in MP4). */
export const RECORDING_TYPES = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
} as const;
export type RecordingType = keyof typeof RECORDING_TYPES;

/** Largest clip: about two minutes of speech at the 32 kbit/s the recorder asks for. */
export const MAX_RECORDING_BYTES = 600_000;
/** The recorder stops by itself after this long. */
export const MAX_RECORDING_SECONDS = 90;

export interface NarrationRecording {
  stepId: string;
  language: string;
  /** Where it is served: /recordings/<sha256>.<ext> (both hosts). */
  url: string;
  type: RecordingType;
  bytes: number;
  durationMs: number;
  recordedAt: string;
}

const Where = { packId: PackId, packVersion: z.string().min(1).max(40), lessonId: Id, stepId: Id, language: LanguageTag };

export const narrationMethods = {
  /**
   * Save (or replace) the teacher's recording of a step. `audio` is base64; the type may carry
   * codecs ("audio/webm;codecs=opus"). Refused: too large (recording_too_large), not a WebM, Ogg
   * or MP4 sound (recording_bad_type), an unknown pack, lesson or step (not_found).
   */
  'narration.save': method<NarrationRecording>()(
    'teacher',
    z.object({ ...Where, type: z.string().min(1).max(100), audio: z.string().min(1).max(1_000_000), durationMs: z.number().int().min(0).max(MAX_RECORDING_SECONDS * 1000 + 5000) }).strict(),
  ),
  'narration.delete': method<{ deleted: boolean }>()('teacher', z.object(Where).strict()),
  /**
   * Open (on) or close (off) the microphone while the teacher records. In the desktop app the
   * microphone is allowed only between these two calls; the browser host asks as browsers do.
   */
  'narration.microphone': method<{ supported: boolean }>()('teacher', z.object({ on: z.boolean() }).strict()),
} as const;
