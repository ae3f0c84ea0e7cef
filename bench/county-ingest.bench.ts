// County ingest on a real PostgreSQL (a throwaway cluster, durable settings): every simulated school's
// bundles through `county.ingest` in a separate county process, against a bare COPY of the same event
// rows into the same (migrated, partitioned) events table; then re-ingesting everything (must add
// nothing); and the county process's peak RSS. KITE_COUNTY_SCALE shrinks the county (default 0.02).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openCountyDb } from '../src/core/county/store/db';
import { ensurePartitions } from '../src/core/county/store/partitions';
import { copyStatement, copyText } from '../src/core/county/store/copy';
import { EVENT_TABLE_COLUMNS, eventRow } from '../src/core/county/store/ingest';
import { startPostgres } from '../tests/support/postgres';
import { cut, scaled, simEvents, simSchool, writeSimBundle } from './county-sim';
import { withBudget, type Bench, type BenchResult } from './lib';

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'county-ingest-child.ts');

async function ingestProcess(planFile: string, dataDir: string, url: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, planFile, dataDir, url], { maxBuffer: 1 << 20, timeout: 6 * 3600_000 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as { ms: number; cpuMs: number; added: number; again: number; maxRssMb: number };
}

/** Write text to a stream, waiting when its buffer is full (a county's rows never sit in memory at once). */
async function write(out: fs.WriteStream, chunks: Iterable<string | Buffer>): Promise<void> {
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * The baseline: the same rows (written to a file in COPY text format while the bundles were made),
 * COPY'd into the events table of a fresh migrated database with the same partitions and the same
 * primary key. Like the ingest, it reads its input from disk inside the timing; the partitions (made
 * before the timing here) are the one thing ingest does inside it (a few ms on the first bundle).
 */
async function bareCopy(url: string, copyFile: string, months: Set<string>, now: Date, work: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('CREATE DATABASE copy_baseline');
  await admin.end();
  const target = url.replace(/\/postgres$/, '/copy_baseline');
  const db = await openCountyDb({ dataDir: work, pg: target });
  await db.transaction((tx) => ensurePartitions(tx, months, now));
  await db.close();
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const started = performance.now();
  await pipeline(fs.createReadStream(copyFile, { highWaterMark: 1 << 16 }), client.query(copyFrom(copyStatement('events', EVENT_TABLE_COLUMNS, 'STDIN'))));
  const ms = performance.now() - started;
  await client.end();
  return ms;
}

/** Clock ticks to ms (Linux: 100 a second). */
const TICK_MS = 10;

/**
 * CPU milliseconds the PostgreSQL cluster on `port` has used so far: the postmaster's own and its reaped
 * backends' (cutime/cstime), plus the live processes under it. On a shared machine wall time swings with
 * other people's work; the CPU each side spends does not.
 */
function clusterCpuMs(port: number): number {
  const stat = (pid: string) => {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
      return undefined;
    }
  };
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const master = pids.find((p) => {
    try {
      return /postgres.* -p (\d+)/.exec(fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '))?.[1] === String(port);
    } catch {
      return false;
    }
  });
  const own = master ? stat(master) : undefined;
  if (!master || !own) return NaN;
  // Fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of pids) {
    const f = stat(pid);
    if (f && f[1] === master) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_MS;
}

/** Wall and CPU (PostgreSQL's, plus the county process's when it reports it) of one step. */
async function measured<T extends object>(port: number, step: () => Promise<T>): Promise<T & { pgCpuMs: number }> {
  const before = clusterCpuMs(port);
  const result = await step();
  return { ...result, pgCpuMs: clusterCpuMs(port) - before };
}

interface MadeCounty {
  shape: ReturnType<typeof scaled>;
  planFile: string;
  copyFile: string;
  files: number;
  events: number;
  months: string[];
  newest: string;
}

/**
 * The simulated county, made one school at a time: its bundles, and its rows for the baseline appended
 * to one COPY file. With KITE_COUNTY_BENCH_KEEP=DIR it is kept in DIR and used again by the next run of
 * the same scale (a full-scale county takes most of the bench's time to make).
 */
async function makeCounty(work: string, shape: ReturnType<typeof scaled>): Promise<MadeCounty> {
  const madeFile = path.join(work, 'made.json'); // written last: a county cut short while made is made again
  if (fs.existsSync(madeFile)) {
    const made = JSON.parse(fs.readFileSync(madeFile, 'utf8')) as MadeCounty;
    if (JSON.stringify(made.shape) === JSON.stringify(shape)) return made;
  }
  const files: string[] = [];
  const schools: { publicKey: string; name: string }[] = [];
  const copyFile = path.join(work, 'events.copy');
  const copyOut = fs.createWriteStream(copyFile);
  const months = new Set<string>();
  let events = 0;
  let newest = '';
  fs.rmSync(path.join(work, 'bundles'), { recursive: true, force: true });
  for (let i = 0; i < shape.schools; i++) {
    const school = simSchool(i, shape.pupils);
    schools.push({ publicKey: school.key.publicKey, name: school.name });
    const made = simEvents(school, shape);
    events += made.length;
    for (const e of made) {
      months.add(e.at.slice(0, 7) + '-01T00:00:00Z');
      if (e.at > newest) newest = e.at;
    }
    await write(copyOut, copyText(made.map((e) => eventRow(school.key.keyId, e))));
    for (const [part, slice] of cut(made, shape.bundlesPerSchool).entries()) {
      const file = path.join(work, 'bundles', `${i}-${part}.kbundle`);
      await writeSimBundle(file, school, { events: slice });
      files.push(file);
    }
  }
  copyOut.end();
  await once(copyOut, 'close');
  const planFile = path.join(work, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify({ schools, files }));
  const made: MadeCounty = { shape, planFile, copyFile, files: files.length, events, months: [...months], newest };
  fs.writeFileSync(madeFile, JSON.stringify(made));
  return made;
}

export const countyIngest: Bench = {
  name: 'county-ingest',
  async run(): Promise<BenchResult[]> {
    const shape = scaled();
    const keep = process.env.KITE_COUNTY_BENCH_KEEP;
    if (keep) fs.mkdirSync(keep, { recursive: true });
    const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kite-county-bench-'));
    const server = await startPostgres({ durable: true });
    try {
      const { planFile, copyFile, events, months, newest, files } = await makeCounty(work, shape);
      for (const dir of ['county', 'copy']) fs.rmSync(path.join(work, dir), { recursive: true, force: true });
      const copy = await measured(server.port, async () => ({ ms: await bareCopy(server.url, copyFile, new Set(months), new Date(newest), path.join(work, 'copy')) }));
      const copyMs = copy.ms;
      const first = await measured(server.port, () => ingestProcess(planFile, path.join(work, 'county'), server.url));
      const again = await measured(server.port, () => ingestProcess(planFile, path.join(work, 'county'), server.url));
      const cpu = (s: number) => `${(s / 1000).toFixed(1)} s`;
      const scale = `${shape.schools} schools × ${shape.pupils} pupils × ${shape.lessons} lessons × ~${shape.attempts} attempts = ${events} events in ${files} bundles (KITE_COUNTY_SCALE=${process.env.KITE_COUNTY_SCALE ?? '0.02'})`;
      const perSecond = (ms: number) => Math.round(events / (ms / 1000));
      return [
        withBudget(
          {
            name: 'county-ingest-vs-copy',
            value: Math.round(first.ms),
            unit: 'ms',
            baseline: { name: 'bare COPY of the same rows', value: Math.round(copyMs) },
            ratio: +(first.ms / copyMs).toFixed(2),
            notes: `${scale}; ingest ${perSecond(first.ms)} events/s (reading and verifying the files included, the next file read while the current one is written), COPY ${perSecond(copyMs)} rows/s; throughput ${(copyMs / first.ms).toFixed(2)}× COPY (goal ≥ 0.5×); CPU: PostgreSQL ${cpu(first.pgCpuMs)} + the county process ${cpu(first.cpuMs)} (reading, verifying, reducing) against COPY's PostgreSQL ${cpu(copy.pgCpuMs)} (creating the database and its partitions included); added ${first.added}`,
          },
          2,
          'ratio',
        ),
        { name: 'county-reingest-all', value: Math.round(again.ms), unit: 'ms', pass: again.added === 0, notes: `${scale}; added ${again.added} (must be 0), again ${again.again}; CPU: PostgreSQL ${cpu(again.pgCpuMs)} + the county process ${cpu(again.cpuMs)} (reading and verifying every file again)` },
        withBudget({ name: 'county-ingest-peak-rss', value: Math.round(Math.max(first.maxRssMb, again.maxRssMb)), unit: 'MB', notes: `the county process (Node + pg client), peak over ingest and re-ingest; ${scale}` }, 300),
      ];
    } finally {
      await server.stop();
      if (keep) for (const dir of ['county', 'copy']) fs.rmSync(path.join(work, dir), { recursive: true, force: true });
      else fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
