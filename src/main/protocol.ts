import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../shared/csp';
import { mimeType, parseRange, resolveInside } from '../core/fs/safe-path';
import type { Core } from '../core';
import { resolveAsset } from '../handlers/assets';
import { PACK_UPLOAD_PATH, receivePackUpload } from '../handlers/packs';
import { HTTP_STATUS, KiteError } from '../shared/errors';

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
    if (url.pathname === PACK_UPLOAD_PATH && request.method === 'POST') return packUpload(core, url, request);
    const asset = resolveAsset(core, url.pathname);
    if (asset.claimed) return asset.file ? fileResponse(asset.file, request.headers.get('range'), asset.headers) : new Response('Not found', { status: 404 });
    const pathname = path.posix.extname(url.pathname) ? url.pathname : '/index.html';
    const file = resolveInside(rendererDir, pathname);
    if (!file || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
    return fileResponse(file, request.headers.get('range'));
  });
}

/** A teacher's .kpack, streamed from the request body to <data>/tmp/ (the token proves the teacher role). */
async function packUpload(core: Core, url: URL, request: Request): Promise<Response> {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' } });
  try {
    const body = request.body ? (Readable.fromWeb(request.body as import('node:stream/web').ReadableStream) as AsyncIterable<Buffer>) : Readable.from([]);
    const declared = request.headers.get('content-length');
    const result = await receivePackUpload(core, url.searchParams.get('token'), body, declared ? Number(declared) : undefined);
    return json(200, { ok: true, result });
  } catch (error) {
    if (error instanceof KiteError) return json(HTTP_STATUS[error.code], { ok: false, error: error.toPayload() });
    core.log.error('pack upload failed', { error: error instanceof Error ? error.stack : String(error) });
    return json(500, { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app.' } });
  }
}

/** A file with Range support; `fileHeaders` are the security headers and type (assetHeaders() for pack and gallery files). */
function fileResponse(file: string, rangeHeader: string | null, fileHeaders: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': mimeType(file) }): Response {
  const size = fs.statSync(file).size;
  const range = parseRange(rangeHeader, size);
  const headers: Record<string, string> = { ...fileHeaders, 'Accept-Ranges': 'bytes' };
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  const { start, end } = range ?? { start: 0, end: Math.max(0, size - 1) };
  const body = size === 0 ? null : (Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream);
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      'Content-Length': String(size === 0 ? 0 : end - start + 1),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    },
  });
}
