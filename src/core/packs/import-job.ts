import path from 'node:path';
import type { Jobs } from '../jobs';
import type { PackService } from './service';

export type PackSource = { kind: 'upload'; uploadId: string } | { kind: 'path'; path: string };

/**
 * Unpack and check a pack the teacher chose (an upload or a file on a USB stick) as a job: progress
 * in bytes unpacked, the PackPreview as its result, cancel through jobs.cancel.
 */
export function startPackImport(packs: PackService, jobs: Jobs, source: PackSource): { jobId: string } {
  const file = source.kind === 'upload' ? packs.uploads.file(source.uploadId) : path.resolve(source.path);
  return jobs.start('packs.import', async (job) => {
    try {
      return await packs.stage(file, { signal: job.signal, onProgress: (bytesDone, bytesTotal) => job.progress({ bytesDone, bytesTotal }) });
    } finally {
      if (source.kind === 'upload') packs.uploads.remove(source.uploadId);
    }
  });
}
