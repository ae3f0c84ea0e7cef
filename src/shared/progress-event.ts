import { z } from 'zod';

/**
 * One progress event as it travels: a line of a USB progress file, an item of the classroom hub's
 * sync stream, and (with a pseudonymous pupil id and a required device_seq) a line of a county
 * bundle. One format for all three.
 */
/**
 * Text of `min`…`max` characters with no control character, as ONE pattern: zod runs a string check
 * without leaving its compiled path, and one check instead of three is a quarter of the event's parse
 * on a county's millions of lines. (Characters are code points here, not UTF-16 units.)
 */
const Text = (max: number, min = 0) =>
  z.string().regex(new RegExp(`^\\P{Cc}{${min},${max}}$`, 'u'), {
    error: (issue) => {
      const length = [...String(issue.input)].length;
      return length > max ? `at most ${max} characters` : length < min ? 'must not be empty' : 'no control characters';
    },
  });
const NonEmpty = (max: number) => Text(max, 1);

export const EVENT_KINDS = ['attempt', 'position', 'finish', 'reset'] as const;

export const EventFields = z
  .object({
    t: z.literal('event'),
    id: NonEmpty(64),
    device_id: NonEmpty(64),
    pupil_id: NonEmpty(64),
    /** The n-th event the device that made it recorded (1, 2, 3…); absent in files from before it was kept. */
    device_seq: z.number().int().min(1).nullish(),
    kind: z.enum(EVENT_KINDS),
    pack_id: Text(128).nullable(),
    pack_version: Text(64).nullable(),
    lesson_id: Text(64).nullable(),
    step_id: Text(64).nullable(),
    activity_type: Text(64).nullable(),
    answer_json: z.string().max(4000).nullable(),
    correct: z.literal([0, 1]).nullable(),
    hints_used: z.number().int().min(0).nullable(),
    time_ms: z.number().int().min(0).nullable(),
    score: z.number().int().min(0).max(100).nullable(),
    stars: z.number().int().min(0).max(3).nullable(),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
  })
  .strict();

export const hasLesson = (e: { kind: string; pack_id: string | null; lesson_id: string | null }) => e.kind === 'reset' || (e.pack_id !== null && e.lesson_id !== null);
const LESSON_MISSING = 'a lesson record without its lesson';

export const EventLine = EventFields.refine(hasLesson, LESSON_MISSING);
export type EventLine = z.infer<typeof EventLine>;

/** The same event with its device sequence number required (the county bundle's event line). */
export const SequencedEventLine = EventFields.extend({ device_seq: z.number().int().min(1) }).strict().refine(hasLesson, LESSON_MISSING);
export type SequencedEventLine = z.infer<typeof SequencedEventLine>;
