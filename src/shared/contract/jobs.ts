import { z } from 'zod';
import type { ErrorPayload } from '../errors';
import { event, method } from './define';
import type { ImportProgress, ImportReport } from './media';
import type { PackPreview } from './packs';
import type { BackupInfo } from './backups';

/**
 * Long work (imports, backups) runs as a job in the core: it has an id, reports progress, ends
 * finished, failed (with an error the UI translates), cancelled, or interrupted (the app stopped
 * while it ran). A client that learns the id late asks jobs.get and still gets the end.
 */
export interface JobKinds {
  'media.import': { progress: ImportProgress; result: ImportReport };
  'packs.import': { progress: { bytesDone: number; bytesTotal: number }; result: PackPreview };
  'backups.create': { progress: never; result: BackupInfo };
  /** A pupil PC fetching one file the hub sends (a pack or a video), then importing it. */
  'hub.fetch': { progress: { sha256: string; name: string; bytesDone: number; bytesTotal: number }; result: { sha256: string; kind: 'pack' | 'media' } };
}
export type JobKind = keyof JobKinds;
export const JOB_KINDS = ['media.import', 'packs.import', 'backups.create', 'hub.fetch'] as const satisfies readonly JobKind[];

export type JobStatus = 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted';

interface JobBase {
  jobId: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Why it failed or was interrupted (a KiteError's payload). */
  error: ErrorPayload | null;
}

/** A job as clients see it; `progress` and `result` are typed by its kind. */
export type JobView = {
  [K in JobKind]: JobBase & { kind: K; progress: JobKinds[K]['progress'] | null; result: JobKinds[K]['result'] | null };
}[JobKind];
export type JobOf<K extends JobKind> = Extract<JobView, { kind: K }>;

const JobId = z.string().uuid();

export const jobMethods = {
  /** Where a job is now: running (with its last progress) or its end. not_found once forgotten. */
  'jobs.get': method<JobView>()('teacher', z.object({ jobId: JobId }).strict()),
  /** Ask a running job to stop; false when it already ended. */
  'jobs.cancel': method<{ cancelled: boolean }>()('teacher', z.object({ jobId: JobId }).strict()),
} as const;

/** The core's job payloads are built by the core itself; the schema only carries the type. */
const JobPayload = z.custom<JobView>((value) => typeof value === 'object' && value !== null && 'jobId' in value);

export const jobEvents = {
  /** A running job's progress (at most a few a second). Every job today is the teacher's. */
  'jobs.progress': event('teacher', JobPayload),
  /** A job ended: finished, failed or cancelled. */
  'jobs.finished': event('teacher', JobPayload),
} as const;
