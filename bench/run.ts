// `npm run bench`: every benchmark, as ratios against a baseline measured in the same run where
// one applies, written to bench-results/results.json. Benchmarks never fail tests; they report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, BenchResult } from './lib';
import { startup } from './startup.bench';
import { bundle } from './bundle.bench';
import { doctor } from './doctor.bench';
import { packs } from './packs.bench';
import { progressBench } from './progress.bench';
import { player } from './player.bench';
import { demos } from './demos.bench';
import { headset } from './headset.bench';
import { gallery } from './gallery.bench';
import { telemetry } from './telemetry.bench';
import { mutation } from './mutation.bench';
import { session } from './session.bench';
import { hubSyncBench } from './hub-sync.bench';
import { hubRoom } from './hub-room.bench';
import { hubDist } from './hub-dist.bench';
import { countyIngest } from './county-ingest.bench';
import { countyDashboard } from './county-dashboard.bench';

const benches: Bench[] = [startup, bundle, doctor, packs, progressBench, player, demos, headset, gallery, telemetry, session, hubSyncBench, hubRoom, hubDist, countyIngest, countyDashboard, mutation];

async function main() {
  const only = process.argv[2];
  const results: (BenchResult & { bench: string })[] = [];
  for (const bench of benches.filter((b) => !only || b.name === only)) {
    process.stdout.write(`bench ${bench.name}…\n`);
    for (const result of await bench.run()) {
      results.push({ bench: bench.name, ...result });
      const ratio = result.ratio !== undefined ? ` (${result.ratio}× ${result.baseline?.name} = ${result.baseline?.value} ${result.unit})` : '';
      const verdict = result.pass === undefined ? '' : result.pass ? '  ok' : `  OVER BUDGET (max ${result.budget?.max} ${result.budget?.unit})`;
      process.stdout.write(`  ${result.name}: ${result.value} ${result.unit}${ratio}${verdict}\n`);
    }
  }
  const out = path.join(import.meta.dirname, '../bench-results');
  fs.mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, results };
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`wrote ${path.join(out, 'results.json')}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
