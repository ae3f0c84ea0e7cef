import type { BundleEvent } from '../../../shared/county/bundle';

/**
 * What the events one ingest added change in the aggregates (aggregates.ts), reduced in Node as the
 * bundle is read (DeltaFold): one row per pupil × lesson, per pupil × question (its earliest scored
 * attempt here), per pupil × week, per week. The database then merges these few rows with what it holds.
 */
export interface Deltas {
  /** pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts */
  lessons: unknown[][];
  /** Each pupil's earliest scored attempt here at each question: pupil → pack → lesson → step. */
  firstTries: FirstTries;
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
  // The usual form (toISOString's, to the millisecond) needs no pattern: a county reads millions.
  if (at.length === 24 && at.charCodeAt(19) === 46 /* . */) return Date.parse(at) * 1000;
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

/** A first try: its time (timeKey's microseconds), its event, right (1) or not (0); first_tries keeps the same. */
export type Try = [at: number, eventId: string, correct: number];
/** pupil → pack → lesson → step → the pupil's first try at the question. */
export type FirstTries = Map<string, Map<string, Map<string, Map<string, Try>>>>;

type Lesson = { row: [string, string, string, string, number, number, number]; started: number; tries?: Map<string, Try> };

/** A map's value for a key, made on first use. */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * Deltas reduced one event at a time, as a bundle is read (the events need not be kept). Keyed by nested
 * maps of the event's own strings (pupil → pack → lesson → step) rather than joined keys: a county folds
 * millions of events, and a joined key is a new string to make and hash for each.
 */
export class DeltaFold {
  private readonly lessons = new Map<string, Map<string, Map<string, Lesson>>>();
  private readonly weekPupils = new Map<string, Set<string>>();
  private readonly weeks = new Map<string, [string, number, number, number]>();
  private readonly weekOfHour = new Map<string, string>(); // China is UTC+8 all year: a week starts on a UTC hour
  // Events come in runs (one device, one pupil, one lesson, in time order): what the last event found is
  // kept while the next one shares it, so most events look nothing up.
  private lastHour = '\0';
  private week: { counts: [week: string, events: number, attempts: number, finishes: number]; pupils: Set<string> } | undefined;
  private lastWeekPupil = '\0';
  private lesson: Lesson | undefined;

  /** The event's week's counters and pupils (China Standard Time). */
  private weekAt(at: string) {
    if (this.week && at.startsWith(this.lastHour)) return this.week;
    this.lastHour = at.slice(0, 13);
    let id = this.weekOfHour.get(this.lastHour);
    if (id === undefined) this.weekOfHour.set(this.lastHour, (id = weekOf(at)));
    if (this.week?.counts[0] !== id) {
      const week = id;
      this.week = { counts: entry(this.weeks, week, (): [string, number, number, number] => [week, 0, 0, 0]), pupils: entry(this.weekPupils, week, () => new Set()) };
      this.lastWeekPupil = '\0';
    }
    return this.week;
  }

  /** The pupil's lesson (made on first use). */
  private lessonOf(pupil: string, pack: string, lessonId: string, at: string, atUs: number): Lesson {
    const last = this.lesson;
    if (last && last.row[2] === lessonId && last.row[0] === pupil && last.row[1] === pack) return last;
    const ofPack = entry(entry(this.lessons, pupil, () => new Map()), pack, () => new Map<string, Lesson>());
    let lesson = ofPack.get(lessonId);
    if (!lesson) ofPack.set(lessonId, (lesson = { row: [pupil, pack, lessonId, at, 0, 0, 0], started: atUs, tries: undefined }));
    return (this.lesson = lesson);
  }

  add(e: BundleEvent): void {
    const week = this.weekAt(e.at);
    if (e.pupil_id !== this.lastWeekPupil) week.pupils.add((this.lastWeekPupil = e.pupil_id));
    week.counts[1] += 1;
    if (e.kind === 'attempt') week.counts[2] += 1;
    if (e.kind === 'finish') week.counts[3] += 1;
    const { pack_id: pack, lesson_id: lessonId } = e;
    if (e.kind === 'reset' || pack === null || lessonId === null) return;
    const at = timeKey(e.at);
    const lesson = this.lessonOf(e.pupil_id, pack, lessonId, e.at, at);
    if (at < lesson.started) [lesson.started, lesson.row[3]] = [at, e.at];
    if (e.kind === 'finish') [lesson.row[4], lesson.row[5]] = [1, Math.max(lesson.row[5], e.stars ?? 0)];
    if (e.kind !== 'attempt') return;
    lesson.row[6] += 1;
    if (e.correct === null || e.step_id === null) return;
    const tries = (lesson.tries ??= new Map<string, Try>());
    const first = tries.get(e.step_id);
    if (!first || at < first[0] || (at === first[0] && e.id < first[1])) tries.set(e.step_id, [at, e.id, e.correct]);
  }

  deltas(): Deltas {
    const firstTries: FirstTries = new Map();
    for (const [pupil, packs] of this.lessons) {
      for (const [pack, lessons] of packs) {
        for (const [lessonId, lesson] of lessons) {
          if (lesson.tries) entry(entry(firstTries, pupil, () => new Map()), pack, () => new Map()).set(lessonId, lesson.tries);
        }
      }
    }
    return {
      lessons: [...this.lessons.values()].flatMap((packs) => [...packs.values()].flatMap((lessons) => [...lessons.values()].map((l) => l.row))),
      firstTries,
      pupilWeeks: [...this.weekPupils].flatMap(([week, pupils]) => [...pupils].map((pupil) => [week, pupil])),
      weeks: [...this.weeks.values()],
    };
  }
}

export function deltasOf(events: Iterable<BundleEvent>): Deltas {
  const fold = new DeltaFold();
  for (const e of events) fold.add(e);
  return fold.deltas();
}
