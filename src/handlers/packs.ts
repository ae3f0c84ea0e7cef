import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../core';
import { findDrives } from '../core/drives';
import { findPackFiles } from '../core/packs/find';
import { DEFAULT_LIMITS } from '../core/packs/unzip';
import type { packMethods, packReadMethods } from '../shared/contract/packs';
import { KiteError } from '../shared/errors';
import type { DomainHandlers } from './types';

/** Imports in progress, by the id the UI chose, so they can be cancelled. */
const running = new Map<string, AbortController>();

/** Where the browser host keeps a .kpack the teacher uploaded: <data>/tmp/upload-<id>.kpack. */
export function uploadPath(core: Core, uploadId: string): string {
  return path.join(core.layout.tmp, `upload-${uploadId}.kpack`);
}

/**
 * Where both hosts take a .kpack the teacher picked: POST the file as the body to
 * `/upload/pack?token=…`, with a one-time token from packs.uploadToken (so the teacher role is
 * checked by the dispatcher, the same way over HTTP and kite://).
 */
export const PACK_UPLOAD_PATH = '/upload/pack';
const UPLOAD_TOKEN_MS = 10 * 60_000;
const uploadTokens = new Map<string, number>();

function takeUploadToken(token: string | null): boolean {
  const expires = token ? uploadTokens.get(token) : undefined;
  if (token) uploadTokens.delete(token);
  return expires !== undefined && expires > Date.now();
}

/**
 * Stream an uploaded pack to <data>/tmp/ (never held in memory), for packs.preview to check.
 * Refused without a valid token or beyond the importer's size limit; a broken upload leaves nothing behind.
 */
export async function receivePackUpload(core: Core, token: string | null, body: AsyncIterable<Buffer>, declaredBytes?: number): Promise<{ uploadId: string; bytes: number }> {
  if (!takeUploadToken(token)) throw new KiteError('forbidden', 'This upload needs a fresh token from the teacher console.');
  const max = DEFAULT_LIMITS.maxTotalBytes;
  if (declaredBytes !== undefined && declaredBytes > max) throw new KiteError('pack_too_large', `The file is larger than ${Math.round(max / 2 ** 30)} GB.`, { details: { entry: '' } });
  const uploadId = crypto.randomUUID();
  const file = uploadPath(core, uploadId);
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > max) throw new KiteError('pack_too_large', `The file is larger than ${Math.round(max / 2 ** 30)} GB.`, { details: { entry: '' } });
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
}

export function packHandlers(core: Core): DomainHandlers<typeof packReadMethods & typeof packMethods> {
  return {
    'packs.list': () => core.packs.list(),
    'lessons.get': ({ packId, lessonId }) => {
      const view = core.packs.lesson(packId, lessonId);
      return { ...view, recordings: core.narration.forLesson(view.pack.id, view.pack.version, lessonId) };
    },
    'packs.uploadToken': () => {
      const token = crypto.randomUUID();
      uploadTokens.set(token, Date.now() + UPLOAD_TOKEN_MS);
      return { url: `${PACK_UPLOAD_PATH}?token=${token}` };
    },
    'packs.drives': () => findDrives().map((drive) => ({ path: drive })),
    'packs.scanFolder': ({ path: given }) => findPackFiles(given),
    'packs.preview': async ({ importId, source }) => {
      const file = source.kind === 'upload' ? uploadPath(core, source.uploadId) : path.resolve(source.path);
      // An upload lives in this process's staging folder; gone means the app restarted since.
      if (source.kind === 'upload' && !fs.existsSync(file)) throw new KiteError('not_found', 'That upload is no longer here (was the app restarted?). Choose the pack file again.');
      const controller = new AbortController();
      running.set(importId, controller);
      try {
        return await core.packs.stage(file, {
          signal: controller.signal,
          onProgress: (bytesDone, bytesTotal) => core.events.emit('packs.importProgress', { importId, bytesDone, bytesTotal }),
        });
      } finally {
        running.delete(importId);
        // An upload is only a means to the preview: the staged copy is what gets installed.
        if (source.kind === 'upload') fs.rmSync(file, { force: true });
      }
    },
    'packs.cancelImport': ({ importId }) => {
      const controller = running.get(importId);
      controller?.abort();
      return { cancelled: !!controller };
    },
    'packs.install': ({ stagingId, confirmDowngrade, pin }, ctx) => {
      if (pin !== undefined) core.pin.verify(pin, ctx.session);
      const pack = core.packs.commit(stagingId, { confirmDowngrade, trustConfirmed: pin !== undefined });
      core.events.emit('packs.changed', { packId: pack.id });
      return pack;
    },
    'packs.discard': ({ stagingId }) => {
      core.packs.discard(stagingId);
      return { discarded: true };
    },
    'packs.uninstall': ({ packId }) => {
      core.packs.uninstall(packId);
      core.events.emit('packs.changed', { packId });
      return { uninstalled: true };
    },
    'packs.trustedKeys': () => core.packs.trust.list(),
    'packs.trustKey': ({ name, publicKey }) => core.packs.trust.add(name, publicKey),
    'packs.untrustKey': ({ keyId }) => {
      core.packs.trust.remove(keyId);
      return { removed: true };
    },
  };
}
