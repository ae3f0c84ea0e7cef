import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BUNDLE_FORMAT, BundleEvent, BundleHeader, BundlePupil, BundleTrailer, type SeqRange, type VerifiedBundle } from '../../../shared/county/bundle';
import { KiteError, type ErrorCode } from '../../../shared/errors';
import type { PublisherKey } from '../../packs/signing';
import { chainSignedBy, startChain } from './chain';
import { fastCheck } from './fast-check';
import { hasLesson } from '../../../shared/progress-event';

/** The county's registered key for a school key id, or undefined for a school it does not know. */
export type BundleTrust = (schoolKeyId: string) => PublisherKey | undefined | Promise<PublisherKey | undefined>;

/** No line of a bundle is near this long (an event is at most a few KB): a longer one is damage, not data. */
const MAX_LINE = 1 << 20;

const refuse = (code: ErrorCode, message: string, details: Record<string, string | number> = {}) => new KiteError(code, `${message} Nothing was changed.`, { details });

/** A gzip error says where the file went wrong: cut short, or never gzip at all. */
function gzipError(error: unknown, lineNo: number): KiteError {
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new KiteError('path_not_found', `There is no file ${(error as NodeJS.ErrnoException).path ?? ''}.`, { details: { path: String((error as NodeJS.ErrnoException).path ?? '') } });
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String((error as Error).message))) return refuse('bundle_truncated', 'The bundle is incomplete (cut off while copying?).');
  if (lineNo === 0) return refuse('bundle_not_ours', 'This is not a county bundle (.kbundle).');
  return refuse('bundle_damaged', `The bundle is damaged after line ${lineNo} (${code || String(error)}).`, { line: lineNo + 1 });
}

/** Whole lines as they came out of gunzip: bytes[start, ends[0]), then up to each next end ('\n' not included). */
interface LineBatch {
  bytes: Buffer;
  start: number;
  ends: number[];
}

const NEWLINE = 10; // never a byte inside a multi-byte UTF-8 character, so lines are cut on bytes

/**
 * The bundle's lines, decompressed as they stream (a cut-off or damaged gzip is an error at the point it
 * shows), a chunk's worth at a time: one await per chunk, not per line (a county reads millions). Lines
 * stay bytes until each is read: the hash chain takes them as they are, and no chunk becomes one long
 * string (64 KB chunks as text were large objects only a full collection frees).
 */
async function* lineBatchesOf(source: Readable): AsyncGenerator<LineBatch> {
  const gunzip = zlib.createGunzip({ chunkSize: 64 * 1024 });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let rest: Buffer | undefined; // the start of a line the chunk cut
  let n = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      if (rest) {
        const end = chunk.indexOf(NEWLINE);
        if (end < 0) {
          rest = Buffer.concat([rest, chunk]);
          if (rest.length > MAX_LINE) throw refuse('bundle_damaged', `Line ${n + 1} of the bundle is far too long.`, { line: n + 1 });
          continue;
        }
        const line = Buffer.concat([rest, chunk.subarray(0, end)]);
        rest = undefined;
        n += 1;
        yield { bytes: line, start: 0, ends: [line.length] };
        start = end + 1;
      }
      const ends: number[] = [];
      for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, end + 1)) ends.push(end);
      const tail = ends.length > 0 ? (ends[ends.length - 1] as number) + 1 : start;
      if (tail < chunk.length) rest = chunk.subarray(tail);
      n += ends.length;
      if (ends.length > 0) yield { bytes: chunk, start, ends };
    }
  } catch (error) {
    throw gzipError(error, n);
  } finally {
    source.destroy();
  }
  if (rest) yield { bytes: rest, start: 0, ends: [rest.length] }; // a last line without its newline: checked like any other
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerOf(text: string | undefined): BundleHeader {
  const raw = json(text ?? '') as { t?: unknown; format?: unknown } | undefined;
  if (!raw || typeof raw !== 'object' || raw.t !== 'kbundle') throw refuse('bundle_not_ours', 'This is not a county bundle (.kbundle).');
  if (typeof raw.format === 'number' && raw.format > BUNDLE_FORMAT) {
    throw refuse('bundle_too_new', `The bundle was made by a newer Kite Classroom (format ${raw.format}, this one reads ${BUNDLE_FORMAT}).`, { format: raw.format });
  }
  const parsed = BundleHeader.safeParse(raw);
  if (!parsed.success) throw refuse('bundle_damaged', `Line 1 of the bundle is damaged (${parsed.error.issues[0]?.message ?? 'unreadable'}).`, { line: 1 });
  return parsed.data;
}

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

/** Event lines are most of a bundle: checked by the schema compiled (fast-check.ts) when a bundle is first read. */
let eventCheck: ((raw: unknown) => Parsed<BundleEvent>) | undefined;
const checkEvent = (raw: unknown) => (eventCheck ??= fastCheck(BundleEvent, [hasLesson]))(raw);

function parseLine<T>(schema: { safeParse(v: unknown): Parsed<T> } | ((v: unknown) => Parsed<T>), raw: unknown, n: number): T {
  const parsed = typeof schema === 'function' ? schema(raw) : schema.safeParse(raw);
  if (!parsed.success) throw refuse('bundle_damaged', `Line ${n} of the bundle is damaged (${parsed.error.issues[0]?.message ?? 'unreadable'}).`, { line: n });
  return parsed.data;
}

const sourceOf = (input: string | Buffer | Readable): Readable =>
  typeof input === 'string' ? fs.createReadStream(input) : Buffer.isBuffer(input) ? Readable.from([input]) : input;

/** What a reader keeps of a bundle's events, one at a time, once each is checked: all of them, or a fold. */
export interface EventCollector<Events> {
  add(event: BundleEvent): void;
  done(): Events;
}

const keepAll = (): EventCollector<BundleEvent[]> => {
  const events: BundleEvent[] = [];
  return { add: (e) => events.push(e), done: () => events };
};

/**
 * Read a .kbundle and check it whole before anyone writes anything: its school is registered (trust),
 * every line is well formed, the hash chain over the lines matches the trailer, the trailer's count is
 * the number of events, and the school's Ed25519 key signed the chain. Any fault throws a KiteError
 * (bundle_not_ours, _too_new, _damaged, _truncated, _tampered, _unknown_school, _bad_signature).
 */
export function readBundle(input: string | Buffer | Readable, trust: BundleTrust): Promise<VerifiedBundle> {
  return readBundleInto(input, trust, keepAll);
}

/**
 * readBundle, handing each event to a collector as soon as its line is checked instead of keeping them
 * all (a county reads bundles of ~60 k events; the store keeps them as COPY text). The collector's result
 * is the bundle's `events`; it is only used once the whole bundle is verified.
 */
export async function readBundleInto<Events>(input: string | Buffer | Readable, trust: BundleTrust, collector: (header: BundleHeader) => EventCollector<Events>): Promise<VerifiedBundle<Events>> {
  const batches = lineBatchesOf(sourceOf(input));
  try {
    return await readLines(batches, trust, collector);
  } finally {
    await batches.return(undefined); // a refusal before the end closes the file too
  }
}

async function readLines<Events>(batches: AsyncGenerator<LineBatch>, trust: BundleTrust, collector: (header: BundleHeader) => EventCollector<Events>): Promise<VerifiedBundle<Events>> {
  const first = await batches.next();
  const batch = first.done ? undefined : first.value;
  const headerEnd = batch?.ends[0] ?? 0;
  const headerLine = batch ? batch.bytes.toString('utf8', batch.start, headerEnd) : undefined;
  const header = headerOf(headerLine);
  const key = await trust(header.schoolKeyId);
  if (!key) throw refuse('bundle_unknown_school', `The bundle comes from a school whose key ${header.schoolKeyId} is not registered.`, { keyId: header.schoolKeyId });
  const chain = startChain(headerLine as string);
  const pupils: BundlePupil[] = [];
  const events = collector(header);
  const sound = soundEvents(header, pupils);
  let trailer: BundleTrailer | undefined;
  let n = 1;
  const take = (bytes: Buffer, start: number, end: number) => {
    n += 1;
    if (end === start) return;
    if (trailer) throw refuse('bundle_tampered', `The bundle goes on after its end (line ${n}).`, { line: n });
    const raw = json(bytes.toString('utf8', start, end)) as { t?: unknown } | undefined;
    if (raw?.t === 'end') trailer = parseLine(BundleTrailer, raw, n);
    else if (raw?.t === 'pupil' && sound.count === 0) pupils.push(parseLine(BundlePupil, raw, n));
    else if (raw?.t === 'event') {
      const event = parseLine(checkEvent, raw, n);
      if (sound.check(event, n)) events.add(event);
    }
    else throw refuse('bundle_damaged', `Line ${n} of the bundle is damaged.`, { line: n });
    if (!trailer) chain.addBytes(bytes, start, end);
  };
  const takeAll = ({ bytes, start, ends }: LineBatch, from: number) => {
    for (let i = from; i < ends.length; i++) {
      const end = ends[i] as number;
      take(bytes, start, end);
      start = end + 1;
    }
  };
  if (batch) takeAll({ ...batch, start: headerEnd + 1 }, 1);
  for await (const next of batches) takeAll(next, 0);
  if (!trailer) throw refuse('bundle_truncated', 'The bundle is incomplete: it has no end line (cut off while copying?).');
  if (trailer.events !== sound.count || header.events !== sound.count) {
    throw refuse('bundle_tampered', `The bundle says it holds ${trailer.events} events but holds ${sound.count}.`, { line: n });
  }
  if (trailer.chain !== chain.hex()) throw refuse('bundle_tampered', 'The bundle was changed after it was signed: its hash chain does not match.', { line: n });
  if (trailer.keyId !== key.keyId || !chainSignedBy(trailer.chain, trailer.signature, key)) {
    throw refuse('bundle_bad_signature', `The bundle's signature does not match the school's registered key ${key.keyId}.`, { keyId: key.keyId });
  }
  if (sound.fault) throw sound.fault;
  return { header, pupils, events: events.done(), chain: trailer.chain };
}

/**
 * Signed, but also sound, checked event by event: every event's pupil is in the bundle (pupil lines come
 * first), its seq is in its device's range, no event twice. The first fault is kept, and thrown only if
 * the chain and signature hold (a changed line is tampering first).
 */
function soundEvents(header: BundleHeader, pupils: readonly BundlePupil[]) {
  let known: Set<string> | undefined;
  // A device may have several ranges (a hole the school never got is not claimed).
  const ranges = new Map<string, SeqRange[]>();
  for (const r of header.ranges) ranges.set(r.deviceId, [...(ranges.get(r.deviceId) ?? []), r]);
  // Events come in runs of one device and one pupil: their lookups are kept while the run lasts.
  let device = { id: '\0', ranges: [] as SeqRange[] };
  let pupil = '\0';
  const knownPupil = (id: string) => {
    if (id === pupil) return true;
    known ??= new Set(pupils.map((p) => p.id));
    if (!known.has(id)) return false;
    pupil = id;
    return true;
  };
  const inRange = (e: BundleEvent) => {
    if (e.device_id !== device.id) device = { id: e.device_id, ranges: ranges.get(e.device_id) ?? [] };
    for (const r of device.ranges) if (e.device_seq >= r.from && e.device_seq <= r.to) return true;
    return false;
  };
  const ids = new Set<string>();
  const sound = {
    count: 0,
    fault: undefined as KiteError | undefined,
    /** Is the event sound (and the bundle so far)? */
    check(e: BundleEvent, line: number): boolean {
      sound.count += 1;
      if (sound.fault) return false;
      const before = ids.size;
      ids.add(e.id);
      const fault = !knownPupil(e.pupil_id) ? 'names a pupil the bundle does not hold' : !inRange(e) ? "is outside its device's ranges" : ids.size === before ? 'is in it twice' : '';
      if (fault) sound.fault = refuse('bundle_damaged', `Event ${e.id} (line ${line}) of the bundle ${fault}.`, { line });
      return !fault;
    },
  };
  return sound;
}
