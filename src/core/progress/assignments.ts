import type Database from 'better-sqlite3';
import type { LessonRef } from '../../shared/contract/progress';
import type { Roster } from './roster';

/** Lessons a teacher gives a class: they come first on its pupils' shelf, newest first. */
export function createAssignments(db: Database.Database, roster: Roster, now: () => number = Date.now) {
  const ofClass = db.prepare<[string], LessonRef>('SELECT pack_id AS packId, lesson_id AS lessonId FROM class_lessons WHERE class_id = ? ORDER BY assigned_at DESC, rowid DESC');
  const add = db.prepare('INSERT OR IGNORE INTO class_lessons (class_id, pack_id, lesson_id, assigned_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM class_lessons WHERE class_id = ? AND pack_id = ? AND lesson_id = ?');
  return {
    list(classId: string): LessonRef[] {
      roster.getClass(classId);
      return ofClass.all(classId);
    },
    set(classId: string, ref: LessonRef, assigned: boolean): LessonRef[] {
      roster.editable();
      roster.getClass(classId);
      if (assigned) add.run(classId, ref.packId, ref.lessonId, new Date(now()).toISOString());
      else remove.run(classId, ref.packId, ref.lessonId);
      return ofClass.all(classId);
    },
  };
}
export type Assignments = ReturnType<typeof createAssignments>;
