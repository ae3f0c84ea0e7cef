import type { Readable } from 'node:stream';
import type { BundleEvent, BundleHeader, Receipt, VerifiedBundle } from '../../../shared/county/bundle';
import { readBundleInto, type BundleTrust, type EventCollector } from '../bundle/read';
import { signReceipt } from '../bundle/receipt';
import type { CountyDb, CountyQueries } from './db';
import type { CountyKey } from './key';
import { unknownSchool } from './schools';
import { addToAggregates, moveGrades, TEMP } from './aggregates';
import { copyValue, CopyText, rowsOf } from './copy';
import { DeltaFold, deltasOf, type Deltas } from './deltas';
import { ensurePartitions } from './partitions';
import { gapsOf, mergeSpans, throughOf, type Span } from './ranges';

/** pg_advisory_xact_lock key: ingests run one at a time (they share partitions and a school's devices). */
const INGEST_LOCK = 18_002;

const EVENT_COLUMNS = ['id', 'device_id', 'device_seq', 'pupil_id', 'kind', 'pack_id', 'pack_version', 'lesson_id', 'step_id', 'activity_type', 'answer_json', 'correct', 'hints_used', 'time_ms', 'score', 'stars', 'at'];

async function upsertPupils(tx: CountyQueries, bundle: IngestBundle, now: Date): Promise<void> {
  const school = bundle.header.schoolKeyId;
  const clock = bundle.header.createdAt;
  await tx.exec(TEMP('in_pupils', 'pupil_id text PRIMARY KEY, grade smallint, class_id text, class_name text'));
  await tx.query(
    `INSERT INTO in_pupils SELECT p.id, p.grade, p."classId", p."className" FROM json_to_recordset($1::json) AS p(id text, grade smallint, "classId" text, "className" text) ON CONFLICT DO NOTHING`,
    [JSON.stringify(bundle.pupils)],
  );
  // A newer bundle's grade wins; a late older bundle changes nothing.
  await tx.exec(TEMP('moved', 'pupil_id text PRIMARY KEY, old_grade smallint, new_grade smallint'));
  await tx.query(
    `INSERT INTO moved SELECT p.pupil_id, coalesce(p.grade, 0), coalesce(i.grade, 0) FROM pupils p JOIN in_pupils i ON p.school_id = $1 AND p.pupil_id = i.pupil_id
     WHERE coalesce(p.grade, 0) <> coalesce(i.grade, 0) AND p.school_clock <= $2`,
    [school, clock],
  );
  await moveGrades(tx, school);
  await tx.query(
    `INSERT INTO pupils AS t (school_id, pupil_id, grade, class_id, class_name, first_seen_at, school_clock)
     SELECT $1, pupil_id, grade, class_id, class_name, $2, $3 FROM in_pupils
     ON CONFLICT (school_id, pupil_id) DO UPDATE SET grade = excluded.grade, class_id = excluded.class_id, class_name = excluded.class_name, school_clock = excluded.school_clock
     WHERE t.school_clock <= excluded.school_clock`,
    [school, now, clock],
  );
  // An event of a pupil without a pupil line still needs its pupil (grade unknown).
  const ids = [...bundle.events.pupils];
  await tx.query(
    `INSERT INTO pupils (school_id, pupil_id, first_seen_at, school_clock) SELECT $1, id, $2, '-infinity' FROM unnest($3::text[]) AS id ON CONFLICT DO NOTHING`,
    [school, now, ids],
  );
}

export const EVENT_TABLE_COLUMNS = ['school_id', ...EVENT_COLUMNS];
/** The `events` row of a school's event, in EVENT_TABLE_COLUMNS order (for COPY). */
export const eventRow = (school: string, e: BundleEvent) => [school, ...EVENT_COLUMNS.map((c) => (e as Record<string, unknown>)[c])];
const v = copyValue;
/** A number column: never escaped. */
const n = (value: number | null): string | number => (value === null ? '\\N' : value);
/** A text column the event schema keeps free of control characters: only a backslash needs escaping. */
const t = (value: string | null): string => (value === null ? '\\N' : value.includes('\\') ? copyValue(value) : value);
/** copyLine(eventRow(school, e)), field by field with no array per row: a county makes millions of these. */
const eventLine = (school: string, e: BundleEvent): string =>
  `${school}\t${t(e.id)}\t${t(e.device_id)}\t${e.device_seq}\t${t(e.pupil_id)}\t${e.kind}\t${t(e.pack_id)}\t${t(e.pack_version)}\t${t(e.lesson_id)}\t${t(e.step_id)}\t` +
  `${t(e.activity_type)}\t${v(e.answer_json)}\t${n(e.correct)}\t${n(e.hints_used)}\t${n(e.time_ms)}\t${n(e.score)}\t${n(e.stars)}\t${e.at}\n`;
const NUMBER_COLUMNS = new Set(['device_seq', 'correct', 'hints_used', 'time_ms', 'score', 'stars']);

/**
 * What ingest keeps of a bundle's events, made as it is read (readForIngest): the rows for `events` as
 * COPY text (off the heap), what they change in the aggregates if all are new (the usual case), and the
 * months and pupils they name. No event object outlives its line, so a county's memory follows one
 * bundle's text, not its parsed events. How many there are is the header's `events` (reading checked it).
 */
export interface IngestRows {
  rows: CopyText;
  deltas: Deltas;
  /** The first instant of each month an event falls in (partitions). */
  months: ReadonlySet<string>;
  pupils: ReadonlySet<string>;
}
export type IngestBundle = VerifiedBundle<IngestRows>;

export function ingestRows(header: Pick<BundleHeader, 'schoolKeyId'>): EventCollector<IngestRows> {
  const kept = { rows: new CopyText(), pupils: new Set<string>() };
  const months = new Set<string>(); // YYYY-MM
  const fold = new DeltaFold();
  const school = copyValue(header.schoolKeyId);
  // Runs of events share a month and a pupil: skip the set (and the slice) while they do.
  let lastMonth = '\0';
  let lastPupil = '';
  return {
    add(e) {
      kept.rows.addLine(eventLine(school, e));
      fold.add(e);
      if (!e.at.startsWith(lastMonth)) months.add((lastMonth = e.at.slice(0, 7)));
      if (e.pupil_id !== lastPupil) kept.pupils.add((lastPupil = e.pupil_id));
    },
    done: () => ({ ...kept, months: new Set([...months].map((month) => `${month}-01T00:00:00Z`)), deltas: fold.deltas() }),
  };
}

/** Read and verify a bundle (readBundle's checks) into what ingest needs. */
export const readForIngest = (input: string | Buffer | Readable, trust: BundleTrust): Promise<IngestBundle> => readBundleInto(input, trust, ingestRows);

/** A bundle already in memory (the dashboard bench's fill) as ingest takes it. */
export function ingestBundleOf(bundle: VerifiedBundle): IngestBundle {
  const rows = ingestRows(bundle.header);
  for (const e of bundle.events) rows.add(e);
  return { ...bundle, events: rows.done() };
}

/** The events back from their COPY rows (a bundle part of which the county held: deltas of the new ones only). */
function* eventsOf(rows: CopyText): Generator<BundleEvent> {
  for (const values of rowsOf(rows)) {
    const event: Record<string, unknown> = { t: 'event' };
    EVENT_COLUMNS.forEach((column, i) => {
      const value = values[i + 1] ?? null;
      event[column] = value !== null && NUMBER_COLUMNS.has(column) ? Number(value) : value;
    });
    yield event as BundleEvent;
  }
}

/** Does the bundle cover any device_seq the county already holds? */
function overlaps(bundle: IngestBundle, held: Map<string, Span[]>): boolean {
  return bundle.header.ranges.some((r) => (held.get(r.deviceId) ?? []).some((s) => r.from <= s.to && s.from <= r.to));
}

/**
 * The bundle's events into `events`, each exactly once (event ids are keys): how many it adds, and their
 * aggregate deltas. A
 * bundle of sequence numbers the county has never held (the usual case) goes in with one COPY; if one
 * of its ids is held all the same (a device that numbered an event twice), or the bundle overlaps what
 * is held (a replay, a resend after a lost receipt), its rows are staged and inserted where new.
 */
async function insertEvents(tx: CountyQueries, bundle: IngestBundle, held: Map<string, Span[]>): Promise<{ added: number; deltas: Deltas }> {
  const { rows, deltas } = bundle.events;
  const count = bundle.header.events;
  if (!overlaps(bundle, held)) {
    await tx.exec('SAVEPOINT all_new');
    try {
      await tx.copy('events', EVENT_TABLE_COLUMNS, rows);
      await tx.exec('RELEASE SAVEPOINT all_new');
      return { added: count, deltas };
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error; // unique_violation: some are held
      await tx.exec('ROLLBACK TO SAVEPOINT all_new');
    }
  }
  await tx.exec('CREATE TEMP TABLE in_events (LIKE events) ON COMMIT DROP');
  await tx.copy('in_events', EVENT_TABLE_COLUMNS, rows);
  const added = new Set((await tx.query<{ id: string }>(`INSERT INTO events SELECT * FROM in_events ON CONFLICT DO NOTHING RETURNING id`)).map((r) => r.id));
  if (added.size === count) return { added: count, deltas };
  return { added: added.size, deltas: deltasOf([...eventsOf(rows)].filter((e) => added.has(e.id))) };
}

/** Each of the school's devices' held device_seq ranges (merged). */
async function heldRanges(tx: CountyQueries, school: string): Promise<Map<string, Span[]>> {
  const held = new Map<string, Span[]>();
  for (const r of await tx.query<{ device_id: string; from_seq: number; to_seq: number }>('SELECT device_id, from_seq, to_seq FROM device_ranges WHERE school_id = $1 ORDER BY device_id, from_seq', [school])) {
    held.set(r.device_id, [...(held.get(r.device_id) ?? []), { from: r.from_seq, to: r.to_seq }]);
  }
  return held;
}

/** Add the header's ranges to each device's held ranges; answer every device of the school's watermark and gaps. */
async function updateDevices(tx: CountyQueries, bundle: IngestBundle, held: Map<string, Span[]>, now: Date): Promise<Pick<Receipt, 'watermarks' | 'gaps'>> {
  const school = bundle.header.schoolKeyId;
  const incoming = new Map<string, Span[]>();
  for (const r of bundle.header.ranges) incoming.set(r.deviceId, [...(incoming.get(r.deviceId) ?? []), { from: r.from, to: r.to }]);
  const changed = [...incoming].map(([device, spans]) => ({ device, spans: mergeSpans([...(held.get(device) ?? []), ...spans]) }));
  for (const { device, spans } of changed) held.set(device, spans);
  if (changed.length > 0) {
    const devices = changed.map(({ device, spans }) => ({ device_id: device, through: throughOf(spans), max_seq: spans[spans.length - 1]?.to ?? 0 }));
    await tx.query(
      `INSERT INTO devices AS t (school_id, device_id, through, max_seq, last_bundle_at)
       SELECT $1, d.device_id, d.through, d.max_seq, $2 FROM json_to_recordset($3::json) AS d(device_id text, through bigint, max_seq bigint)
       ON CONFLICT (school_id, device_id) DO UPDATE SET through = excluded.through, max_seq = excluded.max_seq, last_bundle_at = excluded.last_bundle_at`,
      [school, now, JSON.stringify(devices)],
    );
    await tx.query('DELETE FROM device_ranges WHERE school_id = $1 AND device_id = ANY($2::text[])', [school, changed.map((c) => c.device)]);
    const spans = changed.flatMap(({ device, spans }) => spans.map((s) => ({ device_id: device, from_seq: s.from, to_seq: s.to })));
    await tx.query(
      `INSERT INTO device_ranges (school_id, device_id, from_seq, to_seq) SELECT $1, r.device_id, r.from_seq, r.to_seq FROM json_to_recordset($2::json) AS r(device_id text, from_seq bigint, to_seq bigint)`,
      [school, JSON.stringify(spans)],
    );
  }
  const devices = [...held.keys()].sort();
  return {
    watermarks: devices.map((deviceId) => ({ deviceId, through: throughOf(held.get(deviceId) ?? []) })),
    gaps: devices.flatMap((deviceId) => gapsOf(held.get(deviceId) ?? []).map((g) => ({ deviceId, ...g }))),
  };
}

async function recordBundle(tx: CountyQueries, bundle: IngestBundle, now: Date, added: number): Promise<void> {
  const { schoolKeyId, createdAt } = bundle.header;
  const again = bundle.header.events - added;
  await tx.query(
    `INSERT INTO bundles AS t (chain, school_id, school_clock, first_received_at, last_received_at, events, added, again) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)
     ON CONFLICT (chain) DO UPDATE SET last_received_at = excluded.last_received_at, times = t.times + 1`,
    [bundle.chain, schoolKeyId, createdAt, now, bundle.header.events, added, again],
  );
  await tx.query('UPDATE schools SET last_bundle_at = $2, last_school_clock = $3, bundles = bundles + 1, events = events + $4 WHERE school_id = $1', [schoolKeyId, now, createdAt, added]);
}

/**
 * Ingest one verified bundle (its chain, signature and consistency were checked whole by readBundle) in one
 * transaction: exactly once (event ids are keys; each device's held ranges are kept), in any order,
 * gaps accepted and reported. Answers the county-signed receipt the school imports.
 */
export async function ingest(db: CountyDb, key: CountyKey, bundle: IngestBundle, now = new Date()): Promise<Receipt> {
  const school = bundle.header.schoolKeyId;
  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
    const known = await tx.query('SELECT 1 FROM schools WHERE school_id = $1', [school]);
    // readBundle checked the key; the school may have been removed since.
    if (known.length === 0) throw unknownSchool(school);
    const held = await heldRanges(tx, school);
    // The same bundle again (same chain: the same lines): all its events are held; nothing to add.
    const seen = (await tx.query('SELECT 1 FROM bundles WHERE chain = $1 AND school_id = $2', [bundle.chain, school])).length > 0;
    // A month's partition is made when the county's clock reaches it, replays included.
    await ensurePartitions(tx, bundle.events.months, now);
    let added = 0;
    if (!seen) {
      await upsertPupils(tx, bundle, now);
      const fresh = await insertEvents(tx, bundle, held);
      await addToAggregates(tx, school, fresh.deltas);
      added = fresh.added;
    }
    const marks = await updateDevices(tx, bundle, held, now);
    await recordBundle(tx, bundle, now, added);
    return { added, ...marks };
  });
  const { added, watermarks, gaps } = result;
  return signReceipt({ schoolKeyId: school, bundleChain: bundle.chain, receivedAt: now.toISOString(), added, again: bundle.header.events - added, watermarks, gaps }, key.privateKeyPem);
}
