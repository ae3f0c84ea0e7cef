import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';

/**
 * Write a file so that a power cut leaves either the old content or the new one, never a half:
 * write to a temp file beside the target, fsync it, rename over the target, fsync the folder.
 */
/** `mode` 0o600 keeps a secret (a private key, a device credential) readable by this user only. */
export function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o644): void {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (error) {
    // A full disk fails the write: leave no half-written temp file behind.
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dir);
}

/** Flush a written file to disk. A write stream owns (and on errors closes) its descriptor, so this opens the file again. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename durable. Windows cannot open folders for fsync; there NTFS journals the rename. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stream into a temp file beside the target (through `transform` when given, e.g. gzip), fsync,
 * rename, fsync the folder. On any failure no temp file is left behind.
 */
export async function writeStreamAtomic(target: string, source: NodeJS.ReadableStream, transform?: NodeJS.ReadWriteStream): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const out = fs.createWriteStream(tmp, { mode: 0o644 });
  try {
    await (transform ? pipeline(source, transform, out) : pipeline(source, out));
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
  } catch (error) {
    // A stream that failed before its file was even opened still opens (and creates) it: wait for the close.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dir);
}
