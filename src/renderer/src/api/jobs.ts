import type { JobKind, JobKinds, JobOf } from '../../../shared/contract';
import { KiteError } from '../../../shared/errors';
import { api } from './client';

export interface FollowOptions<K extends JobKind> {
  /** The id, as soon as the app answers (to cancel with jobs.cancel). */
  onStarted?: (jobId: string) => void;
  onProgress?: (progress: JobKinds[K]['progress']) => void;
}

/**
 * Start a job (core/jobs) and follow it to its end. It listens before starting and asks jobs.get
 * once the id is known, so an end that arrived before the id (a small import finishing first) is
 * never missed.
 */
export async function followJob<K extends JobKind>(start: () => Promise<{ jobId: string }>, { onStarted, onProgress }: FollowOptions<K> = {}): Promise<JobOf<K>> {
  let jobId: string | undefined;
  let settle!: (job: JobOf<K>) => void;
  const ended = new Promise<JobOf<K>>((resolve) => (settle = resolve));
  const offProgress = api.on('jobs.progress', (job) => job.jobId === jobId && job.progress && onProgress?.(job.progress as JobKinds[K]['progress']));
  const offFinished = api.on('jobs.finished', (job) => job.jobId === jobId && settle(job as JobOf<K>));
  try {
    jobId = (await start()).jobId;
    onStarted?.(jobId);
    const now = await api.invoke('jobs.get', { jobId });
    if (now.status !== 'running') settle(now as JobOf<K>);
    return await ended;
  } finally {
    offProgress();
    offFinished();
  }
}

/** A job's result, or the error it ended with (a cancel without a result is import_cancelled). */
export function resultOf<K extends JobKind>(job: JobOf<K>): NonNullable<JobOf<K>['result']> {
  if (job.result !== null && job.status !== 'failed') return job.result as NonNullable<JobOf<K>['result']>;
  if (job.error && job.status !== 'cancelled') throw KiteError.fromPayload(job.error);
  throw new KiteError('import_cancelled', 'cancelled');
}
