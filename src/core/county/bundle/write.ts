import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import { BUNDLE_FORMAT, type BundleEvent, type BundleHeader, type BundlePupil, type BundleTrailer, type SeqRange } from '../../../shared/county/bundle';
import { writeStreamAtomic } from '../../fs/atomic';
import { EVENT_COLUMNS, type StoredEvent } from '../../progress/store';
import { APP_VERSION } from '../../version';
import { recordSent, UNACKNOWLEDGED } from './acknowledged';
import { signChain, startChain } from './chain';
import type { SchoolIdentity } from './identity';

export interface BundleOptions {
  /** Shown to the county next to the key id (machine config schoolName). */
  schoolName?: string;
  /** Send class names too (machine config county.sendClassNames; off by default). */
  classNames?: boolean;
  now?: () => number;
}

export interface BundleSummary {
  events: number;
  pupils: number;
  ranges: SeqRange[];
  chain: string;
}

type Row = StoredEvent & { device_seq: number };

/**
 * What goes to the county: per device, every event the county has not acknowledged (acknowledged.ts), its
 * pupils as pseudonyms with grade and class pseudonym (class name only if opted in). Names, pictures
 * and picture passwords are never read here; a saved place's half-done step (position events' answer)
 * stays at school. Read in one statement, so the bundle is one consistent snapshot.
 */
function collect(db: Database.Database, id: SchoolIdentity, options: BundleOptions) {
  const rows = db.prepare<[], Row>(`SELECT ${EVENT_COLUMNS.map((c) => 'e.' + c).join(', ')} FROM ${UNACKNOWLEDGED} ORDER BY e.device_id, e.device_seq, e.id`).all();
  const classOf = new Map(
    db
      .prepare<[], { id: string; class_id: string; grade: number | null; class_name: string }>('SELECT p.id, p.class_id, c.grade, c.name AS class_name FROM pupils p JOIN classes c ON c.id = p.class_id')
      .all()
      .map((p) => [p.id, p]),
  );
  const pupils = new Map<string, BundlePupil>();
  // Each run of consecutive numbers is its own range: a hole (numbers this PC never got) is not claimed.
  const ranges: SeqRange[] = [];
  const events: BundleEvent[] = rows.map((row) => {
    if (!pupils.has(row.pupil_id)) {
      const p = classOf.get(row.pupil_id);
      pupils.set(row.pupil_id, {
        t: 'pupil',
        id: id.pseudonym('pupil', row.pupil_id),
        grade: p?.grade ?? null,
        classId: p ? id.pseudonym('class', p.class_id) : null,
        ...(options.classNames && p ? { className: p.class_name } : {}),
      });
    }
    const range = ranges.at(-1);
    if (range?.deviceId === row.device_id && row.device_seq <= range.to + 1) range.to = Math.max(range.to, row.device_seq);
    else ranges.push({ deviceId: row.device_id, from: row.device_seq, to: row.device_seq });
    const pupilId = (pupils.get(row.pupil_id) as BundlePupil).id; // one HMAC per pupil, not per event
    const { device_seq, ...fields } = row;
    const correct = row.correct === null ? null : row.correct ? 1 : 0;
    return { t: 'event', ...fields, pupil_id: pupilId, correct, answer_json: row.kind === 'position' ? null : row.answer_json, device_seq };
  });
  const header: BundleHeader = {
    t: 'kbundle',
    format: BUNDLE_FORMAT,
    schoolKeyId: id.publicKey.keyId,
    ...(options.schoolName ? { schoolName: options.schoolName } : {}),
    createdAt: new Date((options.now ?? Date.now)()).toISOString(),
    appVersion: APP_VERSION,
    ranges,
    events: events.length,
  };
  return { header, pupils: [...pupils.values()], events };
}

/** The bundle's lines (each with its newline), chained and signed as they go; `summary` is filled at the end. */
function bundleLines(db: Database.Database, id: SchoolIdentity, options: BundleOptions): { lines: Generator<string>; summary: BundleSummary } {
  const { header, pupils, events } = collect(db, id, options);
  const summary: BundleSummary = { events: events.length, pupils: pupils.length, ranges: header.ranges, chain: '' };
  function* lines(): Generator<string> {
    const headerLine = JSON.stringify(header);
    const chain = startChain(headerLine);
    yield headerLine + '\n';
    for (const item of [...pupils, ...events]) {
      const line = JSON.stringify(item);
      chain.add(line);
      yield line + '\n';
    }
    summary.chain = chain.hex();
    const trailer: BundleTrailer = { t: 'end', events: events.length, chain: summary.chain, ...signChain(summary.chain, id.privateKeyPem) };
    yield JSON.stringify(trailer) + '\n';
  }
  return { lines: lines(), summary };
}

/** Lines joined into chunks of about 64 KB: gzip works per chunk, and one call per line is slow. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Write a .kbundle of everything the county has not acknowledged: a temp file beside it, fsync, rename.
 * What it carries is remembered until its receipt comes back (by USB, maybe days later).
 */
export async function writeBundle(db: Database.Database, id: SchoolIdentity, out: string, options: BundleOptions = {}): Promise<BundleSummary> {
  const { lines, summary } = bundleLines(db, id, options);
  await writeStreamAtomic(out, Readable.from(chunked(lines)), zlib.createGzip());
  recordSent(db, summary.chain, summary.ranges, (options.now ?? Date.now)());
  return summary;
}

/** The same bundle in memory (a push's request body). A push remembers what it sent only once the county answered (index.ts). */
export async function bundleBytes(db: Database.Database, id: SchoolIdentity, options: BundleOptions = {}): Promise<{ bytes: Buffer; summary: BundleSummary }> {
  const { lines, summary } = bundleLines(db, id, options);
  const chunks: Buffer[] = [];
  await pipeline(Readable.from(chunked(lines)), zlib.createGzip(), async (gzipped: AsyncIterable<Buffer>) => {
    for await (const chunk of gzipped) chunks.push(chunk);
  });
  return { bytes: Buffer.concat(chunks), summary };
}
