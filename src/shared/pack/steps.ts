import { z } from 'zod';
import { AssetPath, Id, ImageRef, LocalizedAudio, LocalizedText, Region } from './text';

/**
 * The steps of a lesson: a slide, one of the fifteen activity types, or an embedded 3D demo.
 * Each type is one schema in STEP_SCHEMAS; adding a type means adding an entry there (and a
 * component in the player). Scored types record right/wrong; the others record "done".
 */

const base = {
  id: Id,
  /** What the pupil is asked or told; can always be heard (narration, else speech synthesis). */
  prompt: LocalizedText,
  narration: LocalizedAudio.optional(),
  /** Shown after the first wrong try. */
  hint: LocalizedText.optional(),
  /** Shown after the right answer, or after the second miss together with the answer. */
  explanation: LocalizedText.optional(),
};

const Option = z.object({ id: Id, text: LocalizedText.optional(), image: ImageRef.optional() }).strict()
  .refine((o) => o.text || o.image, 'needs text or an image');

/** A card's face: text, a picture or a sound (at least one). */
const Face = z.object({ text: LocalizedText.optional(), image: ImageRef.optional(), audio: LocalizedAudio.optional() }).strict()
  .refine((f) => f.text || f.image || f.audio, 'needs text, an image or audio');

export const SlideStep = z.object({
  type: z.literal('slide'),
  id: Id,
  title: LocalizedText.optional(),
  text: LocalizedText,
  image: ImageRef.optional(),
  narration: LocalizedAudio.optional(),
}).strict();

export const SingleChoiceStep = z.object({ ...base, type: z.literal('single-choice'), image: ImageRef.optional(), options: z.array(Option).min(2).max(6), answer: Id }).strict();

export const MultipleChoiceStep = z.object({ ...base, type: z.literal('multiple-choice'), image: ImageRef.optional(), options: z.array(Option).min(2).max(8), answers: z.array(Id).min(1) }).strict();

export const TrueFalseStep = z.object({ ...base, type: z.literal('true-false'), image: ImageRef.optional(), answer: z.boolean() }).strict();

export const SortBinsStep = z.object({
  ...base,
  type: z.literal('sort-bins'),
  bins: z.array(z.object({ id: Id, label: LocalizedText, image: ImageRef.optional() }).strict()).min(2).max(4),
  items: z.array(z.object({ id: Id, text: LocalizedText.optional(), image: ImageRef.optional(), bin: Id }).strict()).min(2).max(12),
}).strict();

/** Items are listed in the right order; the player shuffles them. */
export const SequenceStep = z.object({
  ...base,
  type: z.literal('sequence'),
  items: z.array(z.object({ id: Id, text: LocalizedText, image: ImageRef.optional() }).strict()).min(2).max(8),
}).strict();

export const MatchPairsStep = z.object({
  ...base,
  type: z.literal('match-pairs'),
  /** "match": two columns side by side; "memory": face-down cards to turn over two at a time. */
  mode: z.enum(['match', 'memory']).default('match'),
  pairs: z.array(z.object({ id: Id, left: Face, right: Face }).strict()).min(2).max(8),
}).strict();

export const FindHotspotsStep = z.object({
  ...base,
  type: z.literal('find-hotspots'),
  image: ImageRef,
  hotspots: z.array(z.object({ id: Id, region: Region, label: LocalizedText, explanation: LocalizedText.optional() }).strict()).min(1).max(10),
}).strict();

export const ExploreImageStep = z.object({
  ...base,
  type: z.literal('explore-image'),
  image: ImageRef,
  hotspots: z.array(z.object({ id: Id, region: Region, title: LocalizedText, note: LocalizedText, narration: LocalizedAudio.optional() }).strict()).min(1).max(12),
}).strict();

/** The passage as words, per language (Chinese is not split by spaces, so the author splits it); targets are the words to tap. */
export const MarkWordsStep = z.object({
  ...base,
  type: z.literal('mark-words'),
  words: z.record(z.string(), z.array(z.object({ text: z.string().min(1).max(60), target: z.boolean().optional() }).strict()).min(2).max(120)),
}).strict();

/** `sentence` holds `[[blank-id]]` placeholders; `bank` offers words (the right ones and distractors) to tap in. */
export const FillBlanksStep = z.object({
  ...base,
  type: z.literal('fill-blanks'),
  sentence: LocalizedText,
  blanks: z.array(z.object({ id: Id, answer: Id }).strict()).min(1).max(6),
  bank: z.array(z.object({ id: Id, text: LocalizedText }).strict()).min(2).max(10),
}).strict();

const ChatNode = z.object({
  messages: z.array(z.object({ from: z.enum(['them', 'me']), text: LocalizedText, image: ImageRef.optional() }).strict()).max(10),
  choices: z.array(z.object({ text: LocalizedText, next: Id }).strict()).max(4).optional(),
  /** An ending: safe or not, and why. A node has either choices or an ending. */
  ending: z.object({ safe: z.boolean(), explanation: LocalizedText }).strict().optional(),
}).strict().refine((n) => (n.choices && n.choices.length > 0) !== !!n.ending, 'needs either choices or an ending, not both');

export const ChatScenarioStep = z.object({
  ...base,
  type: z.literal('chat-scenario'),
  contact: z.object({ name: LocalizedText, avatar: ImageRef.optional() }).strict(),
  start: Id,
  nodes: z.record(Id, ChatNode),
}).strict();

export const PasswordTesterStep = z.object({
  ...base,
  type: z.literal('password-tester'),
  /** zxcvbn score (0–4) the pupil should reach. */
  targetScore: z.number().int().min(1).max(4).default(3),
}).strict();

export const FlashcardsStep = z.object({
  ...base,
  type: z.literal('flashcards'),
  cards: z.array(z.object({ id: Id, front: Face, back: Face }).strict()).min(1).max(20),
}).strict();

export const SelfCheckStep = z.object({
  ...base,
  type: z.literal('self-check'),
  questions: z.array(z.object({ id: Id, text: LocalizedText, options: z.array(LocalizedText).min(2).max(5) }).strict()).min(1).max(8),
  reflection: LocalizedText,
}).strict();

/** The activities a video cue point may run: any scored or unscored activity except video and chat. */
const CueActivity = z.lazy(() =>
  z.discriminatedUnion('type', [SingleChoiceStep, MultipleChoiceStep, TrueFalseStep, SortBinsStep, SequenceStep, MatchPairsStep, FindHotspotsStep, MarkWordsStep, FillBlanksStep, FlashcardsStep, SelfCheckStep]),
);

/** A video from the pack (`media/…mp4`) or from the drone gallery (`gallery:<sha256>`). */
export const VideoSource = z.union([
  AssetPath.refine((p) => /\.(mp4|m4v|webm)$/i.test(p), 'must be a video (.mp4, .m4v, .webm)'),
  z.string().regex(/^gallery:[a-f0-9]{64}$/, 'must be gallery:<sha256 of an imported video>'),
]);

export const InteractiveVideoStep = z.object({
  ...base,
  type: z.literal('interactive-video'),
  video: VideoSource,
  /**
   * Play the newest video of this PC's drone gallery when it has one that plays here (a lesson
   * about the school's own footage); `video` is the pack's clip for PCs without one, and the
   * poster and subtitles belong to it.
   */
  preferGallery: z.boolean().optional(),
  poster: ImageRef.optional(),
  /** WebVTT or SRT subtitles per language. */
  subtitles: z.record(z.string(), AssetPath.refine((p) => /\.(vtt|srt)$/i.test(p), 'must be .vtt or .srt')).optional(),
  cues: z.array(z.object({ at: z.number().min(0), activity: CueActivity }).strict()).max(20),
}).strict();

export const DEMO_IDS = ['packet-journey', 'wifi-signals', 'photo-copies', 'fly-drone', 'look-around'] as const;

export const DemoStep = z.object({
  type: z.literal('demo'),
  id: Id,
  demo: z.enum(DEMO_IDS),
  title: LocalizedText.optional(),
  text: LocalizedText.optional(),
  /** Demo-specific settings (e.g. a panorama for look-around); each demo validates its own. */
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
}).strict();

export const STEP_SCHEMAS = {
  slide: SlideStep,
  'single-choice': SingleChoiceStep,
  'multiple-choice': MultipleChoiceStep,
  'true-false': TrueFalseStep,
  'sort-bins': SortBinsStep,
  sequence: SequenceStep,
  'match-pairs': MatchPairsStep,
  'find-hotspots': FindHotspotsStep,
  'explore-image': ExploreImageStep,
  'mark-words': MarkWordsStep,
  'fill-blanks': FillBlanksStep,
  'chat-scenario': ChatScenarioStep,
  'interactive-video': InteractiveVideoStep,
  'password-tester': PasswordTesterStep,
  flashcards: FlashcardsStep,
  'self-check': SelfCheckStep,
  demo: DemoStep,
} as const;

export type StepType = keyof typeof STEP_SCHEMAS;
export const STEP_TYPES = Object.keys(STEP_SCHEMAS) as StepType[];
/** The fifteen activity types (everything but slides and demos). */
export const ACTIVITY_TYPES = STEP_TYPES.filter((t) => t !== 'slide' && t !== 'demo');
/** Activity types with a right answer; the rest count as done when finished. */
export const SCORED_TYPES: StepType[] = ['single-choice', 'multiple-choice', 'true-false', 'sort-bins', 'sequence', 'match-pairs', 'find-hotspots', 'mark-words', 'fill-blanks', 'chat-scenario', 'interactive-video'];

export const Step = z.discriminatedUnion('type', [
  SlideStep, SingleChoiceStep, MultipleChoiceStep, TrueFalseStep, SortBinsStep, SequenceStep, MatchPairsStep, FindHotspotsStep,
  ExploreImageStep, MarkWordsStep, FillBlanksStep, ChatScenarioStep, InteractiveVideoStep, PasswordTesterStep, FlashcardsStep, SelfCheckStep, DemoStep,
]);
export type Step = z.infer<typeof Step>;
export type StepOf<T extends StepType> = z.infer<(typeof STEP_SCHEMAS)[T]>;
