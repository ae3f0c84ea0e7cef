import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AttemptInput, LessonPosition, StepDraft } from '../../shared/contract/progress';
import { deviceId } from './device';
import { addEvent, EMPTY_SUMMARY, scoreRun, summarize, type EventRow, type Summary } from './summary';

export interface LessonRef {
  packId: string;
  lessonId: string;
}

/** A progress event as stored and as exported: append-only, globally unique id. */
export interface StoredEvent {
  id: string;
  device_id: string;
  pupil_id: string;
  kind: EventRow['kind'];
  pack_id: string | null;
  pack_version: string | null;
  lesson_id: string | null;
  step_id: string | null;
  activity_type: string | null;
  answer_json: string | null;
  correct: number | null;
  hints_used: number | null;
  time_ms: number | null;
  score: number | null;
  stars: number | null;
  at: string;
  /** The n-th event its device made; absent when it came from an older app (then numbered on arrival). */
  device_seq?: number | null;
}

/** A saved place's extras; anything unreadable (an older app's event, a damaged merge) counts as none. */
function readPlace(json: string | null): { done: string[]; draft: StepDraft | null } {
  try {
    const value = JSON.parse(json ?? 'null') as { done?: unknown; draft?: { stepId?: unknown; state?: unknown } | null } | null;
    const done = Array.isArray(value?.done) ? value.done.filter((x): x is string => typeof x === 'string') : [];
    const draft = value?.draft && typeof value.draft.stepId === 'string' ? { stepId: value.draft.stepId, state: value.draft.state } : null;
    return { done, draft };
  } catch {
    return { done: [], draft: null };
  }
}

export const EVENT_COLUMNS = [
  'id', 'device_id', 'pupil_id', 'kind', 'pack_id', 'pack_version', 'lesson_id', 'step_id', 'activity_type',
  'answer_json', 'correct', 'hints_used', 'time_ms', 'score', 'stars', 'at', 'device_seq',
] as const;

/**
 * Pupils' progress: every write appends an event and adds it to the lesson's summary in the same
 * transaction (WAL + synchronous=FULL: once a call returns, the event survives a power cut).
 */
export function createProgressStore(db: Database.Database, now: () => number = Date.now) {
  const device = deviceId(db);
  // device_seq: the device that made an event numbers it (this PC: the next of its own); an event from
  // an older app, without one, is numbered on arrival after the highest this PC holds for its device.
  const fields = EVENT_COLUMNS.filter((c) => c !== 'device_seq');
  const insertRow = db.prepare(
    `INSERT OR IGNORE INTO progress_events (${EVENT_COLUMNS.join(', ')}) VALUES (${fields.map((c) => '@' + c).join(', ')},
       coalesce(@device_seq, (SELECT coalesce(max(device_seq), 0) + 1 FROM progress_events WHERE device_id = @device_id)))`,
  );
  const insert = { run: (event: StoredEvent) => insertRow.run({ ...event, device_seq: event.device_seq ?? null }) };
  // Only events after the pupil's latest reset count (indexes: (pupil, pack, lesson, at) and (pupil, kind, at)).
  const lastReset = db.prepare<[string], { at: string | null }>(`SELECT max(at) AS at FROM progress_events WHERE pupil_id = ? AND kind = 'reset'`);
  const lessonEvents = db.prepare<[string, string, string, string], EventRow>(
    `SELECT id, kind, step_id, correct, time_ms, score, stars, at FROM progress_events
     WHERE pupil_id = ? AND pack_id = ? AND lesson_id = ? AND at > ?`,
  );
  const resetAt = (pupilId: string) => lastReset.get(pupilId)?.at ?? '';
  const runAttempts = db.prepare<[string, string, string, string], { step_id: string | null; correct: number | null }>(
    `SELECT step_id, correct FROM progress_events
     WHERE pupil_id = ? AND kind = 'attempt' AND pack_id = ? AND lesson_id = ? AND at > ? ORDER BY at, id`,
  );
  const upsertSummary = db.prepare(
    `INSERT INTO lesson_summaries (pupil_id, pack_id, lesson_id, status, best_score, stars, time_ms, attempts, last_step_id, first_finished_at,
       last_at, last_event_id, last_finished_at, updated_at)
     VALUES (@pupilId, @packId, @lessonId, @status, @bestScore, @stars, @timeMs, @attempts, @lastStepId, @firstFinishedAt,
       @lastAt, @lastEventId, @lastFinishedAt, @updatedAt)
     ON CONFLICT (pupil_id, pack_id, lesson_id) DO UPDATE SET status = excluded.status, best_score = excluded.best_score,
       stars = excluded.stars, time_ms = excluded.time_ms, attempts = excluded.attempts, last_step_id = excluded.last_step_id,
       first_finished_at = excluded.first_finished_at, last_at = excluded.last_at, last_event_id = excluded.last_event_id,
       last_finished_at = excluded.last_finished_at, updated_at = excluded.updated_at`,
  );
  const deleteSummary = db.prepare('DELETE FROM lesson_summaries WHERE pupil_id = ? AND pack_id = ? AND lesson_id = ?');
  const getSummary = db.prepare<[string, string, string], Summary>(
    `SELECT status, best_score AS bestScore, stars, time_ms AS timeMs, attempts, last_step_id AS lastStepId, first_finished_at AS firstFinishedAt,
       last_at AS lastAt, last_event_id AS lastEventId, last_finished_at AS lastFinishedAt, updated_at AS updatedAt
     FROM lesson_summaries WHERE pupil_id = ? AND pack_id = ? AND lesson_id = ?`,
  );
  const lastPosition = db.prepare<[string, string, string, string], { answer_json: string | null }>(
    `SELECT answer_json FROM progress_events WHERE pupil_id = ? AND pack_id = ? AND lesson_id = ? AND kind = 'position' AND at > ? ORDER BY at DESC, seq DESC LIMIT 1`,
  );
  const lastAttempt = db.prepare<[string, string, string, string, string], { answer_json: string | null; correct: number | null }>(
    `SELECT answer_json, correct FROM progress_events WHERE pupil_id = ? AND pack_id = ? AND lesson_id = ? AND step_id = ? AND kind = 'attempt' AND at > ? ORDER BY at DESC, seq DESC LIMIT 1`,
  );
  const pupilLessons = db.prepare<[string], { pack_id: string; lesson_id: string }>(
    `SELECT DISTINCT pack_id, lesson_id FROM progress_events WHERE pupil_id = ? AND kind != 'reset'`,
  );

  // Timestamps are strictly increasing on this PC so events keep their order even within a millisecond.
  let lastAt = 0;
  const stamp = () => {
    lastAt = Math.max(now(), lastAt + 1);
    return new Date(lastAt).toISOString();
  };

  const blank = (pupilId: string, kind: EventRow['kind']): StoredEvent => ({
    id: crypto.randomUUID(), device_id: device, pupil_id: pupilId, kind, pack_id: null, pack_version: null, lesson_id: null,
    step_id: null, activity_type: null, answer_json: null, correct: null, hints_used: null, time_ms: null, score: null, stars: null, at: stamp(),
  });

  /** Recompute one lesson's summary from all its events (after a reset: events before it stop counting). */
  function refresh(pupilId: string, { packId, lessonId }: LessonRef): void {
    const s = summarize(lessonEvents.all(pupilId, packId, lessonId, resetAt(pupilId)));
    if (s.status === 'not-started') deleteSummary.run(pupilId, packId, lessonId);
    else upsertSummary.run({ pupilId, packId, lessonId, ...s });
  }

  /**
   * A new event, just stored: its lesson's summary takes it in alone, at the same cost however long
   * the history (two index lookups and one row written). A reset makes its pupil's lessons start over.
   */
  function count(event: StoredEvent): void {
    if (event.kind === 'reset') {
      for (const l of pupilLessons.all(event.pupil_id)) refresh(event.pupil_id, { packId: l.pack_id, lessonId: l.lesson_id });
      return;
    }
    if (!event.pack_id || !event.lesson_id || event.at <= resetAt(event.pupil_id)) return;
    const ref = { pupilId: event.pupil_id, packId: event.pack_id, lessonId: event.lesson_id };
    const before = getSummary.get(ref.pupilId, ref.packId, ref.lessonId) ?? EMPTY_SUMMARY;
    upsertSummary.run({ ...ref, ...addEvent(before, event) });
  }

  /** Store an event and count it; a duplicate id is ignored and changes nothing. */
  function insertOne(event: StoredEvent): boolean {
    if (insert.run(event).changes === 0) return false;
    count(event);
    return true;
  }
  const append = db.transaction(insertOne);

  return {
    deviceId: device,
    /** Store one answer; recording the same attemptId again changes nothing. */
    recordAttempt(pupilId: string, a: AttemptInput): void {
      append({
        ...blank(pupilId, 'attempt'),
        id: a.attemptId, pack_id: a.packId, pack_version: a.packVersion, lesson_id: a.lessonId, step_id: a.stepId,
        activity_type: a.activityType, answer_json: a.answer === undefined ? null : JSON.stringify(a.answer),
        correct: a.correct === null ? null : a.correct ? 1 : 0, hints_used: a.hintsUsed, time_ms: a.timeMs,
      });
    },
    /** Where the pupil is, with the steps done so far and the open step's half-done state (a draft), so a resume restores both. */
    savePosition(pupilId: string, ref: LessonRef & { packVersion: string; stepId: string; done?: string[]; draft?: StepDraft }): void {
      const place = ref.done || ref.draft ? JSON.stringify({ done: ref.done ?? [], draft: ref.draft ?? null }) : null;
      append({ ...blank(pupilId, 'position'), pack_id: ref.packId, pack_version: ref.packVersion, lesson_id: ref.lessonId, step_id: ref.stepId, answer_json: place });
    },
    finishLesson(pupilId: string, ref: LessonRef & { packVersion: string }): { score: number; stars: 1 | 2 | 3 } {
      return db.transaction(() => {
        const finished = getSummary.get(pupilId, ref.packId, ref.lessonId)?.lastFinishedAt ?? '';
        const reset = resetAt(pupilId);
        const since = finished > reset ? finished : reset;
        const result = scoreRun(runAttempts.all(pupilId, ref.packId, ref.lessonId, since));
        append({ ...blank(pupilId, 'finish'), pack_id: ref.packId, pack_version: ref.packVersion, lesson_id: ref.lessonId, ...result });
        return result;
      })();
    },
    position(pupilId: string, ref: LessonRef): LessonPosition {
      const row = getSummary.get(pupilId, ref.packId, ref.lessonId);
      const stepId = row?.lastStepId ?? null;
      if (stepId === null) return { stepId, status: row?.status ?? 'not-started', done: [], draft: null };
      // The run so far: events after the latest finish (which starts the lesson over) and reset.
      const finished = row?.lastFinishedAt ?? '';
      const reset = resetAt(pupilId);
      const saved = readPlace(lastPosition.get(pupilId, ref.packId, ref.lessonId, finished > reset ? finished : reset)?.answer_json ?? null);
      return { stepId, status: row?.status ?? 'not-started', done: saved.done, draft: saved.draft?.stepId === stepId ? saved.draft : null };
    },
    /** The pupil's latest answer to one step (since their last reset), wherever it was recorded; null when none. */
    lastAnswer(pupilId: string, ref: LessonRef & { stepId: string }): { answer: unknown; correct: boolean | null } | null {
      const row = lastAttempt.get(pupilId, ref.packId, ref.lessonId, ref.stepId, resetAt(pupilId));
      if (!row) return null;
      let answer: unknown;
      try {
        answer = JSON.parse(row.answer_json ?? 'null');
      } catch {
        answer = null; // damaged: shown as "answered" only
      }
      return { answer, correct: row.correct === null ? null : row.correct === 1 };
    },
    /** Progress starts over; the old events stay (append-only) but no longer count. */
    resetPupil(pupilId: string): void {
      append(blank(pupilId, 'reset'));
    },
    /** Insert events from elsewhere (a merge); returns how many were new. Each new one is counted in its summary. */
    insertEvents: db.transaction((events: StoredEvent[]) => events.filter(insertOne).length),
  };
}
export type ProgressStore = ReturnType<typeof createProgressStore>;
