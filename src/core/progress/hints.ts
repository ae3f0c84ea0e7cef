import type Database from 'better-sqlite3';
import type { Roster } from './roster';

/**
 * The first-time hints (the moving hand) each pupil has seen, one per activity type: kept with the
 * pupil on this PC, so the hand shows once per child, however many children share the PC.
 */
export function createHintsSeen(db: Database.Database, roster: Roster, now: () => number = Date.now) {
  const ofPupil = db.prepare<[string], { kind: string }>('SELECT kind FROM pupil_hints_seen WHERE pupil_id = ? ORDER BY kind');
  const add = db.prepare('INSERT OR IGNORE INTO pupil_hints_seen (pupil_id, kind, seen_at) VALUES (?, ?, ?)');
  return {
    list(pupilId: string): string[] {
      return ofPupil.all(pupilId).map((r) => r.kind);
    },
    see(pupilId: string, kind: string): void {
      roster.pupil(pupilId);
      add.run(pupilId, kind, new Date(now()).toISOString());
    },
  };
}
export type HintsSeen = ReturnType<typeof createHintsSeen>;
