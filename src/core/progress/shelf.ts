import type Database from 'better-sqlite3';
import type { LessonStatus, Shelf } from '../../shared/contract/progress';
import type { Assignments } from './assignments';
import type { Roster } from './roster';

/** The step ids of an installed lesson in order; undefined when it is not installed (any more). */
export type StepOrder = (packId: string, lessonId: string) => string[] | undefined;

/** A pupil's own shelf: what each lesson looks like to them (done with stars, at step N, new), and what their teacher gave the class. */
export function createShelf(db: Database.Database, roster: Roster, assignments: Assignments, steps: StepOrder = () => undefined) {
  const summaries = db.prepare<[string], { pack_id: string; lesson_id: string; status: LessonStatus; stars: number; last_step_id: string | null; updated_at: string }>(
    'SELECT pack_id, lesson_id, status, stars, last_step_id, updated_at FROM lesson_summaries WHERE pupil_id = ? ORDER BY updated_at DESC',
  );
  return {
    of(pupilId: string): Shelf {
      const pupil = roster.pupil(pupilId);
      const grade = roster.getClass(pupil.classId).grade;
      const lessons = summaries.all(pupilId).map((s) => {
        const index = s.last_step_id ? (steps(s.pack_id, s.lesson_id)?.indexOf(s.last_step_id) ?? -1) : -1;
        return { packId: s.pack_id, lessonId: s.lesson_id, status: s.status, stars: s.stars, step: index >= 0 ? index + 1 : null, updatedAt: s.updated_at };
      });
      return { grade, assigned: assignments.list(pupil.classId), lessons };
    },
  };
}
