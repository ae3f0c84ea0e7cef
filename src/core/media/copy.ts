import crypto from 'node:crypto';
import fs from 'node:fs';
import { KiteError } from '../../shared/errors';

const CHUNK = 4 * 1024 * 1024;

export interface CopyOptions {
  /** Bytes the source had when it was scanned: fewer or more means the card changed or was pulled out. */
  expectedSize: number;
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
}

/**
 * Copy a file and compute its sha256 in one pass, then fsync the copy. Reading the next chunk,
 * writing this one and hashing it all overlap, so the card, the disk and the CPU work at once.
 * On any failure the partial copy is removed and a KiteError says what happened.
 */
export async function copyAndHash(source: string, target: string, { expectedSize, signal, onBytes }: CopyOptions): Promise<string> {
  const hash = crypto.createHash('sha256');
  let input: fs.promises.FileHandle | undefined;
  let output: fs.promises.FileHandle | undefined;
  try {
    input = await fs.promises.open(source, 'r').catch((error: NodeJS.ErrnoException) => {
      throw sourceError(source, error);
    });
    output = await fs.promises.open(target, 'wx', 0o644);
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let which = 0;
    let position = 0;
    const readAt = (buf: Buffer) => input!.read(buf, 0, CHUNK, position).catch((error: NodeJS.ErrnoException) => {
      throw sourceError(source, error);
    });
    let pending = readAt(buffers[which]!);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      position += bytesRead;
      if (position > expectedSize) throw cardChanged(source);
      which ^= 1;
      pending = readAt(buffers[which]!);
      const chunk = buffer.subarray(0, bytesRead);
      // The write runs in libuv's pool while this thread hashes the same bytes.
      const writing = writeAll(output, chunk);
      hash.update(chunk);
      await writing;
      onBytes?.(bytesRead);
      if (signal?.aborted) {
        await pending.catch(() => undefined);
        throw new KiteError('cancelled', 'The import was cancelled.');
      }
    }
    if (position !== expectedSize) throw cardChanged(source);
    await output.sync();
    return hash.digest('hex');
  } catch (error) {
    await output?.close().catch(() => undefined);
    output = undefined;
    await fs.promises.rm(target, { force: true });
    throw asKiteError(error);
  } finally {
    await input?.close().catch(() => undefined);
    await output?.close();
  }
}

async function writeAll(output: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await output.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

function cardChanged(source: string): KiteError {
  return new KiteError('media_source_changed', `${source} changed or disappeared while it was being copied. Was the card or USB stick pulled out? Put it back and import again.`);
}

function sourceError(source: string, error: NodeJS.ErrnoException): KiteError {
  if (error.code === 'ENOENT' || error.code === 'EIO' || error.code === 'ENXIO' || error.code === 'ENODEV') return cardChanged(source);
  return new KiteError('media_unreadable', `Cannot read ${source} (${error.code ?? error.message}).`);
}

/** Disk-full and other write errors as messages a teacher can act on. */
export function asKiteError(error: unknown): KiteError {
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new KiteError('disk_full', 'The disk is full. Delete some videos or free space on this PC, then import again.');
  return new KiteError('internal', `Copy failed (${code ?? (error as Error).message}).`);
}
