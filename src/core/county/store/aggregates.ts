import type { CountyQueries } from './db';
import { copyValue, CopyText } from './copy';
import { entry, type Deltas, type FirstTries, type Try } from './deltas';

/**
 * The aggregates (schema.md), moved by exactly what one ingest added: deltas.ts reduces the added
 * events (one school's) to a few rows per pupil, which go into temp tables with COPY; one batch of
 * statements then merges them. Each statement reads the old rows before it changes them, so a recount
 * from `events` always gives the same numbers.
 */
const ADD = (columns: string[]) => columns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');

/**
 * A staging table of this connection, made by its first ingest and emptied by every commit: made and
 * dropped per bundle, its catalog rows cost more than a small bundle's aggregates. (Notices of "already
 * exists" are muted for the transaction.)
 */
export const TEMP = (name: string, columns: string) => `SET LOCAL client_min_messages = warning; CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns}) ON COMMIT DELETE ROWS;`;
const DELTA_TABLES =
  TEMP('lesson_delta', 'pupil_id text, pack_id text, lesson_id text, started_at timestamptz, finished smallint, best_stars smallint, attempts integer') +
  TEMP('week_pupils', 'week date, pupil_id text') +
  TEMP('week_delta', 'week date, events integer, attempts integer, finishes integer');

const STATS = ['pupils_started', 'pupils_finished', 'stars_sum', 'attempts'];
const LESSON_STATS = (school: string) => `
INSERT INTO lesson_stats AS t (school_id, grade, pack_id, lesson_id, ${STATS.join(', ')})
SELECT ${school}, coalesce(p.grade, 0), d.pack_id, d.lesson_id,
  count(*) FILTER (WHERE o.pupil_id IS NULL),
  sum(greatest(d.finished, coalesce(o.finished, 0)) - coalesce(o.finished, 0)),
  sum(greatest(d.best_stars, coalesce(o.best_stars, 0)) - coalesce(o.best_stars, 0)),
  sum(d.attempts)
FROM lesson_delta d
JOIN pupils p ON p.school_id = ${school} AND p.pupil_id = d.pupil_id
LEFT JOIN lesson_progress o ON o.school_id = ${school} AND o.pupil_id = d.pupil_id AND o.pack_id = d.pack_id AND o.lesson_id = d.lesson_id
GROUP BY coalesce(p.grade, 0), d.pack_id, d.lesson_id
ON CONFLICT (school_id, grade, pack_id, lesson_id) DO UPDATE SET ${ADD(STATS)};`;

const LESSON_PROGRESS = (school: string) => `
INSERT INTO lesson_progress AS t (school_id, pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts)
SELECT ${school}, pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts FROM lesson_delta
ON CONFLICT (school_id, pupil_id, pack_id, lesson_id) DO UPDATE SET
  started_at = least(t.started_at, excluded.started_at), finished = greatest(t.finished, excluded.finished),
  best_stars = greatest(t.best_stars, excluded.best_stars), attempts = t.attempts + excluded.attempts;`;

/** A pupil's first tries as first_tries holds them (jsonb: an object per map), read back into maps. */
function triesOf(json: string): Map<string, Map<string, Map<string, Try>>> {
  const packs = JSON.parse(json) as Record<string, Record<string, Record<string, Try>>>;
  // Object.entries: own keys only, so an id like "__proto__" is a key like any other.
  return new Map(Object.entries(packs).map(([pack, lessons]) => [pack, new Map(Object.entries(lessons).map(([lesson, steps]) => [lesson, new Map(Object.entries(steps))]))]));
}

/** Maps (of maps…) of tries as a JSON object, written out directly: a county writes one per pupil per bundle. */
function jsonOf(map: ReadonlyMap<string, unknown>): string {
  let json = '';
  for (const [key, value] of map) json += `${json ? ',' : ''}${JSON.stringify(key)}:${value instanceof Map ? jsonOf(value as ReadonlyMap<string, unknown>) : JSON.stringify(value)}`;
  return `{${json}}`;
}

/**
 * Pupils' first tries (first_tries, one row per pupil) and the questions' difficulty (question_stats),
 * merged in Node: the school's rows for the bundle's pupils come back (none for a school's first bundle),
 * each pupil's tries take the bundle's where they are new or earlier, the pupils whose tries changed are
 * written back by one COPY, and question_stats gets the per-question change in one statement. One row per
 * pupil × question (~25 k a full-size bundle, under a five-text-column key) cost PostgreSQL half as much
 * as the bundle's events; one per pupil is ~300 rows. Ingests run one at a time (ingest.ts's lock), so
 * the rows read are the rows written over.
 */
async function addFirstTries(tx: CountyQueries, schoolId: string, firstTries: FirstTries): Promise<void> {
  if (firstTries.size === 0) return;
  const heldRows = await tx.query<{ pupil_id: string; tries: string }>('SELECT pupil_id, tries::text AS tries FROM first_tries WHERE school_id = $1 AND pupil_id = ANY($2::text[])', [
    schoolId,
    [...firstTries.keys()],
  ]);
  const held = new Map(heldRows.map((r) => [r.pupil_id, triesOf(r.tries)]));
  const rows = new CopyText();
  const rewritten: string[] = []; // held rows that change: deleted, then COPY'd again
  const school = copyValue(schoolId);
  const stats = new Map<string, [string, string, string, number, number]>(); // pack, lesson, step, first tries, right first time
  const count = (pack: string, lesson: string, step: string, tries: number, right: number) => {
    const question = `${pack}\n${lesson}\n${step}`; // ids hold no control character
    let stat = stats.get(question);
    if (!stat) stats.set(question, (stat = [pack, lesson, step, 0, 0]));
    stat[3] += tries;
    stat[4] += right;
  };
  for (const [pupil, packs] of firstTries) {
    const old = held.get(pupil);
    let changed = !old;
    for (const [pack, lessons] of packs) {
      for (const [lesson, steps] of lessons) {
        const oldSteps = old && entry(entry(old, pack, () => new Map()), lesson, () => new Map<string, Try>());
        for (const [step, first] of steps) {
          const before = oldSteps?.get(step);
          if (before && (first[0] > before[0] || (first[0] === before[0] && first[1] >= before[1]))) continue; // not earlier than the held one
          if (oldSteps) {
            oldSteps.set(step, first);
            changed = true;
          }
          count(pack, lesson, step, before ? 0 : 1, first[2] - (before?.[2] ?? 0));
        }
      }
    }
    if (!changed) continue;
    if (old) rewritten.push(pupil);
    rows.addLine(`${school}\t${copyValue(pupil)}\t${copyValue(jsonOf(old ?? packs))}\n`);
  }
  if (rewritten.length > 0) await tx.query('DELETE FROM first_tries WHERE school_id = $1 AND pupil_id = ANY($2::text[])', [schoolId, rewritten]);
  if (rows.buffers().length > 0) await tx.copy('first_tries', ['school_id', 'pupil_id', 'tries'], rows);
  if (stats.size === 0) return;
  const column = (i: number) => [...stats.values()].map((stat) => stat[i]);
  await tx.query(
    `INSERT INTO question_stats AS t (school_id, pack_id, lesson_id, step_id, first_tries, first_try_correct)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[])
     ON CONFLICT (school_id, pack_id, lesson_id, step_id) DO UPDATE SET ${ADD(['first_tries', 'first_try_correct'])}`,
    [schoolId, column(0), column(1), column(2), column(3), column(4)],
  );
}

/** Weeks start on Monday in China Standard Time (UTC+8, no daylight saving); deltas.ts weekOf is the same in Node. */
export const WEEK_OF = (column: string) => `date_trunc('week', (${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
const WEEKLY = (school: string) => `
WITH new_pupils AS (INSERT INTO pupil_weeks (school_id, week, pupil_id) SELECT ${school}, week, pupil_id FROM week_pupils ON CONFLICT DO NOTHING RETURNING week)
INSERT INTO weekly_counts AS t (school_id, week, events, attempts, finishes, active_pupils)
SELECT ${school}, w.week, w.events, w.attempts, w.finishes, coalesce((SELECT count(*) FROM new_pupils n WHERE n.week = w.week), 0)
FROM week_delta w
ON CONFLICT (school_id, week) DO UPDATE SET ${ADD(['events', 'attempts', 'finishes', 'active_pupils'])};`;

/** A school id as an SQL literal: it is a key id (16 hex digits, checked by the bundle's schema), checked again here. */
function schoolLiteral(schoolId: string): string {
  if (!/^[0-9a-f]{16}$/.test(schoolId)) throw new Error(`not a school key id: ${schoolId}`);
  return `'${schoolId}'`;
}

export async function addToAggregates(tx: CountyQueries, schoolId: string, deltas: Deltas): Promise<void> {
  if (deltas.weeks.length === 0) return;
  const school = schoolLiteral(schoolId);
  await tx.exec(DELTA_TABLES);
  await tx.copy('lesson_delta', ['pupil_id', 'pack_id', 'lesson_id', 'started_at', 'finished', 'best_stars', 'attempts'], deltas.lessons);
  await tx.copy('week_pupils', ['week', 'pupil_id'], deltas.pupilWeeks);
  await tx.copy('week_delta', ['week', 'events', 'attempts', 'finishes'], deltas.weeks);
  await tx.exec(LESSON_STATS(school) + LESSON_PROGRESS(school) + WEEKLY(school));
  await addFirstTries(tx, schoolId, deltas.firstTries);
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
