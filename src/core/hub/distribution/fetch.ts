import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContentItem } from '../../../shared/contract/hub-content';
import { KiteError } from '../../../shared/errors';
import { fsyncFile } from '../../fs/atomic';
import type { Logger } from '../../log/logger';
import { hashFile } from '../../packs/build';
import type { HubClient } from '../client';
import { hubError } from '../hub-error';

export interface FetchOptions {
  client: Pick<HubClient, 'open' | 'pairing'>;
  /** <data>/hub/downloads: partial files (<sha256>.part) survive a restart and resume from their length. */
  dir: string;
  log: Logger;
  signal: AbortSignal;
  onBytes: (bytesDone: number) => void;
}

/**
 * Download one file the hub offers into dir/<sha256>.part, resuming from what is already there
 * (HTTP Range), and check its SHA-256 (computed as the bytes arrive). A file that does not match is deleted and fetched once
 * more from the start; a second mismatch fails with content_corrupt. Returns the checked file,
 * which the caller imports and then deletes. A cut connection leaves the part for the next try.
 */
export async function fetchVerified(item: ContentItem, { client, dir, log, signal, onBytes }: FetchOptions): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const part = path.join(dir, `${item.sha256}.part`);
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await download(item, part, { client, signal, onBytes })) === item.sha256) return part;
    fs.rmSync(part, { force: true });
    log.warn('a file from the hub did not match its SHA-256; deleted it', { sha256: item.sha256, name: item.name, attempt });
  }
  throw new KiteError('content_corrupt', `"${item.name}" arrived damaged twice and was not used.`, { details: { name: item.name } });
}

/** Fetch what is missing of the part and return the SHA-256 of the whole file (hashed as it arrives; a resumed part is read once first). */
async function download(item: ContentItem, part: string, { client, signal, onBytes }: Pick<FetchOptions, 'client' | 'signal' | 'onBytes'>): Promise<string> {
  let have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  if (have > item.size) {
    fs.rmSync(part, { force: true });
    have = 0;
  }
  onBytes(have);
  if (have === item.size) return (await hashFile(part)).sha256;
  const res = await client.open(`/room/content/${item.sha256}`, have > 0 ? { Range: `bytes=${have}-` } : {}, signal);
  // A hub that ignores the Range sends everything again: start the file over.
  const from = res.statusCode === 206 ? Number(/^bytes (\d+)-/.exec(String(res.headers['content-range']))?.[1]) : 0;
  if (from !== have && from !== 0) {
    res.destroy();
    throw new KiteError('content_corrupt', 'The teacher\'s PC answered with the wrong part of the file.');
  }
  const hash = crypto.createHash('sha256');
  if (from > 0) for await (const chunk of fs.createReadStream(part, { end: from - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  let done = from;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      hash.update(chunk);
      onBytes(done);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(res, count, fs.createWriteStream(part, { flags: from > 0 ? 'a' : 'w', highWaterMark: 1 << 20 }), { signal });
  } catch (error) {
    if (signal.aborted) throw new KiteError('cancelled', 'Stopped.');
    throw hubError('hub_unreachable', { address: client.pairing()?.address ?? '' }, `the download stopped: ${String(error)}`);
  }
  fsyncFile(part);
  if (done < item.size) throw hubError('hub_unreachable', { address: client.pairing()?.address ?? '' }, 'the download stopped early');
  return hash.digest('hex');
}
