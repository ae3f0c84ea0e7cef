import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { JobKind, JobKinds, JobOf, JobView } from '../../shared/contract/jobs';
import { KiteError } from '../../shared/errors';
import { isDiskFull } from '../fs/disk';
import type { EventBus } from '../events';
import { processAlive } from '../fs/owners';
import type { Logger } from '../log/logger';
import { createJobStore } from './store';

export interface JobContext<K extends JobKind> {
  jobId: string;
  /** Aborted when someone cancels the job (or the app closes). */
  signal: AbortSignal;
  /** Report progress (sent to clients as jobs.progress, at most every PROGRESS_MS unless forced). */
  progress(progress: JobKinds[K]['progress'], force?: boolean): void;
  /** This job's own folder in the process's staging area: removed when the job ends, and after a crash at the next start. */
  staging(): string;
}

export type JobRunner<K extends JobKind> = (job: JobContext<K>) => Promise<JobKinds[K]['result']>;

export interface JobsDeps {
  db: Database.Database;
  events: EventBus;
  log: Logger;
  now: () => number;
  /** This process's staging folder, <data>/tmp/<pid>-<random>. */
  tmp: string;
}

const PROGRESS_MS = 150;

interface Live {
  view: JobView;
  controller: AbortController;
  done: Promise<JobView>;
  lastProgress: number;
}

const isCancel = (error: unknown) => error instanceof KiteError && (error.code === 'cancelled' || error.code === 'import_cancelled');

function toKiteError(error: unknown): KiteError {
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (isDiskFull(error)) return new KiteError('disk_full', 'The disk is full. Free some space and try again; nothing was changed.');
  // A file the system will not let us open (locked, another user's): say so, not "something went wrong".
  if (code === 'EACCES' || code === 'EPERM') {
    const file = (error as NodeJS.ErrnoException).path ?? '';
    return new KiteError('file_not_allowed', `Kite Classroom is not allowed to open ${file || 'a file it needs'}. Copy it to this PC (the desktop) and try again; nothing was changed.`, { details: { path: file } });
  }
  return new KiteError('internal', `Something went wrong (${code ?? (error instanceof Error ? error.message : String(error))}).`);
}

/**
 * One model for long work. A job has an id, reports progress, and ends finished, failed (with a
 * KiteError payload), cancelled or interrupted. Its start and end are in SQLite, so a client that
 * learns the id after the end still gets it (jobs.get), and a job whose process died (power cut,
 * crash) is reported as interrupted at the next start; its staging went with that process's tmp
 * folder. Only the core emits jobs.progress and jobs.finished.
 */
export function createJobs({ db, events, log, now, tmp }: JobsDeps) {
  const store = createJobStore(db);
  const live = new Map<string, Live>();
  const owner = path.basename(tmp);
  const stamp = () => new Date(now()).toISOString();

  const ownerAlive = (name: string) => {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    return name === owner || (processAlive(pid) && fs.existsSync(path.join(path.dirname(tmp), name)));
  };
  for (const orphan of store.orphans(ownerAlive)) {
    const error = new KiteError('job_interrupted', 'The app stopped while this was running (a restart or a power cut). Nothing half-done was kept; start it again.');
    store.ended({ ...orphan, status: 'interrupted', finishedAt: stamp(), error: error.toPayload() });
    log.warn('a job was interrupted by a restart', { jobId: orphan.jobId, kind: orphan.kind });
  }
  store.prune(now());

  function start<K extends JobKind>(kind: K, run: JobRunner<K>): { jobId: string } {
    const jobId = crypto.randomUUID();
    const controller = new AbortController();
    const view = { jobId, kind, status: 'running', startedAt: stamp(), finishedAt: null, progress: null, result: null, error: null } as JobOf<K>;
    store.started(view, owner);
    const staging = path.join(tmp, `job-${jobId}`);
    const entry: Live = { view, controller, lastProgress: 0, done: Promise.resolve(view) };
    const ctx: JobContext<K> = {
      jobId,
      signal: controller.signal,
      progress(progress, force = false) {
        const t = now();
        if (!force && t - entry.lastProgress < PROGRESS_MS) return;
        entry.lastProgress = t;
        entry.view = { ...entry.view, progress } as JobView;
        events.emit('jobs.progress', entry.view);
      },
      staging() {
        fs.mkdirSync(staging, { recursive: true });
        return staging;
      },
    };
    live.set(jobId, entry);
    entry.done = Promise.resolve()
      .then(() => {
        // Cancelled before it began (the runner has not yet listened to its signal).
        if (controller.signal.aborted) throw new KiteError('cancelled', 'Stopped before it began.');
        return run(ctx);
      })
      .then(
        (result) => ({ status: controller.signal.aborted ? 'cancelled' : 'finished', result, error: null }) as const,
        (error: unknown) => {
          const e = toKiteError(error);
          if (e.code === 'internal') log.error('a job failed', { jobId, kind, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          return { status: isCancel(e) || controller.signal.aborted ? 'cancelled' : 'failed', result: null, error: e.toPayload() } as const;
        },
      )
      .then((end) => {
        fs.rmSync(staging, { recursive: true, force: true });
        const ended = { ...entry.view, ...end, finishedAt: stamp() } as JobView;
        try {
          store.ended(ended);
        } catch (error) {
          // The database is closed (the app is stopping): the next start reports the job as interrupted.
          log.warn('a job ended after the database closed', { jobId, error: String(error) });
        }
        live.delete(jobId);
        events.emit('jobs.finished', ended);
        return ended;
      });
    return { jobId };
  }

  function get(jobId: string): JobView {
    const view = live.get(jobId)?.view ?? store.get(jobId);
    if (!view) throw new KiteError('not_found', 'There is no such job (it ended long ago, or was never started).');
    return view;
  }

  /** Wait for a job's end, however it ends. */
  async function wait<K extends JobKind>(jobId: string): Promise<JobOf<K>> {
    return ((await live.get(jobId)?.done) ?? get(jobId)) as JobOf<K>;
  }

  return {
    start,
    get,
    wait,
    /** Start a job and wait for its result; a failure or cancel is thrown as the KiteError it ended with. */
    async run<K extends JobKind>(kind: K, runner: JobRunner<K>): Promise<JobKinds[K]['result']> {
      const ended = await wait<K>(start(kind, runner).jobId);
      if (ended.status === 'finished' && ended.result !== null) return ended.result;
      throw ended.error ? KiteError.fromPayload(ended.error) : new KiteError('cancelled', 'Stopped.');
    },
    cancel(jobId: string): { cancelled: boolean } {
      const entry = live.get(jobId);
      entry?.controller.abort();
      return { cancelled: !!entry };
    },
    /** Jobs of this kind still running in this process. */
    running(kind: JobKind): JobView[] {
      return [...live.values()].map((e) => e.view).filter((v) => v.kind === kind);
    },
    /** The app is stopping: ask every job to stop. */
    cancelAll(): void {
      for (const entry of live.values()) entry.controller.abort();
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
