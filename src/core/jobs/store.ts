import type Database from 'better-sqlite3';
import type { JobView } from '../../shared/contract/jobs';
import { createKv } from '../db/kv';

/** Ended jobs are kept this long (a teacher coming back after lunch still sees how the import ended). */
const KEEP_MS = 7 * 24 * 3600_000;
const KEEP_ENDED = 200;
const PREFIX = 'job:';

interface Stored {
  view: JobView;
  /** The process that runs it: its staging folder's name, "<pid>-<random>". */
  owner: string;
}

/**
 * Jobs in the kv table, one key each (`job:<id>`), written when a job starts and when it ends:
 * a few hundred small rows at most, so no table of their own.
 */
export function createJobStore(db: Database.Database) {
  const kv = createKv(db);
  const all = db.prepare<[string], { key: string; value: string }>("SELECT key, value FROM kv WHERE key LIKE ? || '%'");
  const read = (value: string) => JSON.parse(value) as Stored;
  const write = (stored: Stored) => kv.set(PREFIX + stored.view.jobId, JSON.stringify(stored));

  return {
    get(jobId: string): JobView | undefined {
      const value = kv.get(PREFIX + jobId);
      return value === undefined ? undefined : read(value).view;
    },
    started(view: JobView, owner: string): void {
      write({ view, owner });
    },
    ended(view: JobView): void {
      const value = kv.get(PREFIX + view.jobId);
      write({ view, owner: value === undefined ? '' : read(value).owner });
    },
    /** Jobs still marked running whose process is gone (a power cut, a crash, a restart). */
    orphans(isLive: (owner: string) => boolean): JobView[] {
      return all.all(PREFIX).map((row) => read(row.value)).filter((s) => s.view.status === 'running' && !isLive(s.owner)).map((s) => s.view);
    },
    /** Forget ended jobs older than a week, and all but the newest few hundred. */
    prune(now: number): void {
      const ended = all.all(PREFIX).map((row) => read(row.value).view).filter((v) => v.status !== 'running');
      ended.sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
      const cutoff = new Date(now - KEEP_MS).toISOString();
      ended.forEach((view, i) => (i >= KEEP_ENDED || (view.finishedAt ?? '') < cutoff) && kv.delete(PREFIX + view.jobId));
    },
  };
}
