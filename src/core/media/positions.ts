import type Database from 'better-sqlite3';

/**
 * Whose resume position: a signed-in pupil's is kept for them on this PC; a window's own (a guest,
 * or nobody signed in) lasts only as long as the app runs, like the window's session.
 */
export type Viewer = { pupilId: string } | { sessionId: string };
const viewerKey = (viewer: Viewer) => ('pupilId' in viewer ? `pupil:${viewer.pupilId}` : `session:${viewer.sessionId}`);

/** Where each viewer stopped in each video, so playing it again resumes there. */
export function createPositions(db: Database.Database, now: () => number) {
  // Sessions end with the app: their positions could never be read again.
  db.prepare("DELETE FROM media_positions WHERE viewer LIKE 'session:%'").run();
  return {
    position(sha256: string, viewer: Viewer): { seconds: number } {
      const row = db.prepare('SELECT seconds FROM media_positions WHERE sha256 = ? AND viewer = ?').get(sha256, viewerKey(viewer)) as { seconds: number } | undefined;
      return { seconds: row?.seconds ?? 0 };
    },
    /** The caller checks that the video exists. */
    savePosition(sha256: string, viewer: Viewer, seconds: number): { saved: boolean } {
      db.prepare(`INSERT INTO media_positions (sha256, viewer, seconds, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (sha256, viewer) DO UPDATE SET seconds = excluded.seconds, updated_at = excluded.updated_at`).run(sha256, viewerKey(viewer), seconds, new Date(now()).toISOString());
      return { saved: true };
    },
  };
}
