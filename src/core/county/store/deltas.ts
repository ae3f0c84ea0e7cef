import type { BundleEvent } from '../../../shared/county/bundle';

/**
 * What the events one ingest added change in the aggregates (aggregates.ts), reduced in Node as the
 * bundle is read (DeltaFold): one row per pupil × lesson, per pupil × question (its earliest scored
 * attempt here), per pupil × week, per week. The database then merges these few rows with what it holds.
 */
export interface Deltas {
  /** pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts */
  lessons: unknown[][];
  /** pupil_id, pack_id, lesson_id, step_id, at, event_id, correct */
  questions: unknown[][];
  /** week, pupil_id */
  pupilWeeks: unknown[][];
  /** week, events, attempts, finishes */
  weeks: unknown[][];
}

/**
 * An event time as a number that orders like PostgreSQL's timestamptz (microseconds): ms from Date.parse
 * plus the digits after the milliseconds, if any.
 */
export function timeKey(at: string): number {
  const fraction = /\.(\d+)Z$/.exec(at)?.[1] ?? '';
  return Date.parse(at) * 1000 + Number(fraction.slice(3, 6).padEnd(3, '0'));
}

const DAY = 86_400_000;
/** The Monday (YYYY-MM-DD) of the event's week in China Standard Time: the same as aggregates' WEEK_OF. */
export function weekOf(at: string): string {
  const local = Date.parse(at) + 8 * 3_600_000;
  const day = Math.floor(local / DAY);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  return new Date((day - ((((day + 3) % 7) + 7) % 7)) * DAY).toISOString().slice(0, 10);
}

type Lesson = { row: [string, string, string, string, number, number, number]; started: number };
type Question = { row: [string, string, string, string, string, string, number]; at: number };

/** Deltas reduced one event at a time, as a bundle is read (the events need not be kept). */
export class DeltaFold {
  private readonly lessons = new Map<string, Lesson>();
  private readonly questions = new Map<string, Question>();
  private readonly pupilWeeks = new Map<string, [string, string]>();
  private readonly weeks = new Map<string, [string, number, number, number]>();
  private readonly weekOfHour = new Map<string, string>(); // China is UTC+8 all year: a week starts on a UTC hour

  add(e: BundleEvent): void {
    const hour = e.at.slice(0, 13);
    let week = this.weekOfHour.get(hour);
    if (week === undefined) this.weekOfHour.set(hour, (week = weekOf(e.at)));
    this.pupilWeeks.set(`${week}\n${e.pupil_id}`, [week, e.pupil_id]);
    const w = this.weeks.get(week) ?? this.weeks.set(week, [week, 0, 0, 0]).get(week)!;
    w[1] += 1;
    if (e.kind === 'attempt') w[2] += 1;
    if (e.kind === 'finish') w[3] += 1;
    if (e.kind === 'reset' || e.pack_id === null || e.lesson_id === null) return;
    const at = timeKey(e.at);
    const lessonKey = `${e.pupil_id}\n${e.pack_id}\n${e.lesson_id}`;
    let lesson = this.lessons.get(lessonKey);
    if (!lesson) this.lessons.set(lessonKey, (lesson = { row: [e.pupil_id, e.pack_id, e.lesson_id, e.at, 0, 0, 0], started: at }));
    if (at < lesson.started) [lesson.started, lesson.row[3]] = [at, e.at];
    if (e.kind === 'finish') [lesson.row[4], lesson.row[5]] = [1, Math.max(lesson.row[5], e.stars ?? 0)];
    if (e.kind !== 'attempt') return;
    lesson.row[6] += 1;
    if (e.correct === null || e.step_id === null) return;
    const questionKey = `${lessonKey}\n${e.step_id}`;
    const first = this.questions.get(questionKey);
    if (!first || at < first.at || (at === first.at && e.id < first.row[5])) {
      this.questions.set(questionKey, { row: [e.pupil_id, e.pack_id, e.lesson_id, e.step_id, e.at, e.id, e.correct], at });
    }
  }

  deltas(): Deltas {
    return {
      lessons: [...this.lessons.values()].map((l) => l.row),
      questions: [...this.questions.values()].map((q) => q.row),
      pupilWeeks: [...this.pupilWeeks.values()],
      weeks: [...this.weeks.values()],
    };
  }
}

export function deltasOf(events: Iterable<BundleEvent>): Deltas {
  const fold = new DeltaFold();
  for (const e of events) fold.add(e);
  return fold.deltas();
}
