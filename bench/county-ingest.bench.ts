// County ingest on a real PostgreSQL (a throwaway cluster, durable settings): every simulated school's
// bundles through `county.ingest` in a separate county process, against a bare COPY of the same event
// rows into the same (migrated, partitioned) events table; then re-ingesting everything (must add
// nothing); and the county process's peak RSS. KITE_COUNTY_SCALE shrinks the county (default 0.02).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BundleEvent } from '../src/shared/county/bundle';
import { openCountyDb } from '../src/core/county/store/db';
import { ensurePartitions } from '../src/core/county/store/partitions';
import { startPostgres } from '../tests/support/postgres';
import { cut, scaled, simEvents, simSchool, writeSimBundle } from './county-sim';
import { withBudget, type Bench, type BenchResult } from './lib';

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'county-ingest-child.ts');
const COLUMNS = ['school_id', 'id', 'device_id', 'device_seq', 'pupil_id', 'kind', 'pack_id', 'pack_version', 'lesson_id', 'step_id', 'activity_type', 'answer_json', 'correct', 'hints_used', 'time_ms', 'score', 'stars', 'at'] as const;

const text = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

async function ingestProcess(planFile: string, dataDir: string, url: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, planFile, dataDir, url], { maxBuffer: 1 << 20, timeout: 6 * 3600_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as { ms: number; added: number; again: number; maxRssMb: number };
}

/** The baseline: the same rows, COPY'd in text format into a fresh migrated database's events table. */
async function bareCopy(url: string, rows: [string, BundleEvent][], work: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE DATABASE copy_baseline');
  await admin.end();
  const target = url.replace(/\/postgres$/, '/copy_baseline');
  const db = await openCountyDb({ dataDir: work, pg: target });
  await db.transaction((tx) => ensurePartitions(tx, new Set(rows.map(([, e]) => e.at.slice(0, 7) + '-01T00:00:00Z')), new Date(rows[rows.length - 1]?.[1].at ?? Date.now())));
  await db.close();
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  function* lines() {
    for (const [school, e] of rows) yield COLUMNS.map((c) => text(c === 'school_id' ? school : e[c])).join('\t') + '\n';
  }
  const started = performance.now();
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY events (${COLUMNS.join(', ')}) FROM STDIN`)));
  const ms = performance.now() - started;
  await client.end();
  return ms;
}

export const countyIngest: Bench = {
  name: 'county-ingest',
  async run(): Promise<BenchResult[]> {
    const shape = scaled();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-county-bench-'));
    const server = await startPostgres({ durable: true });
    try {
      const files: string[] = [];
      const schools: { publicKey: string; name: string }[] = [];
      const rows: [string, BundleEvent][] = [];
      for (let i = 0; i < shape.schools; i++) {
        const school = simSchool(i, shape.pupils);
        schools.push({ publicKey: school.key.publicKey, name: school.name });
        const events = simEvents(school, shape);
        for (const e of events) rows.push([school.key.keyId, e]);
        for (const [part, slice] of cut(events, shape.bundlesPerSchool).entries()) {
          const file = path.join(work, 'bundles', `${i}-${part}.kbundle`);
          await writeSimBundle(file, school, { events: slice });
          files.push(file);
        }
      }
      const planFile = path.join(work, 'plan.json');
      fs.writeFileSync(planFile, JSON.stringify({ schools, files }));
      const copyMs = await bareCopy(server.url, rows, path.join(work, 'copy'));
      const first = await ingestProcess(planFile, path.join(work, 'county'), server.url);
      const again = await ingestProcess(planFile, path.join(work, 'county'), server.url);
      const scale = `${shape.schools} schools × ${shape.pupils} pupils × ${shape.lessons} lessons × ~${shape.attempts} attempts = ${rows.length} events in ${files.length} bundles (KITE_COUNTY_SCALE=${process.env.KITE_COUNTY_SCALE ?? '0.02'})`;
      const perSecond = (ms: number) => Math.round(rows.length / (ms / 1000));
      return [
        withBudget(
          {
            name: 'county-ingest-vs-copy',
            value: Math.round(first.ms),
            unit: 'ms',
            baseline: { name: 'bare COPY of the same rows', value: Math.round(copyMs) },
            ratio: +(first.ms / copyMs).toFixed(2),
            notes: `${scale}; ingest ${perSecond(first.ms)} events/s (reading and verifying the files included, the next file read while the current one is written), COPY ${perSecond(copyMs)} rows/s; throughput ${(copyMs / first.ms).toFixed(2)}× COPY (goal ≥ 0.5×); added ${first.added}`,
          },
          2,
          'ratio',
        ),
        { name: 'county-reingest-all', value: Math.round(again.ms), unit: 'ms', pass: again.added === 0, notes: `${scale}; added ${again.added} (must be 0), again ${again.again}` },
        withBudget({ name: 'county-ingest-peak-rss', value: Math.round(Math.max(first.maxRssMb, again.maxRssMb)), unit: 'MB', notes: `the county process (Node + pg client), peak over ingest and re-ingest; ${scale}` }, 300),
      ];
    } finally {
      await server.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
