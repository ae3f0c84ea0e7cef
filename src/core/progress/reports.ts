import type Database from 'better-sqlite3';
import type { AttemptRow, ClassGrid, GridCell, LessonKey, LessonStatus, PupilReport, TimelinePoint } from '../../shared/contract/progress';
import type { Roster } from './roster';

interface SummaryRow {
  pupil_id: string;
  pack_id: string;
  lesson_id: string;
  status: LessonStatus;
  best_score: number | null;
  stars: number;
  time_ms: number;
  last_step_id: string | null;
  first_finished_at: string | null;
}

/** Lesson titles from installed packs (key: lessonKey(packId, lessonId)), read once per report; default language: the app's. */
export type LessonTitles = (language?: string) => Map<string, string>;
/** Installed lessons in pack order, with their pack and grades: what the class grid offers a class. */
export type LessonCatalog = (language?: string) => { packId: string; packTitle: string; lessonId: string; title: string; grades: { from: number; to: number } }[];
/** The questions of one installed lesson (step id → prompt as plain text); undefined when the lesson is gone. */
export type StepPrompts = (packId: string, lessonId: string, language?: string) => Map<string, string> | undefined;

const EMPTY: GridCell = { status: 'not-started', stars: 0, bestScore: null, timeMs: 0 };
const cellOf = (s: Pick<SummaryRow, 'status' | 'stars' | 'best_score' | 'time_ms'>): GridCell => ({ status: s.status, stars: s.stars, bestScore: s.best_score, timeMs: s.time_ms });
export const lessonKey = (packId: string, lessonId: string) => `${packId}\u0000${lessonId}`;

/** Teacher reports, read from the lesson summaries (one row per pupil × lesson) and the events. */
export function createReports(db: Database.Database, roster: Roster, titles: LessonTitles = () => new Map(), prompts: StepPrompts = () => undefined, catalog: LessonCatalog = () => []) {
  const assignedTo = db.prepare<[string], { pack_id: string; lesson_id: string }>('SELECT pack_id, lesson_id FROM class_lessons WHERE class_id = ?');
  const summariesOfClass = db.prepare<[string], Omit<SummaryRow, 'last_step_id' | 'first_finished_at'>>(
    `SELECT s.pupil_id, s.pack_id, s.lesson_id, s.status, s.best_score, s.stars, s.time_ms
     FROM lesson_summaries s JOIN pupils p ON p.id = s.pupil_id WHERE p.class_id = ? AND p.archived = 0 ORDER BY s.pack_id, s.lesson_id`,
  );
  const summariesOfPupil = db.prepare<[string], SummaryRow>('SELECT * FROM lesson_summaries WHERE pupil_id = ? ORDER BY pack_id, lesson_id');
  const lastReset = db.prepare<[string], { at: string | null }>(`SELECT max(at) AS at FROM progress_events WHERE pupil_id = ? AND kind = 'reset'`);
  const attemptsOf = db.prepare<[string, string], AttemptRow & { correct: number | null }>(
    `SELECT id, pack_id AS packId, lesson_id AS lessonId, step_id AS stepId, activity_type AS activityType, correct,
            hints_used AS hintsUsed, time_ms AS timeMs, at
     FROM progress_events WHERE pupil_id = ? AND kind = 'attempt' AND at > ? ORDER BY at DESC, seq DESC LIMIT 300`,
  );
  const hardStepsOf = db.prepare<[string, string], PupilReport['hardSteps'][number]>(
    `SELECT pack_id AS packId, lesson_id AS lessonId, step_id AS stepId, sum(correct = 0) AS wrong, sum(correct = 1) AS right
     FROM progress_events WHERE pupil_id = ? AND kind = 'attempt' AND correct IS NOT NULL AND at > ?
     GROUP BY pack_id, lesson_id, step_id HAVING wrong > 0 ORDER BY wrong DESC, right ASC LIMIT 10`,
  );
  const finishesOfClass = db.prepare<[string], { pupil_id: string; first_finished_at: string }>(
    `SELECT s.pupil_id, s.first_finished_at FROM lesson_summaries s JOIN pupils p ON p.id = s.pupil_id
     WHERE p.class_id = ? AND p.archived = 0 AND s.first_finished_at IS NOT NULL ORDER BY s.first_finished_at`,
  );

  const titled = (language?: string) => {
    const names = titles(language);
    return (packId: string, lessonId: string): LessonKey => {
      const title = names.get(lessonKey(packId, lessonId));
      return title ? { packId, lessonId, title } : { packId, lessonId };
    };
  };

  /** Adds each step's question text, reading each lesson once per report. */
  const prompted = (language?: string) => {
    const lessons = new Map<string, Map<string, string> | undefined>();
    return <T extends { packId: string; lessonId: string; stepId: string }>(row: T): T & { prompt?: string } => {
      const key = lessonKey(row.packId, row.lessonId);
      if (!lessons.has(key)) lessons.set(key, prompts(row.packId, row.lessonId, language));
      const prompt = lessons.get(key)?.get(row.stepId);
      return prompt ? { ...row, prompt } : row;
    };
  };

  return {
    /**
     * Pupils × lessons with status and stars, and per-lesson class averages. The lessons: every
     * installed lesson that suits the class's grade (all of them when the class has no grade), in
     * pack order, then any other lesson a pupil has started (another grade's, or uninstalled).
     */
    grid(classId: string, language?: string): ClassGrid {
      const cls = roster.getClass(classId);
      const withTitle = titled(language);
      const rows = summariesOfClass.all(classId);
      const lessonIndex = new Map<string, number>();
      const lessons: LessonKey[] = [];
      const add = (lesson: LessonKey) => {
        const key = lessonKey(lesson.packId, lesson.lessonId);
        if (lessonIndex.has(key)) return;
        lessonIndex.set(key, lessons.length);
        lessons.push(lesson);
      };
      const installed = catalog(language);
      const packTitles = new Map(installed.map((l) => [l.packId, l.packTitle]));
      // The lessons the teacher gave the class come first, then the rest of its grade's.
      const assigned = new Set(assignedTo.all(cls.id).map((r) => lessonKey(r.pack_id, r.lesson_id)));
      for (const l of installed) {
        if (assigned.has(lessonKey(l.packId, l.lessonId))) add({ packId: l.packId, lessonId: l.lessonId, title: l.title, packTitle: l.packTitle });
      }
      for (const l of installed) {
        if (cls.grade === null || (l.grades.from <= cls.grade && cls.grade <= l.grades.to)) add({ packId: l.packId, lessonId: l.lessonId, title: l.title, packTitle: l.packTitle });
      }
      for (const r of rows) {
        const packTitle = packTitles.get(r.pack_id);
        add(packTitle ? { ...withTitle(r.pack_id, r.lesson_id), packTitle } : withTitle(r.pack_id, r.lesson_id));
      }
      const pupilIndex = new Map(cls.pupils.map((p, i) => [p.id, i]));
      const cells: GridCell[][] = cls.pupils.map(() => lessons.map(() => EMPTY));
      for (const r of rows) {
        const p = pupilIndex.get(r.pupil_id);
        const l = lessonIndex.get(lessonKey(r.pack_id, r.lesson_id));
        if (p !== undefined && l !== undefined) (cells[p] as GridCell[])[l] = cellOf(r);
      }
      const averages = lessons.map((_, l) => {
        const done = cells.map((row) => row[l] as GridCell).filter((c) => c.status === 'done');
        const mean = (xs: number[]) => (xs.length ? Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10 : null);
        return {
          done: cls.pupils.length ? done.length / cls.pupils.length : 0,
          meanScore: mean(done.map((c) => c.bestScore ?? 0)),
          meanStars: mean(done.map((c) => c.stars)),
        };
      });
      return { classId, pupils: cls.pupils, lessons, cells, averages };
    },

    pupil(pupilId: string, language?: string): PupilReport {
      const pupil = roster.pupil(pupilId);
      const since = lastReset.get(pupilId)?.at ?? '';
      const withTitle = titled(language);
      const withPrompt = prompted(language);
      return {
        pupil,
        lessons: summariesOfPupil.all(pupilId).map((s) => ({ ...withTitle(s.pack_id, s.lesson_id), ...cellOf(s), lastStepId: s.last_step_id, finishedAt: s.first_finished_at })),
        attempts: attemptsOf.all(pupilId, since).map((a) => withPrompt({ ...a, ...withTitle(a.packId, a.lessonId), correct: a.correct === null ? null : a.correct === 1 })),
        hardSteps: hardStepsOf.all(pupilId, since).map((h) => withPrompt({ ...h, ...withTitle(h.packId, h.lessonId) })),
      };
    },

    /** Per day: lessons the class has finished so far, and pupils who have finished at least one. */
    timeline(classId: string): TimelinePoint[] {
      roster.getClass(classId);
      const points: TimelinePoint[] = [];
      const active = new Set<string>();
      let done = 0;
      for (const f of finishesOfClass.all(classId)) {
        done += 1;
        active.add(f.pupil_id);
        const date = f.first_finished_at.slice(0, 10);
        const point = { date, lessonsDone: done, pupilsActive: active.size };
        if (points.at(-1)?.date === date) points[points.length - 1] = point;
        else points.push(point);
      }
      return points;
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
