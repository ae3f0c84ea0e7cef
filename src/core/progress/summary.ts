import type { LessonStatus } from '../../shared/contract/progress';
import { scoreAttempts } from '../../shared/pack';

/** One stored event, as the summary needs it. */
export interface EventRow {
  id: string;
  kind: 'attempt' | 'position' | 'finish' | 'reset';
  step_id: string | null;
  correct: number | null;
  time_ms: number | null;
  score: number | null;
  stars: number | null;
  at: string;
}

export interface Summary {
  status: LessonStatus;
  bestScore: number | null;
  stars: number;
  timeMs: number;
  attempts: number;
  lastStepId: string | null;
  firstFinishedAt: string | null;
  /** The latest event, by (at, id): it says where the pupil is (lastStepId). */
  lastAt: string | null;
  lastEventId: string | null;
  /** The latest finish: the next run's attempts are the ones after it. */
  lastFinishedAt: string | null;
  /** The time of the latest event counted (never the clock: the same events give the same summary anywhere). */
  updatedAt: string;
}

export const EMPTY_SUMMARY: Summary = {
  status: 'not-started', bestScore: null, stars: 0, timeMs: 0, attempts: 0, lastStepId: null, firstFinishedAt: null,
  lastAt: null, lastEventId: null, lastFinishedAt: null, updatedAt: '',
};

const minOf = (a: string | null, b: string) => (a === null || b < a ? b : a);
const maxOf = (a: string | null, b: string) => (a === null || b > a ? b : a);

/**
 * Add one event (counted after the pupil's latest reset) to a lesson's summary: the one place
 * this logic lives. Every part is a sum, a count, a min or a max, and "where the pupil is" comes
 * from the latest event by (at, id), so the result is the same in whatever order events arrive
 * (merged from other PCs later). Call it once per new event: a duplicate is never stored, so it
 * never counts twice. A finish makes the lesson done and starts it over next time.
 */
export function addEvent(s: Summary, e: EventRow): Summary {
  if (e.kind === 'reset') return s;
  const next: Summary = { ...s, updatedAt: maxOf(s.updatedAt || null, e.at) };
  if (e.kind === 'attempt') {
    next.attempts += 1;
    next.timeMs += e.time_ms ?? 0;
  } else if (e.kind === 'finish') {
    next.firstFinishedAt = minOf(s.firstFinishedAt, e.at);
    next.lastFinishedAt = maxOf(s.lastFinishedAt, e.at);
    next.bestScore = Math.max(s.bestScore ?? 0, e.score ?? 0);
    next.stars = Math.max(s.stars, e.stars ?? 0);
  }
  if (s.lastAt === null || e.at > s.lastAt || (e.at === s.lastAt && e.id > (s.lastEventId ?? ''))) {
    next.lastAt = e.at;
    next.lastEventId = e.id;
    next.lastStepId = e.kind === 'finish' ? null : e.step_id;
  }
  next.status = next.firstFinishedAt ? 'done' : 'in-progress';
  return next;
}

/** A lesson's summary from all its events since the pupil's latest reset, in any order. */
export function summarize(events: EventRow[]): Summary {
  return events.reduce(addEvent, EMPTY_SUMMARY);
}

/**
 * Score of one run through a lesson (attempts since the last finish): the share of graded steps
 * answered right at the first try, in percent. Lessons without graded steps score 100.
 */
export function scoreRun(attempts: { step_id: string | null; correct: number | null }[]): { score: number; stars: 1 | 2 | 3 } {
  // The same rule as the player's own count (shared/pack scoreAttempts), on stored rows.
  return scoreAttempts(attempts.flatMap((a) => (a.step_id === null ? [] : [{ stepId: a.step_id, correct: a.correct === null ? null : a.correct === 1 }])));
}
