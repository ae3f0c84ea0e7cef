import type http from 'node:http';
import { KiteError } from '../../shared/errors';

/** A JSON answer from the hub's HTTPS side (room API, headset pages). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** A request's JSON body, refused when it is not JSON or larger than `maxBytes`. */
export async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new KiteError('bad_request', 'Room calls must send JSON.');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new KiteError('bad_request', `The request is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  try {
    return total === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new KiteError('bad_request', 'The request body is not valid JSON.');
  }
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
