import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { KiteError } from '../../shared/errors';
import { isDiskFull } from '../fs/disk';
import { packEntryProblem } from '../../shared/pack/files';
import { fsyncFile } from '../fs/atomic';

/** Limits that hold whatever a zip's headers claim: counted on the bytes as they come out. */
export interface UnzipLimits {
  /** Total bytes all entries may unpack to. */
  maxTotalBytes: number;
  /** Bytes one entry may unpack to per compressed byte (zip bombs reach 1000× and more). */
  maxRatio: number;
  /** Entries below this size may have any ratio (tiny JSON compresses well). */
  ratioFreeBytes: number;
  maxEntries: number;
  /** manifest.json and signature.json are read into memory: they must be small. */
  maxManifestBytes: number;
}

export const DEFAULT_LIMITS: UnzipLimits = {
  maxTotalBytes: 8 * 2 ** 30,
  maxRatio: 100,
  ratioFreeBytes: 1 * 2 ** 20,
  maxEntries: 20_000,
  maxManifestBytes: 1 * 2 ** 20,
};

export interface ExtractedFile {
  size: number;
  sha256: string;
}

export interface Extracted {
  manifestBytes: Buffer;
  signatureBytes?: Buffer;
  /** Every other file, by its path in the pack, as written to the staging folder. */
  files: Map<string, ExtractedFile>;
  totalBytes: number;
}

export interface ExtractOptions {
  limits?: Partial<UnzipLimits>;
  signal?: AbortSignal;
  /** Bytes unpacked so far and the total the headers announce (for a progress bar only; never trusted). */
  onProgress?: (done: number, announcedTotal: number) => void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Why an entry name is unsafe, or undefined when it is fine. The same rules as AssetPath:
 * relative, forward slashes, no `.`/`..` parts, no drive letters, no control characters.
 */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\\')) return 'uses a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'starts with a drive letter';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'climbs out of the pack with ..';
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or . part';
  return undefined;
}

/**
 * Stream a .kpack into `stagingDir`, one entry at a time (nothing is buffered whole but the small
 * manifest and signature), hashing every file as it is written and enforcing the limits on the
 * bytes actually produced. Throws a KiteError naming the problem; the caller removes the staging.
 */
export async function extractPack(zipPath: string, stagingDir: string, options: ExtractOptions = {}): Promise<Extracted> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zip = await openZip(zipPath);
  const abort = () => zip.close();
  options.signal?.addEventListener('abort', abort);
  try {
    if (zip.entryCount > limits.maxEntries) throw new KiteError('pack_too_large', `The pack has ${zip.entryCount} files; at most ${limits.maxEntries} are allowed.`);
    const seen = new Set<string>();
    const files = new Map<string, ExtractedFile>();
    let manifestBytes: Buffer | undefined;
    let signatureBytes: Buffer | undefined;
    let totalBytes = 0;
    let announcedTotal = 0;
    const entries = await listEntries(zip);
    for (const entry of entries) announcedTotal += entry.uncompressedSize;
    const clash = fileFolderClash(entries.map(decodeName));
    if (clash) throw new KiteError('pack_path_clash', `The pack has "${clash}" both as a file and as a folder.`, { details: { entry: clash } });

    for (const entry of entries) {
      throwIfAborted(options.signal);
      const name = decodeName(entry);
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw new KiteError('pack_unsafe_entry', `The entry "${name}" ${unsafe}.`, { details: { entry: name } });
      const refused = packEntryProblem(name);
      if (refused) throw new KiteError(refused.code, `The entry "${name}" ${refused.message}.`, { details: { entry: name } });
      // Case-insensitive: on Windows two names differing in case are the same file.
      const key = name.replace(/\/$/, '').toLowerCase();
      if (seen.has(key)) throw new KiteError('pack_duplicate_entry', `The entry "${name}" appears twice.`, { details: { entry: name } });
      seen.add(key);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) throw new KiteError('pack_symlink', `The entry "${name}" is a symbolic link.`, { details: { entry: name } });
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new KiteError('pack_not_zip', `The entry "${name}" is encrypted.`, { details: { entry: name } });
      if (!entry.canDecodeFileData()) throw new KiteError('pack_not_zip', `The entry "${name}" uses an unsupported compression method (${entry.compressionMethod}).`, { details: { entry: name } });

      const isMeta = name === 'manifest.json' || name === 'signature.json';
      if (isMeta && entry.uncompressedSize > limits.maxManifestBytes) throw tooLargeMeta(name, limits);
      // Early refusal on what the headers admit; the counting below catches headers that lie.
      // (manifest and signature are bounded by maxManifestBytes instead, checked above and as they are read.)
      const allowed = isMeta ? limits.maxManifestBytes : Math.max(limits.ratioFreeBytes, entry.compressedSize * limits.maxRatio);
      if (entry.uncompressedSize > allowed || totalBytes + entry.uncompressedSize > limits.maxTotalBytes) throw bomb(name, limits);

      const budget = { entry: allowed, total: limits.maxTotalBytes - totalBytes };
      const stream = await openStream(zip, entry);
      const overLimit = (what: 'entry' | 'total') => (isMeta && what === 'entry' ? tooLargeMeta(name, limits) : bomb(name, limits));
      const counter = new CountingHash(budget, overLimit, (n) => {
        options.onProgress?.(totalBytes + n, announcedTotal);
      });

      if (isMeta) {
        // The counter refuses one byte too many. (A throw from this last step would not do: Node 20's
        // pipeline then rejects with an AbortError from the counter, not the error thrown.)
        const chunks: Buffer[] = [];
        await pipeline(stream, counter, async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) chunks.push(chunk);
        });
        if (name === 'manifest.json') manifestBytes = Buffer.concat(chunks);
        else signatureBytes = Buffer.concat(chunks);
      } else {
        const target = path.join(stagingDir, ...name.split('/'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        await writeDurably(target, stream, counter, options.signal);
        files.set(name, { size: counter.bytes, sha256: counter.digest() });
      }
      totalBytes += counter.bytes;
    }
    throwIfAborted(options.signal);
    if (!manifestBytes) throw new KiteError('pack_bad_manifest', 'The pack has no manifest.json.', { details: { message: 'manifest.json is missing' } });
    return { manifestBytes, signatureBytes, files, totalBytes };
  } catch (error) {
    throw translate(error, options.signal);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    zip.close();
  }
}

/** Counts and hashes bytes as they pass, and stops the stream the moment a limit is crossed. */
class CountingHash extends Transform {
  bytes = 0;
  private readonly hash = crypto.createHash('sha256');
  private lastReport = 0;

  constructor(
    private readonly budget: { entry: number; total: number },
    private readonly overLimit: (what: 'entry' | 'total') => KiteError,
    private readonly report: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.budget.entry) return callback(this.overLimit('entry'));
    if (this.bytes > this.budget.total) return callback(this.overLimit('total'));
    this.hash.update(chunk);
    if (this.bytes - this.lastReport >= 4 * 2 ** 20) {
      this.lastReport = this.bytes;
      this.report(this.bytes);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.report(this.bytes);
    callback();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Write, fsync, close: a file in staging is on disk before it is renamed into place. */
async function writeDurably(target: string, source: NodeJS.ReadableStream, through: Transform, signal?: AbortSignal): Promise<void> {
  await pipeline(source, through, fs.createWriteStream(target, { flags: 'wx', mode: 0o644, highWaterMark: 1 << 20 }), { signal });
  fsyncFile(target);
}

function tooLargeMeta(name: string, limits: UnzipLimits): KiteError {
  const message = `${name} is larger than ${limits.maxManifestBytes} bytes`;
  return new KiteError('pack_bad_manifest', `${message}.`, { details: { message } });
}

function bomb(name: string, limits: UnzipLimits): KiteError {
  return new KiteError(
    'pack_too_large',
    `The entry "${name}" unpacks to more than ${limits.maxRatio} times its packed size, or the pack to more than ${Math.round(limits.maxTotalBytes / 2 ** 20)} MB in all (a zip bomb?).`,
    { details: { entry: name } },
  );
}

/** A name that is a file and also the folder of other entries (case-insensitive, as on Windows), or undefined. */
function fileFolderClash(names: string[]): string | undefined {
  const files = new Map(names.filter((n) => !n.endsWith('/')).map((n) => [n.toLowerCase(), n]));
  for (const name of names) {
    const parts = name.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = files.get(parts.slice(0, i).join('/').toLowerCase());
      if (folder !== undefined) return folder;
    }
  }
  return undefined;
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw as Buffer;
  return raw.toString('utf8');
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new KiteError('import_cancelled', 'The import was cancelled.');
}

/** Turn library and system errors into the pack errors a teacher can act on. */
function translate(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return new KiteError('import_cancelled', 'The import was cancelled.');
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (isDiskFull(error)) return new KiteError('disk_full', 'The disk is full; the pack could not be unpacked.');
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KiteError('pack_not_zip', `The file is not a lesson pack or is damaged (${message}).`, { details: { message } });
}

/**
 * decodeStrings off: we check names ourselves, with messages a teacher can act on. Entry sizes are
 * not checked against the headers here: the counting above enforces the limits and the manifest's
 * sizes and hashes are compared afterwards, so a lying header gains nothing.
 */
function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false }, (error, zip) => {
      if (error) reject(translate(error));
      else resolve(zip);
    });
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}
