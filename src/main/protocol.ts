import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../shared/csp';
import { mimeType, resolveInside } from '../core/fs/safe-path';
import { fileReply, fileReplyStream } from '../core/fs/file-reply';
import type { Core } from '../core';
import { resolveAsset } from '../handlers/routes/assets';
import { receiveUpload, uploadKindAt, type UploadKindName } from '../handlers/routes/upload';

export const APP_ORIGIN = 'kite://app';

/**
 * Is this URL the app's own (kite://app/…)? Compares scheme and host, not `URL.origin`: Node's URL
 * (the main process's) gives origin 'null' for every non-http scheme, kite: included.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'kite:' && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Must run before app 'ready': kite:// behaves like https (secure, standard, fetch and streaming media). */
export function registerKiteScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'kite', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serve the built renderer and the asset routes (packs, media) from kite://app/, with the CSP and Range support. */
export function handleKiteProtocol(core: Core, rendererDir: string): void {
  protocol.handle('kite', (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const uploadKind = uploadKindAt(url.pathname);
    if (uploadKind && request.method === 'POST') return upload(core, uploadKind, url, request);
    const asset = resolveAsset(core, url.pathname);
    if (asset.claimed) return asset.file ? fileResponse(asset.file, request.headers.get('range'), asset.headers) : new Response('Not found', { status: 404 });
    const pathname = path.posix.extname(url.pathname) ? url.pathname : '/index.html';
    const file = resolveInside(rendererDir, pathname);
    if (!file || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
    return fileResponse(file, request.headers.get('range'));
  });
}

/** A file the teacher picked (a .kpack, a progress file), streamed from the request body (handlers/routes/upload). */
async function upload(core: Core, kind: UploadKindName, url: URL, request: Request): Promise<Response> {
  const body = request.body ? (Readable.fromWeb(request.body as import('node:stream/web').ReadableStream) as AsyncIterable<Buffer>) : Readable.from([]);
  const declared = request.headers.get('content-length');
  const reply = await receiveUpload(core, kind, url.searchParams.get('token'), body, declared ? Number(declared) : undefined);
  return new Response(JSON.stringify(reply.json), { status: reply.status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' } });
}

/** A file with Range support (core/fs/file-reply); `fileHeaders` are the security headers and type (assetHeaders() for pack and gallery files). */
function fileResponse(file: string, rangeHeader: string | null, fileHeaders: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': mimeType(file) }): Response {
  const reply = fileReply(file, rangeHeader, fileHeaders);
  const stream = fileReplyStream(file, reply);
  return new Response(stream ? (Readable.toWeb(stream) as ReadableStream) : null, { status: reply.status, headers: reply.headers });
}
