import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateKeyPair, type PublisherKey } from '../../src/core/packs/signing';
import { attempt, progressSetup } from './progress';
import { tempDir } from './temp';
import os from 'node:os';
import type { BundleEvent } from '../../src/shared/county/bundle';
import { openCounty, type County, type CountyQueries } from '../../src/core/county/store';
import { PGLITE_DIR } from '../../src/core/county/store/db';
import { startPostgres, type TestPostgres } from './postgres';

export const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

/** A school PC with a class, named pupils with pictures and picture passwords, and answers: made through the app's API. */
export async function schoolWithWork({ pupils = ['小明', '小红'], answers = 3, className = '四年级一班', dataDir = tempDir() } = {}) {
  const school = progressSetup(dataDir);
  const cls = await school.teacher('classes.create', { name: className, grade: 4 });
  const ids: string[] = [];
  const avatars = ['panda', 'elephant', 'butterfly', 'whale'] as const;
  for (const [i, name] of pupils.entries()) {
    const p = await school.teacher('pupils.add', { classId: cls.id, name, avatar: avatars[i % avatars.length] });
    await school.teacher('pupils.update', { pupilId: p.id, picturePassword: ['apple', 'heart', 'moon'] });
    ids.push(p.id);
    await answer(school, p.id, answers);
  }
  return { ...school, cls, pupilIds: ids };
}

/** A pupil signs in (with the picture password) and answers, then finishes the lesson. */
export async function answer(school: ReturnType<typeof progressSetup>, pupilId: string, answers: number): Promise<void> {
  const child = school.pupil();
  await child('pupils.signIn', { pupilId, pictures: ['apple', 'heart', 'moon'] });
  for (let i = 0; i < answers; i++) await child('attempts.record', attempt(`q${i}`, i % 2 === 0));
  await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
}

/** The decompressed text of a bundle file. */
export const bundleText = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');

/** A copy of a bundle with its lines changed (recompressed, not re-signed): how a tamperer would. */
export function rewrite(file: string, change: (lines: string[]) => string[]): string {
  const lines = bundleText(file).split('\n').filter((l) => l !== '');
  const out = path.join(path.dirname(file), `changed-${path.basename(file)}`);
  fs.writeFileSync(out, zlib.gzipSync(change(lines).join('\n') + '\n'));
  return out;
}

/** A county's key pair, as county-store makes on first start. */
export function countyKeys(): { privateKeyPem: string; publicKey: PublisherKey } {
  return generateKeyPair();
}

// --- The county side: its two databases, ingest, and what it holds (county-store) ---

/**
 * The two databases the county runs on, for `describe.each`: embedded PGlite and a throwaway real
 * PostgreSQL. `fresh()` gives an empty, migrated county (its own data folder; on PostgreSQL its own database).
 */
export interface CountyBackend {
  name: 'PGlite' | 'PostgreSQL';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): Promise<{ dataDir: string; pg?: string }>;
  /** PostgreSQL only: the server, to restart it. */
  server?: TestPostgres;
}

const made: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-county-'));
  made.push(dir);
  return dir;
}

function pgliteBackend(): CountyBackend {
  let template = '';
  return {
    name: 'PGlite',
    async setup() {
      // initdb in WebAssembly takes seconds: make one migrated database and copy it for each test.
      template = folder();
      await (await openCounty({ dataDir: template })).close();
    },
    async teardown() {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
    async fresh() {
      const dataDir = folder();
      fs.cpSync(path.join(template, PGLITE_DIR), path.join(dataDir, PGLITE_DIR), { recursive: true });
      return { dataDir };
    },
  };
}

function postgresBackend(): CountyBackend {
  let n = 0;
  const backend: CountyBackend = {
    name: 'PostgreSQL',
    async setup() {
      backend.server = await startPostgres();
    },
    async teardown() {
      await backend.server?.stop();
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
    async fresh() {
      const server = backend.server as TestPostgres;
      const name = `county_${++n}`;
      const admin = await openPgAdmin(server.url);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return { dataDir: folder(), pg: server.url.replace(/\/postgres$/, `/${name}`) };
    },
  };
  return backend;
}

async function openPgAdmin(url: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export const COUNTY_BACKENDS: CountyBackend[] = [pgliteBackend(), postgresBackend()];

/** Read a bundle file the way the county does (trusting its registered schools) and ingest it. */
export async function ingestFile(county: County, file: string) {
  return county.ingest(await county.read(file));
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** Every event the county holds, as comparable text, sorted. */
export async function heldEvents(db: CountyQueries): Promise<string[]> {
  const rows = await db.query('SELECT school_id, id, device_id, device_seq, pupil_id, kind, lesson_id, step_id, correct, stars, at FROM events');
  return rows.map((r) => JSON.stringify({ ...r, at: iso(r.at) })).sort();
}

/** What the county should hold: the union of these bundles' events. */
export function unionOf(schoolId: (e: BundleEvent) => string, bundles: BundleEvent[][]): string[] {
  const seen = new Map<string, string>();
  for (const e of bundles.flat()) {
    const school = schoolId(e);
    const { id, device_id, device_seq, pupil_id, kind, lesson_id, step_id, correct, stars, at } = e;
    seen.set(`${school} ${id}`, JSON.stringify({ school_id: school, id, device_id, device_seq, pupil_id, kind, lesson_id, step_id, correct, stars, at: new Date(at).toISOString() }));
  }
  return [...seen.values()].sort();
}

const WEEK = `date_trunc('week', (at AT TIME ZONE 'UTC') + interval '8 hours')::date`;
const LESSON_PROGRESS = `
SELECT school_id, pupil_id, pack_id, lesson_id, min(at) AS started_at, max(CASE WHEN kind = 'finish' THEN 1 ELSE 0 END) AS finished,
  max(CASE WHEN kind = 'finish' THEN coalesce(stars, 0) ELSE 0 END) AS best_stars, count(*) FILTER (WHERE kind = 'attempt') AS attempts
FROM events WHERE kind <> 'reset' AND pack_id IS NOT NULL AND lesson_id IS NOT NULL GROUP BY 1, 2, 3, 4`;

/** Each aggregate table as stored, and the same recounted from events + pupils (schema.md's definitions). */
const AGGREGATES: Record<string, { stored: string; recount: string }> = {
  lesson_progress: { stored: 'SELECT school_id, pupil_id, pack_id, lesson_id, started_at, finished, best_stars, attempts FROM lesson_progress', recount: LESSON_PROGRESS },
  lesson_stats: {
    stored: 'SELECT school_id, grade, pack_id, lesson_id, pupils_started, pupils_finished, stars_sum, attempts FROM lesson_stats',
    recount: `SELECT lp.school_id, coalesce(p.grade, 0) AS grade, lp.pack_id, lp.lesson_id, count(*) AS pupils_started, sum(lp.finished) AS pupils_finished, sum(lp.best_stars) AS stars_sum, sum(lp.attempts) AS attempts
      FROM (${LESSON_PROGRESS}) lp JOIN pupils p USING (school_id, pupil_id) GROUP BY 1, 2, 3, 4`,
  },
  question_stats: {
    stored: 'SELECT school_id, pack_id, lesson_id, step_id, first_tries, first_try_correct FROM question_stats',
    recount: `SELECT school_id, pack_id, lesson_id, step_id, count(*) AS first_tries, sum(correct) AS first_try_correct FROM (
      SELECT DISTINCT ON (school_id, pupil_id, pack_id, lesson_id, step_id) school_id, pupil_id, pack_id, lesson_id, step_id, correct FROM events
      WHERE kind = 'attempt' AND correct IS NOT NULL AND step_id IS NOT NULL AND pack_id IS NOT NULL AND lesson_id IS NOT NULL
      ORDER BY school_id, pupil_id, pack_id, lesson_id, step_id, at, id) f GROUP BY 1, 2, 3, 4`,
  },
  first_tries: {
    stored: `SELECT f.school_id, f.pupil_id, pack.key AS pack_id, lesson.key AS lesson_id, step.key AS step_id, (step.value->>0)::int8 AS at_us, step.value->>1 AS event_id, (step.value->>2)::int AS correct
      FROM first_tries f, jsonb_each(f.tries) pack, jsonb_each(pack.value) lesson, jsonb_each(lesson.value) step`,
    recount: `SELECT DISTINCT ON (school_id, pupil_id, pack_id, lesson_id, step_id) school_id, pupil_id, pack_id, lesson_id, step_id, (extract(epoch FROM at) * 1000000)::int8 AS at_us, id AS event_id, correct::int AS correct
      FROM events WHERE kind = 'attempt' AND correct IS NOT NULL AND step_id IS NOT NULL AND pack_id IS NOT NULL AND lesson_id IS NOT NULL
      ORDER BY school_id, pupil_id, pack_id, lesson_id, step_id, at, id`,
  },
  weekly_counts: {
    stored: 'SELECT school_id, week, events, attempts, finishes, active_pupils FROM weekly_counts',
    recount: `SELECT school_id, ${WEEK} AS week, count(*) AS events, count(*) FILTER (WHERE kind = 'attempt') AS attempts, count(*) FILTER (WHERE kind = 'finish') AS finishes, count(DISTINCT pupil_id) AS active_pupils FROM events GROUP BY 1, 2`,
  },
};

async function rowsOf(db: CountyQueries, sql: string): Promise<string[]> {
  return (await db.query(sql)).map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : iso(v)])))).sort();
}

/** { table: [stored rows, recounted rows] } for every aggregate: a test expects each pair equal. */
export async function aggregatesAndRecount(db: CountyQueries): Promise<Record<string, [string[], string[]]>> {
  const out: Record<string, [string[], string[]]> = {};
  for (const [table, { stored, recount }] of Object.entries(AGGREGATES)) out[table] = [await rowsOf(db, stored), await rowsOf(db, recount)];
  return out;
}
