import type { CountyQueries } from './store/db';
import type { CompletionRow, Dashboard, HardQuestionRow, SchoolRow, WeekRow } from './dashboard-types';

/** A school that has not synced for longer than this is flagged. */
export const STALE_DAYS = 14;
/** A question shows among the hardest only once this many pupils answered it (fewer say little). */
export const MIN_PUPILS = 5;
export const HARDEST_COUNT = 15;
export const TREND_WEEKS = 26;

/** What the county knows of lessons: titles and question prompts from the packs it has (built-in packs). */
export interface LessonNames {
  title(packId: string, lessonId: string, lang: string): string | null;
  prompt(packId: string, lessonId: string, stepId: string, lang: string): string | null;
}
export const NO_NAMES: LessonNames = { title: () => null, prompt: () => null };

const DAY = 86_400_000;
const num = (v: unknown) => Number(v ?? 0);

/** The Monday (China Standard Time) of the week holding `ms`, as YYYY-MM-DD: the same weeks as weekly_counts. */
export function weekOf(ms: number): string {
  const local = new Date(ms + 8 * 3_600_000);
  const back = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back)).toISOString().slice(0, 10);
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The county dashboard's queries. They read only the aggregates ingest keeps (schema.md), never
 * the events table, so they stay fast at millions of events: a few thousand rows at most each.
 */
export async function loadDashboard(db: CountyQueries, lang: string, names: LessonNames = NO_NAMES, now: number = Date.now()): Promise<Dashboard> {
  // One after another: a county database connection runs one statement at a time anyway.
  const schools = await db.query(`SELECT s.school_id, s.name, s.last_bundle_at, s.bundles, s.events, COALESCE(p.pupils, 0) AS pupils
      FROM schools s LEFT JOIN (SELECT school_id, count(*) AS pupils FROM pupils GROUP BY school_id) p USING (school_id)
      ORDER BY s.last_bundle_at ASC NULLS FIRST, s.name`);
  const completion = await db.query(`SELECT grade, pack_id, lesson_id, sum(pupils_started) AS started, sum(pupils_finished) AS finished, sum(stars_sum) AS stars, sum(attempts) AS attempts
      FROM lesson_stats GROUP BY grade, pack_id, lesson_id ORDER BY grade = 0, grade, pack_id, lesson_id`);
  const hardest = await db.query(`SELECT pack_id, lesson_id, step_id, sum(first_tries) AS tries, sum(first_try_correct) AS right_first
      FROM question_stats GROUP BY pack_id, lesson_id, step_id HAVING sum(first_tries) >= $1
      ORDER BY sum(first_try_correct)::float8 / sum(first_tries), sum(first_tries) DESC, pack_id, lesson_id, step_id LIMIT $2`, [MIN_PUPILS, HARDEST_COUNT]);
  const weeks = await db.query(`SELECT week::text AS week, sum(active_pupils) AS active, sum(finishes) AS finishes
      FROM weekly_counts WHERE week > $1::date AND week <= $2::date GROUP BY week ORDER BY week`, [addDays(weekOf(now), -7 * TREND_WEEKS), weekOf(now)]);
  const pupilsTotal = await db.query('SELECT count(*) AS pupils FROM pupils');
  const schoolRows: SchoolRow[] = schools.map((r) => {
    const last = r.last_bundle_at ? new Date(r.last_bundle_at as Date) : null;
    const daysSince = last ? Math.max(0, Math.floor((now - last.getTime()) / DAY)) : null;
    return { keyId: String(r.school_id), name: String(r.name), lastSyncAt: last?.toISOString() ?? null, daysSince, stale: daysSince === null || daysSince > STALE_DAYS, bundles: num(r.bundles), pupils: num(r.pupils), events: num(r.events) };
  });
  const completionRows: CompletionRow[] = completion.map((r) => ({
    grade: num(r.grade) === 0 ? null : num(r.grade),
    packId: String(r.pack_id),
    lessonId: String(r.lesson_id),
    title: names.title(String(r.pack_id), String(r.lesson_id), lang),
    started: num(r.started),
    finished: num(r.finished),
    avgStars: num(r.finished) === 0 ? null : num(r.stars) / num(r.finished),
  }));
  // Lessons in a person's order (lesson-2 before lesson-10), by grade.
  const collator = new Intl.Collator(lang, { numeric: true });
  completionRows.sort((x, y) => (x.grade ?? 99) - (y.grade ?? 99) || collator.compare(x.title ?? `${x.packId} ${x.lessonId}`, y.title ?? `${y.packId} ${y.lessonId}`));
  const hardestRows: HardQuestionRow[] = hardest.map((r) => ({
    packId: String(r.pack_id),
    lessonId: String(r.lesson_id),
    stepId: String(r.step_id),
    title: names.title(String(r.pack_id), String(r.lesson_id), lang),
    prompt: names.prompt(String(r.pack_id), String(r.lesson_id), String(r.step_id), lang),
    pupils: num(r.tries),
    firstTryRight: num(r.right_first),
  }));
  const weekRows = fillWeeks(weeks.map((r) => ({ week: String(r.week), activePupils: num(r.active), lessonsFinished: num(r.finishes) })), weekOf(now));
  return {
    at: new Date(now).toISOString(),
    staleDays: STALE_DAYS,
    minPupils: MIN_PUPILS,
    totals: {
      schools: schoolRows.length,
      pupils: num(pupilsTotal[0]?.pupils),
      attempts: completion.reduce((sum, r) => sum + num(r.attempts), 0),
      finished: completionRows.reduce((sum, r) => sum + r.finished, 0),
      stale: schoolRows.filter((s) => s.stale).length,
    },
    schools: schoolRows,
    completion: completionRows,
    hardest: hardestRows,
    weeks: weekRows,
  };
}

/** Every week from the first with data (at most TREND_WEEKS back) to this week, quiet weeks as zeros: a gap is news too. */
function fillWeeks(rows: WeekRow[], thisWeek: string): WeekRow[] {
  const first = rows[0];
  if (!first) return [];
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const out: WeekRow[] = [];
  for (let week = first.week; week <= thisWeek; week = addDays(week, 7)) out.push(byWeek.get(week) ?? { week, activePupils: 0, lessonsFinished: 0 });
  return out;
}
