import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { KiteError } from '../../shared/errors';
import { checkPack, formatIssue, packEntryProblem, type Manifest, type PackFile, type PackIssue, type Signature } from '../../shared/pack';
import { writeStreamAtomic } from '../fs/atomic';
import { signManifest } from './signing';
import type { Readable } from 'node:stream';

/**
 * The authoring format is a folder: manifest.json (without `files`, which the builder fills in;
 * `lessons` may be left out too and is then every lessons/*.json in name order), lessons/ and media/.
 */

export interface PackFolder {
  /** The manifest as built: files (and lessons, if left out) filled in. */
  manifest: unknown;
  manifestBytes: Buffer;
  lessons: Map<string, unknown>;
  /** Absolute path of each pack file. */
  sources: Map<string, string>;
  issues: PackIssue[];
}

/** Formats that are already compressed: stored as they are, so unpacking is a plain copy. */
export const STORED = /\.(png|jpe?g|webp|gif|mp3|ogg|m4a|mp4|m4v|webm|mov|zip)$/i;
/** A fixed timestamp keeps builds byte-for-byte reproducible. */
export const MTIME = new Date('2026-01-01T00:00:00Z');

/**
 * Read an authoring folder, fill in the file list, and run every check. `overlay` puts other files
 * in the pack in place of, or beside, the folder's (a teacher's recordings, see narration-build.ts).
 */
export async function readPackFolder(dir: string, overlay: Map<string, string> = new Map()): Promise<PackFolder> {
  const issues: PackIssue[] = [];
  const manifestPath = path.join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder has no manifest.json' : `is not valid JSON (${(error as Error).message})`;
    return { manifest: undefined, manifestBytes: Buffer.alloc(0), lessons: new Map(), sources: new Map(), issues: [{ file: 'manifest.json', pointer: '', message }] };
  }
  const sources = new Map<string, string>();
  for (const top of ['lessons', 'media']) walk(path.join(dir, top), top, sources, issues);
  for (const [name, abs] of overlay) sources.set(name, abs);

  const files: PackFile[] = [];
  for (const [name, abs] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ path: name, ...(await hashFile(abs)) });
  }
  const manifest = typeof raw === 'object' && raw !== null ? { ...(raw as Record<string, unknown>), files } : raw;
  if (typeof manifest === 'object' && manifest !== null && !('lessons' in manifest)) {
    (manifest as Record<string, unknown>).lessons = files
      .filter((f) => /^lessons\/[a-z0-9-]+\.json$/.test(f.path))
      .map((f) => ({ id: f.path.slice('lessons/'.length, -'.json'.length), file: f.path }));
  }

  const lessons = new Map<string, unknown>();
  for (const name of sources.keys()) {
    if (!name.startsWith('lessons/') || !name.endsWith('.json')) continue;
    try {
      lessons.set(name, JSON.parse(fs.readFileSync(sources.get(name) as string, 'utf8')));
    } catch (error) {
      issues.push({ file: name, pointer: '', message: `is not valid JSON (${(error as Error).message})` });
    }
  }
  issues.push(...checkPack(manifest, lessons).issues);
  return { manifest, manifestBytes: Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), lessons, sources, issues };
}

function walk(abs: string, rel: string, out: Map<string, string>, issues: PackIssue[]): void {
  if (!fs.existsSync(abs)) return;
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const childAbs = path.join(abs, entry.name);
    const childRel = `${rel}/${entry.name}`;
    if (entry.name.startsWith('.')) continue; // .DS_Store, editor files
    if (entry.isSymbolicLink()) issues.push({ file: childRel, pointer: '', message: 'is a symbolic link; packs hold only real files' });
    else if (entry.isDirectory()) walk(childAbs, childRel, out, issues);
    else if (!/^[A-Za-z0-9._\-/]+$/.test(childRel)) issues.push({ file: childRel, pointer: '', message: 'file names may use only letters, digits, . _ - and /' });
    else {
      const problem = packEntryProblem(childRel);
      if (problem) issues.push({ file: childRel, pointer: '', message: problem.message });
      else out.set(childRel, childAbs);
    }
  }
}

export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

export interface BuildResult {
  file: string;
  manifest: Manifest;
  signed: boolean;
  bytes: number;
}

/** Build a .kpack from an authoring folder; refuses an invalid pack with every problem listed. */
export async function buildPack(dir: string, outFile: string, options: { privateKeyPem?: string; overlay?: Map<string, string> } = {}): Promise<BuildResult> {
  const folder = await readPackFolder(dir, options.overlay);
  if (folder.issues.length > 0) {
    throw new KiteError('pack_invalid', `The pack in ${dir} has ${folder.issues.length} problem(s):\n${folder.issues.map(formatIssue).join('\n')}`, {
      issues: folder.issues.map((i) => ({ path: `${i.file}${i.pointer ? `#${i.pointer}` : ''}`, message: i.message })),
    });
  }
  const zip = new yazl.ZipFile();
  zip.addBuffer(folder.manifestBytes, 'manifest.json', { mtime: MTIME });
  if (options.privateKeyPem) {
    const signature = signManifest(folder.manifestBytes, options.privateKeyPem);
    zip.addBuffer(Buffer.from(JSON.stringify(signature, null, 2) + '\n'), 'signature.json', { mtime: MTIME });
  }
  for (const [name, abs] of [...folder.sources].sort(([a], [b]) => a.localeCompare(b))) {
    zip.addFile(abs, name, { mtime: MTIME, compress: !STORED.test(name) });
  }
  await writeZipAtomic(outFile, zip);
  return { file: outFile, manifest: folder.manifest as Manifest, signed: !!options.privateKeyPem, bytes: fs.statSync(outFile).size };
}

/**
 * Finish a zip into `target` atomically. A file that can no longer be read (gone meanwhile) fails
 * the write with its error, instead of going unheard on the zip and crashing the process.
 */
export async function writeZipAtomic(target: string, zip: yazl.ZipFile): Promise<void> {
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
  zip.end();
  await writeStreamAtomic(target, zip.outputStream);
}

/**
 * Sign an existing .kpack: copy every entry as it is (no re-compression) into a new zip with a
 * signature.json over the exact manifest.json bytes. The caller checks the pack first.
 */
export async function signKpack(file: string, manifestBytes: Buffer, privateKeyPem: string, outFile: string): Promise<Signature> {
  const signature = signManifest(manifestBytes, privateKeyPem);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  try {
    const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const list: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        list.push(e);
        zip.readEntry();
      });
      zip.once('end', () => resolve(list));
      zip.once('error', reject);
      zip.readEntry();
    });
    const out = new yazl.ZipFile();
    for (const entry of entries) {
      if (entry.fileName === 'signature.json' || entry.fileName.endsWith('/')) continue;
      out.addReadStream(await zip.openReadStreamPromise(entry), entry.fileName, { mtime: MTIME, compress: entry.compressionMethod !== 0, size: entry.uncompressedSize });
      if (entry.fileName === 'manifest.json') out.addBuffer(Buffer.from(JSON.stringify(signature, null, 2) + '\n'), 'signature.json', { mtime: MTIME });
    }
    await writeZipAtomic(outFile, out);
  } finally {
    zip.close();
  }
  return signature;
}
