import type { LessonStatus } from '../../shared/contract/progress';

/** One stored event, as the summary needs it (in time order). */
export interface EventRow {
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
}

/**
 * The per-lesson summary, derived from the events alone (the one place this logic lives), given
 * the lesson's events since the pupil's latest reset in time order: the last position wins; a finish makes it done.
 */
export function summarize(events: EventRow[]): Summary {
  const live = events.filter((e) => e.kind !== 'reset');
  const summary: Summary = { status: 'not-started', bestScore: null, stars: 0, timeMs: 0, attempts: 0, lastStepId: null, firstFinishedAt: null };
  for (const e of live) {
    if (e.kind === 'attempt') {
      summary.attempts += 1;
      summary.timeMs += e.time_ms ?? 0;
      summary.lastStepId = e.step_id;
    } else if (e.kind === 'position') {
      summary.lastStepId = e.step_id;
    } else if (e.kind === 'finish') {
      summary.firstFinishedAt ??= e.at;
      summary.bestScore = Math.max(summary.bestScore ?? 0, e.score ?? 0);
      summary.stars = Math.max(summary.stars, e.stars ?? 0);
      // Finishing starts the lesson over next time.
      summary.lastStepId = null;
    }
  }
  if (summary.firstFinishedAt) summary.status = 'done';
  else if (live.length > 0) summary.status = 'in-progress';
  return summary;
}

/**
 * Score of one run through a lesson (attempts since the last finish): the share of graded steps
 * answered right at the first try, in percent. Lessons without graded steps score 100.
 */
export function scoreRun(attempts: { step_id: string | null; correct: number | null }[]): { score: number; stars: 1 | 2 | 3 } {
  const firstTry = new Map<string, boolean>();
  for (const a of attempts) {
    if (a.correct === null || a.step_id === null || firstTry.has(a.step_id)) continue;
    firstTry.set(a.step_id, a.correct === 1);
  }
  const graded = firstTry.size;
  const right = [...firstTry.values()].filter(Boolean).length;
  const score = graded === 0 ? 100 : Math.round((100 * right) / graded);
  return { score, stars: score >= 90 ? 3 : score >= 60 ? 2 : 1 };
}
