import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { KiteError } from '../../shared/errors';
import { isDiskFull } from './disk';

const UPLOAD_TOKEN_MS = 10 * 60_000;

export interface UploadKind {
  /** What the teacher picked, for the staged file's name: `kpack`, `kiteprogress`. */
  extension: string;
  maxBytes: number;
  /** The refusal for a file over maxBytes, in the words of its domain. */
  tooLarge: (maxBytes: number) => KiteError;
  /** What the teacher is told to pick again when an upload is gone. */
  noun: string;
}

/**
 * Files the teacher picked and sent to the app: both hosts POST the bytes to `/upload/<kind>?token=…`
 * (handlers/routes/upload.ts), with a one-time token from a teacher-only method, so the teacher role is
 * checked by the dispatcher the same way over HTTP and kite://. Streamed to this process's staging
 * folder, <data>/tmp/<pid>-…/upload-<id>.<extension>, never held in memory; a restart leaves none behind.
 */
export function createUploads(tmp: string, kind: UploadKind, now: () => number = Date.now) {
  const tokens = new Map<string, number>();

  function take(token: string | null): boolean {
    const expires = token ? tokens.get(token) : undefined;
    if (token) tokens.delete(token);
    return expires !== undefined && expires > now();
  }

  const fileOf = (uploadId: string) => path.join(tmp, `upload-${uploadId}.${kind.extension}`);

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
      if (!fs.existsSync(file)) throw new KiteError('not_found', `That upload is no longer here (was the app restarted?). Choose the ${kind.noun} again.`);
      return file;
    },
    /** An upload is only a means to what is done with it: remove it after. */
    remove(uploadId: string): void {
      fs.rmSync(fileOf(uploadId), { force: true });
    },
    /** Stream an upload to disk. Refused without a valid token or beyond maxBytes; a broken upload leaves nothing behind. */
    async receive(token: string | null, body: AsyncIterable<Buffer>, declaredBytes?: number): Promise<{ uploadId: string; bytes: number }> {
      if (!take(token)) throw new KiteError('forbidden', 'This upload needs a fresh token from the teacher console.');
      const max = kind.maxBytes;
      if (declaredBytes !== undefined && declaredBytes > max) throw kind.tooLarge(max);
      const uploadId = crypto.randomUUID();
      const file = fileOf(uploadId);
      let bytes = 0;
      try {
        await pipeline(
          body,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              bytes += chunk.length;
              if (bytes > max) throw kind.tooLarge(max);
              yield chunk;
            }
          },
          fs.createWriteStream(file, { flags: 'wx' }),
        );
      } catch (error) {
        fs.rmSync(file, { force: true });
        if (isDiskFull(error)) throw new KiteError('disk_full', `The disk is full; the ${kind.noun} could not be received.`);
        throw error;
      }
      return { uploadId, bytes };
    },
  };
}
export type Uploads = ReturnType<typeof createUploads>;
