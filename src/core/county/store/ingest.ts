import type { Receipt, VerifiedBundle } from '../../../shared/county/bundle';
import { signReceipt } from '../bundle/receipt';
import type { CountyDb, CountyQueries } from './db';
import type { CountyKey } from './key';
import { unknownSchool } from './schools';
import { addToAggregates, moveGrades } from './aggregates';
import { ensurePartitions } from './partitions';
import { gapsOf, mergeSpans, throughOf, type Span } from './ranges';

/** pg_advisory_xact_lock key: ingests run one at a time (they share partitions and a school's devices). */
const INGEST_LOCK = 18_002;

const EVENT_COLUMNS = ['id', 'device_id', 'device_seq', 'pupil_id', 'kind', 'pack_id', 'pack_version', 'lesson_id', 'step_id', 'activity_type', 'answer_json', 'correct', 'hints_used', 'time_ms', 'score', 'stars', 'at'];

async function upsertPupils(tx: CountyQueries, bundle: VerifiedBundle, now: Date): Promise<void> {
  const school = bundle.header.schoolKeyId;
  const clock = bundle.header.createdAt;
  await tx.exec('CREATE TEMP TABLE in_pupils (pupil_id text PRIMARY KEY, grade smallint, class_id text, class_name text) ON COMMIT DROP');
  await tx.query(
    `INSERT INTO in_pupils SELECT p.id, p.grade, p."classId", p."className" FROM json_to_recordset($1::json) AS p(id text, grade smallint, "classId" text, "className" text) ON CONFLICT DO NOTHING`,
    [JSON.stringify(bundle.pupils)],
  );
  // A newer bundle's grade wins; a late older bundle changes nothing.
  await tx.exec('CREATE TEMP TABLE moved (pupil_id text PRIMARY KEY, old_grade smallint, new_grade smallint) ON COMMIT DROP');
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
  const ids = [...new Set(bundle.events.map((e) => e.pupil_id))];
  await tx.query(
    `INSERT INTO pupils (school_id, pupil_id, first_seen_at, school_clock) SELECT $1, id, $2, '-infinity' FROM unnest($3::text[]) AS id ON CONFLICT DO NOTHING`,
    [school, now, ids],
  );
}

/** What the aggregates read of the events this ingest added (temp table `fresh`). */
const FRESH = ['id', 'pupil_id', 'kind', 'pack_id', 'lesson_id', 'step_id', 'correct', 'stars', 'at'];

/** Events go in by slices: memory stays bounded for a school's biggest bundle. */
const SLICE = 5000;

async function insertEvents(tx: CountyQueries, bundle: VerifiedBundle): Promise<number> {
  await tx.exec(`CREATE TEMP TABLE fresh (${FRESH.map((c) => `${c} ${c === 'at' ? 'timestamptz' : c === 'correct' || c === 'stars' ? 'smallint' : 'text'}`).join(', ')}) ON COMMIT DROP`);
  let added = 0;
  for (let at = 0; at < bundle.events.length; at += SLICE) {
    const rows = await tx.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO events (school_id, ${EVENT_COLUMNS.join(', ')})
         SELECT $1, ${EVENT_COLUMNS.map((c) => `e.${c}`).join(', ')} FROM json_populate_recordset(null::events, $2::json) e
         ON CONFLICT DO NOTHING RETURNING ${FRESH.join(', ')})
       , kept AS (INSERT INTO fresh SELECT * FROM ins RETURNING 1)
       SELECT count(*)::int AS n FROM kept`,
      [bundle.header.schoolKeyId, JSON.stringify(bundle.events.slice(at, at + SLICE))],
    );
    added += rows[0]?.n ?? 0;
  }
  return added;
}

/** Add the header's ranges to each device's held ranges; answer every device of the school's watermark and gaps. */
async function updateDevices(tx: CountyQueries, bundle: VerifiedBundle, now: Date): Promise<Pick<Receipt, 'watermarks' | 'gaps'>> {
  const school = bundle.header.schoolKeyId;
  const incoming = new Map<string, Span[]>();
  for (const r of bundle.header.ranges) incoming.set(r.deviceId, [...(incoming.get(r.deviceId) ?? []), { from: r.from, to: r.to }]);
  const held = new Map<string, Span[]>();
  for (const r of await tx.query<{ device_id: string; from_seq: number; to_seq: number }>('SELECT device_id, from_seq, to_seq FROM device_ranges WHERE school_id = $1', [school])) {
    held.set(r.device_id, [...(held.get(r.device_id) ?? []), { from: r.from_seq, to: r.to_seq }]);
  }
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

async function recordBundle(tx: CountyQueries, bundle: VerifiedBundle, now: Date, added: number): Promise<void> {
  const { schoolKeyId, createdAt } = bundle.header;
  const again = bundle.events.length - added;
  await tx.query(
    `INSERT INTO bundles AS t (chain, school_id, school_clock, first_received_at, last_received_at, events, added, again) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)
     ON CONFLICT (chain) DO UPDATE SET last_received_at = excluded.last_received_at, times = t.times + 1`,
    [bundle.chain, schoolKeyId, createdAt, now, bundle.events.length, added, again],
  );
  await tx.query('UPDATE schools SET last_bundle_at = $2, last_school_clock = $3, bundles = bundles + 1, events = events + $4 WHERE school_id = $1', [schoolKeyId, now, createdAt, added]);
}

/**
 * Ingest one verified bundle (its chain, signature and consistency were checked whole by readBundle) in one
 * transaction: exactly once (event ids are keys; each device's held ranges are kept), in any order,
 * gaps accepted and reported. Answers the county-signed receipt the school imports.
 */
export async function ingest(db: CountyDb, key: CountyKey, bundle: VerifiedBundle, now = new Date()): Promise<Receipt> {
  const school = bundle.header.schoolKeyId;
  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
    const known = await tx.query('SELECT 1 FROM schools WHERE school_id = $1', [school]);
    // readBundle checked the key; the school may have been removed since.
    if (known.length === 0) throw unknownSchool(school);
    await upsertPupils(tx, bundle, now);
    await ensurePartitions(tx, new Set(bundle.events.map((e) => e.at.slice(0, 7) + '-01T00:00:00Z')), now);
    const added = await insertEvents(tx, bundle);
    await addToAggregates(tx, school);
    const marks = await updateDevices(tx, bundle, now);
    await recordBundle(tx, bundle, now, added);
    return { added, ...marks };
  });
  const { added, watermarks, gaps } = result;
  return signReceipt({ schoolKeyId: school, bundleChain: bundle.chain, receivedAt: now.toISOString(), added, again: bundle.events.length - added, watermarks, gaps }, key.privateKeyPem);
}
