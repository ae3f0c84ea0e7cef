import type { Region } from './text';
import type { StepOf } from './steps';

/**
 * Answer checking for the scored step types, shared by the lesson player and the tests. Pure:
 * no React, no I/O. Answers are small JSON made of ids (what the pupil chose), never free text.
 */

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

export function checkSingleChoice(step: StepOf<'single-choice'>, optionId: string): boolean {
  return optionId === step.answer;
}

export function checkMultipleChoice(step: StepOf<'multiple-choice'>, optionIds: readonly string[]): boolean {
  return sameSet(optionIds, step.answers);
}

export function checkTrueFalse(step: StepOf<'true-false'>, answer: boolean): boolean {
  return answer === step.answer;
}

/** Placement: item id → bin id. Correct when every item is in its bin; `wrong` lists the misplaced ones. */
export function checkSortBins(step: StepOf<'sort-bins'>, placement: Readonly<Record<string, string>>): { correct: boolean; wrong: string[] } {
  const wrong = step.items.filter((item) => placement[item.id] !== item.bin).map((item) => item.id);
  return { correct: wrong.length === 0, wrong };
}

/** The items are listed in the right order in the step. */
export function checkSequence(step: StepOf<'sequence'>, order: readonly string[]): boolean {
  return order.length === step.items.length && step.items.every((item, i) => order[i] === item.id);
}

/** Two cards match when they come from the same pair. */
export function isPair(leftPairId: string, rightPairId: string): boolean {
  return leftPairId === rightPairId;
}

/** Indices of the words to tap, in the given language. */
export function markWordTargets(step: StepOf<'mark-words'>, language: string): number[] {
  const words = wordsFor(step, language);
  return words.flatMap((word, i) => (word.target ? [i] : []));
}

export function wordsFor(step: StepOf<'mark-words'>, language: string) {
  return step.words[language] ?? Object.values(step.words)[0] ?? [];
}

export function checkMarkWords(step: StepOf<'mark-words'>, language: string, marked: readonly number[]): boolean {
  const targets = markWordTargets(step, language);
  return marked.length === targets.length && targets.every((i) => marked.includes(i));
}

/** Filled: blank id → bank word id. A bank word with the same text as the answer counts too. */
export function checkFillBlanks(step: StepOf<'fill-blanks'>, filled: Readonly<Record<string, string>>): { correct: boolean; wrong: string[] } {
  const textOf = (id: string | undefined) => JSON.stringify(step.bank.find((w) => w.id === id)?.text ?? null);
  const wrong = step.blanks.filter((b) => filled[b.id] !== b.answer && textOf(filled[b.id]) !== textOf(b.answer)).map((b) => b.id);
  return { correct: wrong.length === 0, wrong };
}

/** The sentence as text parts and blank ids, in order: "a [[x]] b" → ["a ", {blank:"x"}, " b"]. */
export function splitSentence(sentence: string): (string | { blank: string })[] {
  return sentence.split(/\[\[([a-z0-9-]+)\]\]/).map((part, i) => (i % 2 === 1 ? { blank: part } : part)).filter((p) => p !== '');
}

/** The hotspot under a point given in percent of the image (0–100), if any. */
export function hotspotAt<H extends { id: string; region: Region }>(hotspots: readonly H[], x: number, y: number): H | undefined {
  return hotspots.find(({ region: r }) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h);
}

/** Walk a chat scenario: the node reached from `start` by the chosen choice indices (undefined if a path is broken). */
export function chatNodeAfter(step: StepOf<'chat-scenario'>, choices: readonly number[]): { id: string; node: StepOf<'chat-scenario'>['nodes'][string] } | undefined {
  let id = step.start;
  let node = step.nodes[id];
  for (const choice of choices) {
    const next = node?.choices?.[choice]?.next;
    if (!next) return undefined;
    id = next;
    node = step.nodes[id];
  }
  return node ? { id, node } : undefined;
}

/** Fisher–Yates with a seedable random, so the player can shuffle and tests can predict. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A shuffle that never leaves the items in their original order (when there are at least two that differ). */
export function shuffledAway<T>(items: readonly T[], random: () => number = Math.random): T[] {
  if (items.length < 2) return [...items];
  for (let tries = 0; tries < 20; tries++) {
    const result = shuffled(items, random);
    if (result.some((item, i) => item !== items[i])) return result;
  }
  return [...items.slice(1), items[0] as T];
}

/**
 * A lesson run's score: the share of graded steps answered right at the first try (percent), and
 * 1–3 stars. The same rule the progress store uses, for runs it does not keep (a guest).
 */
export function scoreAttempts(attempts: readonly { stepId: string; correct: boolean | null }[]): { score: number; stars: 1 | 2 | 3 } {
  const first = new Map<string, boolean>();
  for (const a of attempts) if (a.correct !== null && !first.has(a.stepId)) first.set(a.stepId, a.correct);
  const graded = first.size;
  const right = [...first.values()].filter(Boolean).length;
  const score = graded === 0 ? 100 : Math.round((100 * right) / graded);
  return { score, stars: score >= 90 ? 3 : score >= 60 ? 2 : 1 };
}
