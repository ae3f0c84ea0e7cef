import type { CountyQueries } from './db';

/**
 * The aggregates (schema.md), moved by exactly what one ingest added: the temp table `fresh` holds the
 * events this transaction inserted (one school's, $1). Each statement reads the old rows before it
 * changes them, so a recount from `events` always gives the same numbers.
 */
const ADD = (columns: string[]) => columns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');

const LESSON_DELTA = `
CREATE TEMP TABLE lesson_delta ON COMMIT DROP AS
SELECT pupil_id, pack_id, lesson_id, min(at) AS started_at,
  max(CASE WHEN kind = 'finish' THEN 1 ELSE 0 END)::smallint AS finished,
  max(CASE WHEN kind = 'finish' THEN coalesce(stars, 0) ELSE 0 END)::smallint AS best_stars,
  (count(*) FILTER (WHERE kind = 'attempt'))::int AS attempts
FROM fresh WHERE kind <> 'reset' AND pack_id IS NOT NULL AND lesson_id IS NOT NULL
GROUP BY pupil_id, pack_id, lesson_id`;

const STATS = ['pupils_started', 'pupils_finished', 'stars_sum', 'attempts'];
const LESSON_STATS = `
INSERT INTO lesson_stats AS t (school_id, grade, pack_id, lesson_id, ${STATS.join(', ')})
SELECT $1, coalesce(p.grade, 0), d.pack_id, d.lesson_id,
  count(*) FILTER (WHERE o.pupil_id IS NULL),
  sum(greatest(d.finished, coalesce(o.finished, 0)) - coalesce(o.finished, 0)),
  sum(greatest(d.best_stars, coalesce(o.best_stars, 0)) - coalesce(o.best_stars, 0)),
  sum(d.attempts)
FROM lesson_delta d
JOIN pupils p ON p.school_id = $1 AND p.pupil_id = d.pupil_id
LEFT JOIN lesson_progress o ON o.school_id = $1 AND o.pupil_id = d.pupil_id AND o.pack_id = d.pack_id AND o.lesson_id = d.lesson_id
GROUP BY coalesce(p.grade, 0), d.pack_id, d.lesson_id
ON CONFLICT (school_id, grade, pack_id, lesson_id) DO UPDATE SET ${ADD(STATS)}`;

const LESSON_PROGRESS = `
INSERT INTO lesson_progress AS t (school_id, pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts)
SELECT $1, pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts FROM lesson_delta
ON CONFLICT (school_id, pupil_id, pack_id, lesson_id) DO UPDATE SET
  started_at = least(t.started_at, excluded.started_at), finished = greatest(t.finished, excluded.finished),
  best_stars = greatest(t.best_stars, excluded.best_stars), attempts = t.attempts + excluded.attempts`;

const QUESTION_DELTA = `
CREATE TEMP TABLE question_delta ON COMMIT DROP AS
SELECT DISTINCT ON (pupil_id, pack_id, lesson_id, step_id) pupil_id, pack_id, lesson_id, step_id, at, id AS event_id, correct
FROM fresh WHERE kind = 'attempt' AND correct IS NOT NULL AND step_id IS NOT NULL AND pack_id IS NOT NULL AND lesson_id IS NOT NULL
ORDER BY pupil_id, pack_id, lesson_id, step_id, at, id`;

const Q_KEY = (a: string, b: string) => ['pupil_id', 'pack_id', 'lesson_id', 'step_id'].map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
const QUESTION_STATS = `
INSERT INTO question_stats AS t (school_id, pack_id, lesson_id, step_id, first_tries, first_try_correct)
SELECT $1, d.pack_id, d.lesson_id, d.step_id, count(*) FILTER (WHERE o.pupil_id IS NULL), sum(d.correct - coalesce(o.correct, 0))
FROM question_delta d LEFT JOIN question_first o ON o.school_id = $1 AND ${Q_KEY('o', 'd')}
WHERE o.pupil_id IS NULL OR (d.at, d.event_id) < (o.at, o.event_id)
GROUP BY d.pack_id, d.lesson_id, d.step_id
ON CONFLICT (school_id, pack_id, lesson_id, step_id) DO UPDATE SET ${ADD(['first_tries', 'first_try_correct'])}`;

const QUESTION_FIRST = `
INSERT INTO question_first AS t (school_id, pupil_id, pack_id, lesson_id, step_id, at, event_id, correct)
SELECT $1, pupil_id, pack_id, lesson_id, step_id, at, event_id, correct FROM question_delta
ON CONFLICT (school_id, pupil_id, pack_id, lesson_id, step_id) DO UPDATE SET at = excluded.at, event_id = excluded.event_id, correct = excluded.correct
WHERE (excluded.at, excluded.event_id) < (t.at, t.event_id)`;

/** Weeks start on Monday in China Standard Time (UTC+8, no daylight saving). */
export const WEEK_OF = (column: string) => `date_trunc('week', (${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
const WEEKLY = `
WITH w AS (SELECT ${WEEK_OF('at')} AS week, pupil_id, kind FROM fresh),
new_pupils AS (INSERT INTO pupil_weeks (school_id, week, pupil_id) SELECT DISTINCT $1, week, pupil_id FROM w ON CONFLICT DO NOTHING RETURNING week)
INSERT INTO weekly_counts AS t (school_id, week, events, attempts, finishes, active_pupils)
SELECT $1, w.week, count(*), count(*) FILTER (WHERE kind = 'attempt'), count(*) FILTER (WHERE kind = 'finish'),
  coalesce((SELECT count(*) FROM new_pupils n WHERE n.week = w.week), 0)
FROM w GROUP BY w.week
ON CONFLICT (school_id, week) DO UPDATE SET ${ADD(['events', 'attempts', 'finishes', 'active_pupils'])}`;

export async function addToAggregates(tx: CountyQueries, schoolId: string): Promise<void> {
  await tx.exec(LESSON_DELTA);
  await tx.query(LESSON_STATS, [schoolId]);
  await tx.query(LESSON_PROGRESS, [schoolId]);
  await tx.exec(QUESTION_DELTA);
  await tx.query(QUESTION_STATS, [schoolId]);
  await tx.query(QUESTION_FIRST, [schoolId]);
  await tx.query(WEEKLY, [schoolId]);
}

/**
 * Pupils whose grade a bundle changes (temp table `moved`: pupil_id, old_grade, new_grade): their lesson
 * rows leave the old grade's stats and join the new grade's, so lesson_stats follows the current grade.
 */
export async function moveGrades(tx: CountyQueries, schoolId: string): Promise<void> {
  const per = (grade: string) => `
SELECT m.${grade} AS grade, lp.pack_id, lp.lesson_id, count(*) AS pupils_started, sum(lp.finished) AS pupils_finished,
  sum(lp.best_stars) AS stars_sum, sum(lp.attempts) AS attempts
FROM lesson_progress lp JOIN moved m ON lp.school_id = $1 AND lp.pupil_id = m.pupil_id
GROUP BY m.${grade}, lp.pack_id, lp.lesson_id`;
  await tx.query(
    `UPDATE lesson_stats s SET ${STATS.map((c) => `${c} = s.${c} - d.${c}`).join(', ')}
     FROM (${per('old_grade')}) d WHERE s.school_id = $1 AND s.grade = d.grade AND s.pack_id = d.pack_id AND s.lesson_id = d.lesson_id`,
    [schoolId],
  );
  await tx.query('DELETE FROM lesson_stats WHERE school_id = $1 AND pupils_started = 0', [schoolId]);
  await tx.query(
    `INSERT INTO lesson_stats AS t (school_id, grade, pack_id, lesson_id, ${STATS.join(', ')})
     SELECT $1, d.* FROM (${per('new_grade')}) d
     ON CONFLICT (school_id, grade, pack_id, lesson_id) DO UPDATE SET ${ADD(STATS)}`,
    [schoolId],
  );
}
