import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BundleEvent, Receipt } from '../../src/shared/county/bundle';
import { KiteError } from '../../src/shared/errors';
import { receiptSignedBy } from '../../src/core/county/bundle/receipt';
import { ingest } from '../../src/core/county/store/ingest';
import { WEEK_OF } from '../../src/core/county/store/aggregates';
import { timeKey, weekOf } from '../../src/core/county/store/deltas';
import { openCounty, type County } from '../../src/core/county/store';
import { cut, simEvents, simSchool, writeSimBundle, type SimSchool } from '../../bench/county-sim';
import { aggregatesAndRecount, answer, COUNTY_BACKENDS, heldEvents, ingestFile, schoolWithWork, unionOf } from '../support/county';
import { tempDir } from '../support/temp';

const INGESTER = path.join(__dirname, '../support/county-ingester.ts');
const SHAPE = { lessons: 2, attempts: 3 };

// Two schools, their events cut into three bundles each (three syncs), made once for every test.
const schools: SimSchool[] = [simSchool(0, 6), simSchool(1, 6)];
const events = schools.map((s) => simEvents(s, SHAPE));
const parts = events.map((e) => cut(e, 3));
const schoolOf = new Map(schools.flatMap((s, i) => (events[i] as BundleEvent[]).map((e) => [e.id, s.key.keyId] as const)));
const schoolId = (e: BundleEvent) => schoolOf.get(e.id) as string;

async function bundleOf(school: number, part: number, dir: string): Promise<string> {
  const file = path.join(dir, `school${school}-part${part}.kbundle`);
  if (!fs.existsSync(file)) await writeSimBundle(file, schools[school] as SimSchool, { events: parts[school]?.[part] as BundleEvent[] });
  return file;
}

const code = (error: unknown) => (error instanceof KiteError ? error.code : String(error));

describe.each(COUNTY_BACKENDS)('the county store on $name', (backend) => {
  let county: County;
  let files: string;

  beforeAll(async () => {
    await backend.setup();
  }, 120_000);
  afterAll(() => backend.teardown(), 60_000);
  afterEach(async () => {
    await county?.close().catch(() => undefined);
  });

  async function freshCounty(): Promise<County> {
    const target = await backend.fresh();
    county = await openCounty(target);
    for (const s of schools) await county.schools.add(s.key.publicKey, s.name);
    files = tempDir('kite-bundles-');
    return county;
  }

  /** The county holds exactly the union of these bundles, and every aggregate equals a recount. */
  async function expectHolds(bundles: [school: number, part: number][]) {
    expect(await heldEvents(county.db)).toEqual(unionOf(schoolId, bundles.map(([s, p]) => parts[s]?.[p] as BundleEvent[])));
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  }

  it('ingests a bundle and answers a receipt signed by the county key (made on first start, kept)', async () => {
    await freshCounty();
    const receipt = await ingestFile(county, await bundleOf(0, 0, files));
    expect(receipt).toMatchObject({ t: 'kreceipt', schoolKeyId: schools[0]?.key.keyId, added: parts[0]?.[0]?.length, again: 0, gaps: [] });
    expect(receiptSignedBy(receipt, county.key)).toBe(true);
    await expectHolds([[0, 0]]);
    // The same school twice, or a file that is no key, is refused.
    expect(code(await county.schools.add(schools[0]?.key.publicKey as string, 'Again').catch((e: unknown) => e))).toBe('county_school_exists');
    expect(code(await county.schools.add('not a key', 'Nobody').catch((e: unknown) => e))).toBe('county_bad_school_key');
    expect((await county.schools.list()).map((s) => s.name)).toEqual(schools.map((s) => s.name));
  });

  it('a duplicate bundle adds nothing and says so; a replayed old bundle adds nothing either', async () => {
    await freshCounty();
    await ingestFile(county, await bundleOf(0, 0, files));
    const again = await ingestFile(county, await bundleOf(0, 0, files));
    expect(again).toMatchObject({ added: 0, again: parts[0]?.[0]?.length });
    await ingestFile(county, await bundleOf(0, 1, files));
    await ingestFile(county, await bundleOf(0, 2, files));
    const replay = await ingestFile(county, await bundleOf(0, 0, files));
    expect(replay.added).toBe(0);
    // The replay's receipt still tells the school everything the county holds.
    const through = Math.max(...(parts[0]?.[2] ?? []).filter((e) => e.device_id === replay.watermarks[0]?.deviceId).map((e) => e.device_seq));
    expect(replay.watermarks[0]?.through).toBe(through);
    await expectHolds([[0, 0], [0, 1], [0, 2]]);
    const [row] = await county.db.query<{ times: number }>('SELECT times FROM bundles ORDER BY times DESC LIMIT 1');
    expect(row?.times).toBe(3);
  });

  it('bundles out of order: the later one first reports its gap, the earlier one fills it; aggregates match a recount', async () => {
    await freshCounty();
    const late = await ingestFile(county, await bundleOf(1, 2, files));
    expect(late.gaps.length).toBeGreaterThan(0);
    expect(late.watermarks.every((w) => w.through === 0)).toBe(true);
    await expectHolds([[1, 2]]);
    await ingestFile(county, await bundleOf(1, 0, files));
    const filled = await ingestFile(county, await bundleOf(1, 1, files));
    expect(filled.gaps).toEqual([]);
    await expectHolds([[1, 0], [1, 1], [1, 2]]);
  });

  it("a late bundle holding a pupil's earlier try at a question makes it the first try, and the question's difficulty follows", async () => {
    await freshCounty();
    const all = parts[0]?.[0] as BundleEvent[];
    // Two questions: one tried wrong then (later, on another PC) right, and one the other way round.
    const tries = all.filter((e) => e.kind === 'attempt' && e.correct !== null && e.step_id !== null).slice(0, 2);
    const later = tries.map((e, i) => ({ ...e, id: `later-${i}`, device_id: 'pc-later', device_seq: i + 1, correct: e.correct === 1 ? 0 : 1, at: new Date(Date.parse(e.at) + 3_600_000).toISOString() }) as BundleEvent);
    const file = (name: string) => path.join(files, name);
    await writeSimBundle(file('later'), schools[0] as SimSchool, { events: later });
    await ingestFile(county, file('later'));
    const firstOf = async (e: BundleEvent) =>
      (await county.db.query<{ event_id: string; correct: number }>("SELECT t->>1 AS event_id, (t->>2)::int AS correct FROM (SELECT tries->$2->$3->$4 AS t FROM first_tries WHERE pupil_id = $1) f", [e.pupil_id, e.pack_id, e.lesson_id, e.step_id]))[0];
    expect(await firstOf(tries[0] as BundleEvent)).toEqual({ event_id: 'later-0', correct: later[0]?.correct });
    await ingestFile(county, await bundleOf(0, 0, files));
    for (const e of tries) expect(await firstOf(e)).toEqual({ event_id: e.id, correct: e.correct });
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
    // Again: an even later copy of a try changes nothing.
    const again = later.map((e, i) => ({ ...e, id: `latest-${i}`, device_seq: i + 3, at: new Date(Date.parse(e.at) + 3_600_000).toISOString() }) as BundleEvent);
    await writeSimBundle(file('latest'), schools[0] as SimSchool, { events: again });
    await ingestFile(county, file('latest'));
    for (const e of tries) expect(await firstOf(e)).toEqual({ event_id: e.id, correct: e.correct });
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  });

  it('a gap in a device sequence is accepted and reported until it is filled', async () => {
    await freshCounty();
    const all = events[0] as BundleEvent[];
    const device = all[0]?.device_id as string;
    const mine = all.filter((e) => e.device_id === device);
    const [a, b, c] = [mine.slice(0, 3), mine.slice(3, 6), mine.slice(6, 9)];
    const file = (name: string) => path.join(files, name);
    await writeSimBundle(file('a'), schools[0] as SimSchool, { events: a });
    await writeSimBundle(file('c'), schools[0] as SimSchool, { events: c });
    await writeSimBundle(file('b'), schools[0] as SimSchool, { events: b });
    await ingestFile(county, file('a'));
    const gap = await ingestFile(county, file('c'));
    expect(gap.watermarks).toEqual([{ deviceId: device, through: 3 }]);
    expect(gap.gaps).toEqual([{ deviceId: device, from: 4, to: 6 }]);
    const [held] = await county.db.query<{ through: number; max_seq: number }>('SELECT through, max_seq FROM devices WHERE device_id = $1', [device]);
    expect(held).toEqual({ through: 3, max_seq: 9 });
    const filled = await ingestFile(county, file('b'));
    expect(filled).toMatchObject({ watermarks: [{ deviceId: device, through: 9 }], gaps: [] });
  });

  it('a hole the school never got: its bundle claims only what it carries, the next bundle does not resend what lies past the hole, and the late events go alone', async () => {
    await freshCounty();
    const school = await schoolWithWork({ pupils: ['小明'] });
    const key = school.core.county.publicKey();
    await county.schools.add(key.publicKey, '有洞小学');
    // A pupil PC that passed on its events 1–4 and 8–10, then died: 5–7 reach the school only much later, if ever.
    const model = school.core.db.prepare('SELECT * FROM progress_events ORDER BY seq LIMIT 1').get() as Record<string, unknown>;
    const dead = (n: number) => ({ ...model, id: `dead-pc-${n}`, device_id: 'dead-pc', device_seq: n }) as never;
    school.core.progress.store.insertEvents([1, 2, 3, 4, 8, 9, 10].map(dead));
    const own = school.core.county.pending() - 7;
    const bundle = async (name: string) => {
      const file = path.join(files, name);
      return { summary: await school.core.county.writeBundle(file), receipt: await ingestFile(county, file) };
    };

    const first = await bundle('first.kbundle');
    expect(first.summary.ranges.filter((r) => r.deviceId === 'dead-pc')).toEqual([{ deviceId: 'dead-pc', from: 1, to: 4 }, { deviceId: 'dead-pc', from: 8, to: 10 }]);
    expect(first.receipt.gaps).toEqual([{ deviceId: 'dead-pc', from: 5, to: 7 }]);
    school.core.county.importReceipt(first.receipt);
    expect(school.core.county.pending()).toBe(0);
    const [{ n: ownHeld }] = (await county.db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE device_id <> 'dead-pc'")) as [{ n: number }];
    expect(ownHeld).toBe(own);

    // A new answer: the next bundle carries it and nothing past the hole again.
    await answer(school, school.pupilIds[0]!, 1);
    const second = await bundle('second.kbundle');
    expect(second.summary.ranges.some((r) => r.deviceId === 'dead-pc')).toBe(false);
    expect(second.receipt).toMatchObject({ again: 0 });
    school.core.county.importReceipt(second.receipt);

    // The dead PC's disk is read after all: 5–7 go, alone, and the county's hole closes.
    school.core.progress.store.insertEvents([5, 6, 7].map(dead));
    expect(school.core.county.pending()).toBe(3);
    const late = await bundle('late.kbundle');
    expect(late.summary.ranges).toEqual([{ deviceId: 'dead-pc', from: 5, to: 7 }]);
    expect(late.receipt).toMatchObject({ added: 3, again: 0, gaps: [] });
    expect(late.receipt.watermarks).toContainEqual({ deviceId: 'dead-pc', through: 10 });
    school.core.county.importReceipt(late.receipt);
    expect(school.core.county.pending()).toBe(0);
    expect(school.core.db.prepare('SELECT count(*) AS n FROM county_held').get()).toEqual({ n: 0 });
    school.core.close();
  });

  it('a bundle overlapping what is held adds only what is new; an id held under another sequence number is held once', async () => {
    await freshCounty();
    await ingestFile(county, await bundleOf(0, 0, files));
    // A resend after a lost receipt: the first two syncs in one bundle.
    const both = [...(parts[0]?.[0] ?? []), ...(parts[0]?.[1] ?? [])];
    await writeSimBundle(path.join(files, 'both'), schools[0] as SimSchool, { events: both });
    expect(await ingestFile(county, path.join(files, 'both'))).toMatchObject({ added: parts[0]?.[1]?.length, again: parts[0]?.[0]?.length });
    await expectHolds([[0, 0], [0, 1]]);
    // A device that numbered a held event again (seq far above what is held): no range overlaps, the id does.
    const first = parts[0]?.[0]?.[0] as BundleEvent;
    const renumbered = { ...first, device_seq: 10_000 };
    await writeSimBundle(path.join(files, 'renumbered'), schools[0] as SimSchool, { events: [renumbered, ...(parts[0]?.[2] ?? [])] });
    expect(await ingestFile(county, path.join(files, 'renumbered'))).toMatchObject({ added: parts[0]?.[2]?.length, again: 1 });
    await expectHolds([[0, 0], [0, 1], [0, 2]]);
  });

  it("weeks counted in Node (deltas.ts) are the database's weeks: Monday in China Standard Time", async () => {
    await freshCounty();
    const times = ['2026-09-06T15:59:59.999Z', '2026-09-06T16:00:00.000Z', '2026-09-07T00:00:00Z', '2026-12-31T23:59:59Z', '2027-01-03T16:00:00.5Z', '2024-02-29T12:00:00Z'];
    const rows = await county.db.query<{ week: string }>(`SELECT ${WEEK_OF('t::timestamptz')} AS week FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`, [times]);
    expect(times.map(weekOf)).toEqual(rows.map((r) => r.week));
    expect(timeKey('2026-09-07T00:00:00.000001Z')).toBeGreaterThan(timeKey('2026-09-07T00:00:00Z'));
    expect(timeKey('2026-09-07T00:00:00.5Z')).toBeGreaterThan(timeKey('2026-09-07T00:00:00.499999Z'));
    // Milliseconds (the usual form, read without a pattern) order among the finer forms.
    expect(timeKey('2026-09-07T00:00:00.123Z')).toBe(timeKey('2026-09-07T00:00:00.123000Z'));
    expect(timeKey('2026-09-07T00:00:00.123Z')).toBeLessThan(timeKey('2026-09-07T00:00:00.123001Z'));
    expect(timeKey('2026-09-07T00:00:00.124Z')).toBeGreaterThan(timeKey('2026-09-07T00:00:00.123999Z'));
  });

  it('refuses truncated and tampered bundles whole, changing nothing', async () => {
    await freshCounty();
    await ingestFile(county, await bundleOf(0, 0, files));
    const good = await bundleOf(0, 1, files);
    const text = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const variants: [string, Buffer, string][] = [
      ['cut in the gzip', fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size / 2)), 'bundle_truncated'],
      ['no end line', zlib.gzipSync(lines.slice(0, -1).join('\n') + '\n'), 'bundle_truncated'],
      ['one event changed', zlib.gzipSync(lines.map((l, i) => (i === lines.length - 2 ? l.replace(/"correct":[01]/, (m) => (m.endsWith('1') ? '"correct":0' : '"correct":1')).replace('"kind":"finish"', '"kind":"position"') : l)).join('\n') + '\n'), 'bundle_tampered'],
      ['two lines swapped', zlib.gzipSync([lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n'), 'bundle_tampered'],
    ];
    for (const [name, bytes, expected] of variants) {
      const file = path.join(files, `${name}.kbundle`);
      fs.writeFileSync(file, bytes);
      expect(code(await ingestFile(county, file).catch((e: unknown) => e)), name).toBe(expected);
    }
    await expectHolds([[0, 0]]);
  });

  it('refuses a bundle from an unknown school and one signed with the wrong key', async () => {
    await freshCounty();
    const stranger = simSchool(7, 4);
    const strangerFile = path.join(files, 'stranger.kbundle');
    await writeSimBundle(strangerFile, stranger, { events: simEvents(stranger, SHAPE) });
    expect(code(await ingestFile(county, strangerFile).catch((e: unknown) => e))).toBe('bundle_unknown_school');
    const forged = path.join(files, 'forged.kbundle');
    await writeSimBundle(forged, schools[0] as SimSchool, { events: parts[0]?.[0] as BundleEvent[], signWith: stranger.privateKeyPem });
    expect(code(await ingestFile(county, forged).catch((e: unknown) => e))).toBe('bundle_bad_signature');
    // A school removed between reading and ingesting: refused inside the transaction.
    const bundle = await county.read(await bundleOf(1, 0, files));
    await county.schools.remove(schools[1]?.key.keyId as string);
    expect(code(await county.ingest(bundle).catch((e: unknown) => e))).toBe('bundle_unknown_school');
    await expectHolds([]);
  });

  it('a school whose clock is a year off: its events are kept (a far-off month in the default partition) and counted', async () => {
    await freshCounty();
    const shift = (list: BundleEvent[], years: number) => list.map((e) => ({ ...e, at: new Date(Date.parse(e.at) + years * 365 * 86_400_000).toISOString() }));
    const now = new Date(Math.max(...(events[0] as BundleEvent[]).map((e) => Date.parse(e.at))));
    const ahead = shift(parts[0]?.[0] as BundleEvent[], 1);
    const behind = shift(parts[1]?.[0] as BundleEvent[], -1);
    const [fa, fb] = [path.join(files, 'ahead'), path.join(files, 'behind')];
    await writeSimBundle(fa, schools[0] as SimSchool, { events: ahead });
    await writeSimBundle(fb, schools[1] as SimSchool, { events: behind });
    await ingest(county.db, county.key, await county.read(fa), now);
    await ingest(county.db, county.key, await county.read(fb), now);
    const where = await county.db.query<{ part: string; n: number }>('SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM events GROUP BY 1 ORDER BY 1');
    expect(where.find((w) => w.part === 'events_default')?.n).toBe(ahead.length);
    expect(where.filter((w) => w.part !== 'events_default').reduce((n, w) => n + w.n, 0)).toBe(behind.length);
    const keyOf = new Map<string, string>([...ahead.map((e) => [e.id, schools[0]?.key.keyId as string] as const), ...behind.map((e) => [e.id, schools[1]?.key.keyId as string] as const)]);
    expect(await heldEvents(county.db)).toEqual(unionOf((e) => keyOf.get(e.id) as string, [ahead, behind]));
    // A year later the county's clock reaches that month: its partition is made and the rows move out of the default one.
    const later = new Date(Date.parse(ahead[0]?.at as string));
    await ingest(county.db, county.key, await county.read(await bundleOf(0, 1, files)), later);
    await ingest(county.db, county.key, await county.read(fa), later);
    const [left] = await county.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events_default WHERE at >= $1`, [new Date(Date.parse(ahead[0]?.at as string) - 31 * 86_400_000)]);
    expect(left?.n).toBeLessThan(ahead.length);
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  });

  it('a pupil who moves up a grade moves their lesson figures with them', async () => {
    await freshCounty();
    await ingestFile(county, await bundleOf(0, 0, files));
    const moved = (schools[0] as SimSchool).pupils.map((p) => ({ ...p, grade: p.grade === 6 ? 6 : (p.grade ?? 0) + 1 }));
    const next = parts[0]?.[1] as BundleEvent[];
    const file = path.join(files, 'next-year');
    await writeSimBundle(file, schools[0] as SimSchool, { events: next, pupils: moved.filter((p) => next.some((e) => e.pupil_id === p.id)), createdAt: '2027-09-01T00:00:00.000Z' });
    await ingestFile(county, file);
    await expectHolds([[0, 0], [0, 1]]);
  });

  it('removing a school removes everything the county holds from it, and its bundles are refused from then on', async () => {
    await freshCounty();
    await ingestFile(county, await bundleOf(0, 0, files));
    await ingestFile(county, await bundleOf(1, 0, files));
    const removed = await county.schools.remove(schools[1]?.key.keyId as string);
    expect(removed.events).toBe(parts[1]?.[0]?.length);
    await expectHolds([[0, 0]]);
    for (const table of ['pupils', 'devices', 'device_ranges', 'bundles', 'lesson_progress', 'lesson_stats', 'first_tries', 'question_stats', 'pupil_weeks', 'weekly_counts']) {
      const [row] = await county.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE school_id = $1`, [schools[1]?.key.keyId]);
      expect(row?.n, table).toBe(0);
    }
    expect(code(await ingestFile(county, await bundleOf(1, 1, files)).catch((e: unknown) => e))).toBe('bundle_unknown_school');
  });

  it('the county killed with -9 mid-ingest keeps all or nothing of that bundle; ingesting again after the restart completes it', async () => {
    const target = await backend.fresh();
    county = await openCounty(target);
    const big = simSchool(3, 40);
    await county.schools.add(big.key.publicKey, big.name);
    const bigEvents = simEvents(big, { lessons: 6, attempts: 12 });
    await county.close();
    files = tempDir('kite-bundles-');
    const file = path.join(files, 'big.kbundle');
    await writeSimBundle(file, big, { events: bigEvents });
    const child = spawn(process.execPath, ['--import', 'tsx', INGESTER, target.dataDir, file, target.pg ?? ''], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // On PostgreSQL another session holds the school's row, so the kill lands with everything written and
    // nothing committed; PGlite has one session (inside the county process): there the kill lands by time.
    const blocker = target.pg ? new pg.Client({ connectionString: target.pg }) : undefined;
    if (blocker) {
      blocker.on('error', () => undefined);
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM schools WHERE school_id = $1 FOR UPDATE', [big.key.keyId]);
    }
    while (!out.includes('ingesting') && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    if (blocker) {
      const waiting = async () => (await blocker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rows[0]?.n ?? 0;
      while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 10));
    } else await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await blocker?.end();
    await exited;
    expect(out).not.toContain('done');
    county = await openCounty(target);
    const held = await heldEvents(county.db);
    expect([0, bigEvents.length]).toContain(held.length);
    const receipt = await ingestFile(county, file);
    expect(receipt.added + receipt.again).toBe(bigEvents.length);
    expect(await heldEvents(county.db)).toEqual(unionOf(() => big.key.keyId, [bigEvents]));
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  }, 60_000);

  it.skipIf(backend.name === 'PostgreSQL')('refuses a second process on the same PGlite folder while the first lives (two would corrupt it)', async () => {
    const target = await backend.fresh();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(target.dataDir, 'county-pg.lock'), JSON.stringify({ pid: other.pid }) + '\n');
      expect(code(await openCounty(target).catch((e: unknown) => e))).toBe('county_db_busy');
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.on('exit', r));
    }
    county = await openCounty(target); // the holder is gone: its lock is stale
    expect(JSON.parse(fs.readFileSync(path.join(target.dataDir, 'county-pg.lock'), 'utf8')).pid).toBe(process.pid);
    await county.close();
    expect(fs.existsSync(path.join(target.dataDir, 'county-pg.lock'))).toBe(false);
  });

  // PGlite runs inside the county process: its "restart" is the kill -9 above.
  it.skipIf(backend.name === 'PGlite')('PostgreSQL restarted mid-ingest (everything written, not yet committed): the ingest fails whole, the next one holds the union', async () => {
    const target = await backend.fresh();
    county = await openCounty(target);
    for (const s of schools) await county.schools.add(s.key.publicKey, s.name);
    files = tempDir('kite-bundles-');
    await ingestFile(county, await bundleOf(0, 0, files));
    const big = simSchool(4, 20);
    await county.schools.add(big.key.publicKey, big.name);
    const bigEvents = simEvents(big, { lessons: 4, attempts: 6 });
    const file = path.join(files, 'big.kbundle');
    await writeSimBundle(file, big, { events: bigEvents });
    const bundle = await county.read(file);
    // Another session holds the school's row: the ingest writes its events and aggregates, then waits at its last step.
    const blocker = new pg.Client({ connectionString: target.pg });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM schools WHERE school_id = $1 FOR UPDATE', [big.key.keyId]);
    const running = county.ingest(bundle).then(
      (r: Receipt) => r,
      (e: unknown) => e,
    );
    const waiting = async () => (await blocker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rows[0]?.n ?? 0;
    while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 10));
    const [written] = (await blocker.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows;
    expect(written?.n).toBe(parts[0]?.[0]?.length); // the ingest's rows are not visible to others until it commits
    await backend.server?.restart('immediate');
    await blocker.end().catch(() => undefined);
    expect(await running).toBeInstanceOf(Error);
    expect(await heldEvents(county.db)).toEqual(unionOf(schoolId, [parts[0]?.[0] as BundleEvent[]]));
    const receipt = await county.ingest(bundle);
    expect(receipt.added).toBe(bigEvents.length);
    const keyOf = (e: BundleEvent) => schoolOf.get(e.id) ?? big.key.keyId;
    expect(await heldEvents(county.db)).toEqual(unionOf(keyOf, [parts[0]?.[0] as BundleEvent[], bigEvents]));
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  }, 60_000);
});
