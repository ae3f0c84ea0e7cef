// Child process for the restart test: starts a job that writes into its staging folder and never
// ends, prints the job id and the staging folder, and waits to be killed.
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../src/core';

const [dataDir] = process.argv.slice(2) as [string];
const core = createCore({ dataDir });
const { jobId } = core.jobs.start('packs.import', async (job) => {
  const staging = job.staging();
  fs.writeFileSync(path.join(staging, 'half-unpacked.bin'), Buffer.alloc(4096));
  job.progress({ bytesDone: 4096, bytesTotal: 1 << 20 }, true);
  fs.writeSync(1, `${JSON.stringify({ jobId, staging })}\n`);
  return new Promise(() => {});
});
