import type http from 'node:http';
import { KiteError } from '../../../shared/errors';

/** A bundle is bounded (~50k events at the simulator's scale, a few MB gzipped): more is refused, not buffered. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const MAX_FORM_BYTES = 16 * 1024;

export function cookie(req: http.IncomingMessage, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? '');
  return match?.[1];
}

/** The whole body, refused past `limit` bytes (nothing is kept of a refused body). */
export async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number) => new KiteError('bad_request', `The upload is larger than ${Math.round(limit / 1024 / 1024)} MB.`, { details: { status: 413 } });

export async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
}

/** The bytes of the one file field `field` of a multipart/form-data body (the upload page sends only that). */
export function multipartFile(contentType: string | undefined, body: Buffer, field: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return undefined;
  const delimiter = Buffer.from(`--${mark}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) return undefined;
    const headers = body.subarray(start + delimiter.length, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
    if (next === -1) return undefined;
    if (new RegExp(`name="${field}"`).test(headers)) return body.subarray(headerEnd + 4, next);
    start = next + 2;
  }
  return undefined;
}

export function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export function redirect(res: http.ServerResponse, to: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { Location: to, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

/**
 * A POST from another site (a form elsewhere aiming at this server) is refused. Browsers say where a
 * request comes from in Sec-Fetch-Site; with our no-referrer policy their Origin is "null", so the
 * Origin is only compared when it names a site.
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
