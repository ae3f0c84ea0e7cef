import type Database from 'better-sqlite3';
import type { JobKind, JobStatus, JobView } from '../../shared/contract/jobs';
import type { ErrorPayload } from '../../shared/errors';

interface Row {
  id: string;
  kind: JobKind;
  status: JobStatus;
  owner: string;
  progress: string | null;
  result: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** Ended jobs are kept this long (a teacher coming back after lunch still sees how the import ended). */
const KEEP_MS = 7 * 24 * 3600_000;
const KEEP_ROWS = 200;

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** The jobs table (migration 11): one row per job, written when it starts and when it ends. */
export function createJobStore(db: Database.Database) {
  const select = db.prepare<[string], Row>('SELECT * FROM jobs WHERE id = ?');
  const insert = db.prepare('INSERT INTO jobs (id, kind, status, owner, started_at) VALUES (?, ?, ?, ?, ?)');
  const end = db.prepare('UPDATE jobs SET status = @status, progress = @progress, result = @result, error = @error, finished_at = @finishedAt WHERE id = @id');

  function toView(row: Row): JobView {
    return {
      jobId: row.id,
      kind: row.kind,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      progress: parse(row.progress),
      result: parse(row.result),
      error: parse<ErrorPayload>(row.error),
    } as JobView;
  }

  return {
    get(jobId: string): JobView | undefined {
      const row = select.get(jobId);
      return row && toView(row);
    },
    started(view: JobView, owner: string): void {
      insert.run(view.jobId, view.kind, view.status, owner, view.startedAt);
    },
    ended(view: JobView): void {
      end.run({
        id: view.jobId,
        status: view.status,
        progress: view.progress === null ? null : JSON.stringify(view.progress),
        result: view.result === null ? null : JSON.stringify(view.result),
        error: view.error === null ? null : JSON.stringify(view.error),
        finishedAt: view.finishedAt,
      });
    },
    /** Jobs still marked running whose process is gone (a power cut, a crash, a restart). */
    orphans(isLive: (owner: string) => boolean): JobView[] {
      return db.prepare<[], Row>("SELECT * FROM jobs WHERE status = 'running'").all().filter((row) => !isLive(row.owner)).map(toView);
    },
    /** Forget ended jobs older than a week, and all but the newest few hundred. */
    prune(now: number): void {
      db.prepare("DELETE FROM jobs WHERE status != 'running' AND finished_at < ?").run(new Date(now - KEEP_MS).toISOString());
      db.prepare(`DELETE FROM jobs WHERE status != 'running' AND id NOT IN (SELECT id FROM jobs ORDER BY started_at DESC LIMIT ${KEEP_ROWS})`).run();
    },
  };
}
