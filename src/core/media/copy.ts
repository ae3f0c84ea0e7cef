import crypto from 'node:crypto';
import fs from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import { KiteError } from '../../shared/errors';
import { isDiskFull } from '../fs/disk';

const CHUNK = 4 * 1024 * 1024;
/** At or below this size a file is copied on the calling thread (see copySmall). */
const SMALL_FILE = 16 * 1024 * 1024;

export interface CopyOptions {
  /** Bytes the source had when it was scanned: fewer or more means the card changed or was pulled out. */
  expectedSize: number;
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
}

/** Chunks copied but not yet hashed; beyond this the copier waits, so memory stays bounded (32 MB). */
const MAX_IN_FLIGHT = 8;

/**
 * Two worker threads share the work so that copying and hashing overlap: the copier reads each
 * chunk once, writes it, and hands it (transferred, not copied) to the hasher; at the end it
 * fsyncs. Synchronous calls in a worker avoid a thread-pool round trip per chunk, and the main
 * thread stays free to serve pupils while a teacher imports. Kept as a string so the same code
 * runs from the TypeScript sources (tests), the bundled CLI and Electron without a build entry.
 */
const WORKER_SOURCE = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const { role, port, hashed } = workerData;
const hashedChunks = new Int32Array(hashed);

if (role === 'hash') {
  const hash = crypto.createHash('sha256');
  port.on('message', (m) => {
    if (m.type === 'chunk') {
      hash.update(new Uint8Array(m.buffer, 0, m.length));
      port.postMessage(m.buffer, [m.buffer]); // back to the copier for reuse
      Atomics.add(hashedChunks, 0, 1);
      Atomics.notify(hashedChunks, 0);
    } else {
      parentPort.postMessage({ type: 'hashed', sha256: hash.digest('hex') });
      port.close();
    }
  });
} else {
  const { source, target, expectedSize, chunkSize, maxInFlight, cancel } = workerData;
  const cancelled = new Int32Array(cancel);
  const fail = (side, error) => parentPort.postMessage({ type: 'error', side, code: error && error.code, message: error && error.message });
  const run = () => {
    let input;
    let output;
    try {
      input = fs.openSync(source, 'r');
    } catch (error) {
      return fail('source', error);
    }
    try {
      output = fs.openSync(target, 'wx', 0o644);
    } catch (error) {
      fs.closeSync(input);
      return fail('target', error);
    }
    let position = 0;
    let sent = 0;
    const pool = [];
    // Reuse the chunks the hasher has finished with: fresh 4 MB buffers cost page faults.
    const nextBuffer = () => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) pool.push(Buffer.from(m.message));
      return pool.pop() || Buffer.allocUnsafeSlow(chunkSize);
    };
    let side = 'source';
    try {
      for (;;) {
        if (Atomics.load(cancelled, 0) === 1) return fail('cancelled');
        for (let done = Atomics.load(hashedChunks, 0); sent - done >= maxInFlight; done = Atomics.load(hashedChunks, 0)) {
          Atomics.wait(hashedChunks, 0, done, 100);
        }
        side = 'source';
        const buffer = nextBuffer();
        const n = fs.readSync(input, buffer, 0, chunkSize, position);
        if (n === 0) break;
        position += n;
        if (position > expectedSize) return fail('changed');
        side = 'target';
        for (let written = 0; written < n; ) written += fs.writeSync(output, buffer, written, n - written);
        port.postMessage({ type: 'chunk', buffer: buffer.buffer, length: n }, [buffer.buffer]);
        sent++;
        parentPort.postMessage({ type: 'bytes', n });
      }
      if (position !== expectedSize) return fail('changed');
      side = 'target';
      fs.fsyncSync(output);
      port.postMessage({ type: 'end' });
      parentPort.postMessage({ type: 'copied' });
    } catch (error) {
      fail(side, error);
    } finally {
      fs.closeSync(input);
      fs.closeSync(output);
      port.close();
    }
  };
  run();
}
`;

type WorkerMessage = { type: 'bytes'; n: number } | { type: 'copied' } | { type: 'hashed'; sha256: string } | { type: 'error'; side: 'source' | 'target' | 'changed' | 'cancelled'; code?: string; message?: string };

/**
 * Copy a file and compute its sha256 in one pass, then fsync the copy. On any failure the partial
 * copy is removed and a KiteError says what happened (card pulled out, disk full, cancelled).
 */
export function copyAndHash(source: string, target: string, { expectedSize, signal, onBytes }: CopyOptions): Promise<string> {
  if (signal?.aborted) return Promise.reject(new KiteError('cancelled', 'The import was cancelled.'));
  if (expectedSize <= SMALL_FILE) return copySmall(source, target, expectedSize, onBytes);
  return new Promise((resolve, reject) => {
    const cancel = new SharedArrayBuffer(4);
    const hashed = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const hasher = new Worker(WORKER_SOURCE, { eval: true, workerData: { role: 'hash', port: port2, hashed }, transferList: [port2] });
    const copier = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { role: 'copy', port: port1, hashed, source, target, expectedSize, chunkSize: CHUNK, maxInFlight: MAX_IN_FLIGHT, cancel },
      transferList: [port1],
    });
    const onAbort = () => Atomics.store(new Int32Array(cancel), 0, 1);
    signal?.addEventListener('abort', onAbort);
    let copied = false;
    let sha256: string | undefined;
    let copierExited = false;
    let settled = false;
    const settle = (error?: KiteError) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!error) return resolve(sha256 as string);
      void hasher.terminate();
      // Wait for the copier to close its files before removing the partial copy.
      const cleanUp = () => void fs.promises.rm(target, { force: true }).finally(() => reject(error));
      if (copierExited) cleanUp();
      else copier.once('exit', cleanUp);
    };
    const maybeDone = () => copied && sha256 !== undefined && settle();
    copier.on('message', (m: WorkerMessage) => {
      if (m.type === 'bytes') onBytes?.(m.n);
      else if (m.type === 'copied') {
        copied = true;
        maybeDone();
      } else if (m.type === 'error') settle(workerError(m, source));
    });
    hasher.on('message', (m: WorkerMessage) => {
      if (m.type === 'hashed') {
        sha256 = m.sha256;
        maybeDone();
      }
    });
    for (const worker of [copier, hasher]) worker.on('error', (error) => settle(asKiteError(error)));
    copier.on('exit', () => {
      copierExited = true;
      if (!copied) settle(new KiteError('internal', 'The copy stopped unexpectedly.'));
    });
  });
}

/**
 * Photos and short clips: starting two workers costs more than copying a few megabytes, so these
 * are copied here in one synchronous pass (a few milliseconds of the main thread).
 */
async function copySmall(source: string, target: string, expectedSize: number, onBytes?: (n: number) => void): Promise<string> {
  let data: Buffer;
  try {
    data = fs.readFileSync(source);
  } catch (error) {
    throw workerError({ type: 'error', side: 'source', code: (error as NodeJS.ErrnoException).code, message: (error as Error).message }, source);
  }
  if (data.length !== expectedSize) throw cardChanged(source);
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'wx', 0o644);
    for (let written = 0; written < data.length; ) written += fs.writeSync(fd, data, written, data.length - written);
    fs.fsyncSync(fd);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fd = undefined;
    fs.rmSync(target, { force: true });
    throw asKiteError(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  onBytes?.(data.length);
  return crypto.createHash('sha256').update(data).digest('hex');
}

function workerError(m: Extract<WorkerMessage, { type: 'error' }>, source: string): KiteError {
  if (m.side === 'cancelled') return new KiteError('cancelled', 'The import was cancelled.');
  if (m.side === 'changed') return cardChanged(source);
  if (m.side === 'source') {
    if (m.code === 'ENOENT' || m.code === 'EIO' || m.code === 'ENXIO' || m.code === 'ENODEV') return cardChanged(source);
    return new KiteError('media_unreadable', `Cannot read ${source} (${m.code ?? m.message}).`);
  }
  return asKiteError(Object.assign(new Error(m.message ?? 'write failed'), { code: m.code }));
}

function cardChanged(source: string): KiteError {
  return new KiteError('media_source_changed', `${source} changed or disappeared while it was being copied. Was the card or USB stick pulled out? Put it back and import again.`);
}

/** Disk-full and other write errors as messages a teacher can act on. */
export function asKiteError(error: unknown): KiteError {
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (isDiskFull(error)) return new KiteError('disk_full', 'The disk is full. Delete some videos or free space on this PC, then import again.');
  return new KiteError('internal', `Copy failed (${code ?? (error as Error).message}).`);
}
