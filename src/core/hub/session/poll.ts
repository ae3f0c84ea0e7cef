import crypto from 'node:crypto';
import type { LocalText, PollInput, PollOption, PublicPoll } from '../../../shared/contract/session';
import type { Step } from '../../../shared/pack';
import { plainText } from '../../../shared/markup';
import { KiteError } from '../../../shared/errors';

/** A poll as the hub keeps it: the public part, the right choice (lesson questions only) and one answer per pupil. */
export interface PollRecord {
  id: string;
  kind: PublicPoll['kind'];
  question: LocalText;
  options: PollOption[];
  correct: string | null;
  open: boolean;
  showing: boolean;
  /** pupil id → option id: a pupil who answers again changes their answer, never adds one. */
  answers: Record<string, string>;
}

const TEXT_MAX = 400;
const local = (text: Record<string, string>): LocalText => Object.fromEntries(Object.entries(text).slice(0, 6).map(([lang, t]) => [lang, plainText(t).slice(0, TEXT_MAX)]));

/** Make a poll: from a single-choice or true/false step of the session's lesson, or one the teacher typed. */
export function makePoll(input: PollInput, steps: Step[]): PollRecord {
  const id = crypto.randomUUID();
  const base = { id, open: true, showing: false, answers: {} };
  if (input.kind === 'true-false') return { ...base, kind: 'true-false', question: { any: input.question }, options: trueFalseOptions(), correct: null };
  if (input.kind === 'pictures') {
    const pictures = [...new Set(input.pictures)];
    if (pictures.length < 2) throw new KiteError('invalid_input', 'A picture question needs at least two different pictures.');
    return { ...base, kind: 'pictures', question: { any: input.question }, options: pictures.map((p) => ({ id: p, label: null, picture: p })), correct: null };
  }
  const step = steps.find((s) => s.id === input.stepId);
  if (!step) throw new KiteError('not_found', `The lesson has no step "${input.stepId}".`);
  if (step.type === 'true-false') return { ...base, kind: 'lesson', question: local(step.prompt), options: trueFalseOptions(), correct: String(step.answer) };
  if (step.type === 'single-choice') {
    const options = step.options.map((o) => ({ id: o.id, label: local(o.text ?? o.image?.alt ?? { any: o.id }), picture: null }));
    return { ...base, kind: 'lesson', question: local(step.prompt), options, correct: step.answer };
  }
  throw new KiteError('invalid_input', 'Only a one-answer question or a true/false step of the lesson can be asked to the whole class.');
}

/** The lesson's steps that can be asked as a poll. */
export const pollableStep = (step: Step): boolean => step.type === 'single-choice' || step.type === 'true-false';

const trueFalseOptions = (): PollOption[] => [
  { id: 'true', label: null, picture: null },
  { id: 'false', label: null, picture: null },
];

/** Answers per option, in option order. */
export function pollCounts(poll: PollRecord): number[] {
  const counts = poll.options.map(() => 0);
  for (const optionId of Object.values(poll.answers)) {
    const at = poll.options.findIndex((o) => o.id === optionId);
    if (at >= 0) counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}

export function publicPoll(poll: PollRecord): PublicPoll {
  return {
    id: poll.id,
    kind: poll.kind,
    question: poll.question,
    options: poll.options,
    open: poll.open,
    answered: Object.keys(poll.answers).length,
    results: poll.showing ? pollCounts(poll) : null,
  };
}
