// The county process of the ingest bench: registers the schools, reads and ingests every bundle file
// in turn (ingestFiles, as `kite county ingest` does), then prints what it measured as one JSON line.
import fs from 'node:fs';
import { openCounty } from '../src/core/county/store';
import { ingestFiles } from '../src/core/county/store/files';

const [plan, dataDir, pg] = process.argv.slice(2) as [string, string, string];
const { schools, files } = JSON.parse(fs.readFileSync(plan, 'utf8')) as { schools: { publicKey: string; name: string }[]; files: string[] };
const county = await openCounty({ dataDir, pg });
for (const s of schools) if (!(await county.schools.trust(s.publicKey))) await county.schools.add(s.publicKey, s.name).catch(() => undefined);
let added = 0;
let again = 0;
const started = performance.now();
const cpu = process.cpuUsage();
for await (const { receipt } of ingestFiles(county, files)) {
  added += receipt.added;
  again += receipt.again;
}
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
await county.close();
process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, added, again, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
