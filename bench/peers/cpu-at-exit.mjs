// Loaded with --import into both processes of the telemetry bench: at exit, print the whole
// process's CPU time (user + system, ms) on stderr, so a busy machine's waiting is not counted.
import fs from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  fs.writeSync(2, `\ncpu-ms ${Math.round((user + system) / 1000)}\n`);
});
