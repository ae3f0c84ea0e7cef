import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KiteError } from '../../shared/errors';
import { DEFAULT_LIMITS } from './unzip';

const UPLOAD_TOKEN_MS = 10 * 60_000;

/**
 * .kpack files the teacher picked and sent to the app (both hosts POST the bytes to
 * `/upload/pack?token=…`, with a one-time token from packs.uploadToken, so the teacher role is
 * checked by the dispatcher the same way over HTTP and kite://). Kept in this process's staging
 * folder, <data>/tmp/<pid>-…/upload-<id>.kpack, so a restart leaves none behind.
 */
export function createPackUploads(tmp: string, now: () => number = Date.now) {
  const tokens = new Map<string, number>();

  function take(token: string | null): boolean {
    const expires = token ? tokens.get(token) : undefined;
    if (token) tokens.delete(token);
    return expires !== undefined && expires > now();
  }

  const tooLarge = (max: number) => new KiteError('pack_too_large', `The file is larger than ${Math.round(max / 2 ** 30)} GB.`, { details: { entry: '' } });
  const fileOf = (uploadId: string) => path.join(tmp, `upload-${uploadId}.kpack`);

  return {
    /** A fresh one-time token (valid ten minutes). */
    token(): string {
      const token = crypto.randomUUID();
      for (const [t, expires] of tokens) if (expires <= now()) tokens.delete(t);
      tokens.set(token, now() + UPLOAD_TOKEN_MS);
      return token;
    },
    /** The file of an upload, or not_found when it is gone (the app restarted since). */
    file(uploadId: string): string {
      const file = fileOf(uploadId);
      if (!fs.existsSync(file)) throw new KiteError('not_found', 'That upload is no longer here (was the app restarted?). Choose the pack file again.');
      return file;
    },
    /** An upload is only a means to the preview: the staged copy is what gets installed. */
    remove(uploadId: string): void {
      fs.rmSync(fileOf(uploadId), { force: true });
    },
    /**
     * Stream an upload to disk (never held in memory). Refused without a valid token or beyond the
     * importer's size limit; a broken upload leaves nothing behind.
     */
    async receive(token: string | null, body: AsyncIterable<Buffer>, declaredBytes?: number): Promise<{ uploadId: string; bytes: number }> {
      if (!take(token)) throw new KiteError('forbidden', 'This upload needs a fresh token from the teacher console.');
      const max = DEFAULT_LIMITS.maxTotalBytes;
      if (declaredBytes !== undefined && declaredBytes > max) throw tooLarge(max);
      const uploadId = crypto.randomUUID();
      const file = fileOf(uploadId);
      let bytes = 0;
      try {
        await pipeline(
          body,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              bytes += chunk.length;
              if (bytes > max) throw tooLarge(max);
              yield chunk;
            }
          },
          fs.createWriteStream(file, { flags: 'wx' }),
        );
      } catch (error) {
        fs.rmSync(file, { force: true });
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw new KiteError('disk_full', 'The disk is full; the pack could not be received.');
        throw error;
      }
      return { uploadId, bytes };
    },
  };
}
export type PackUploads = ReturnType<typeof createPackUploads>;
