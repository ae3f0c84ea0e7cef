import fs from 'node:fs';
import { parseRange } from './safe-path';

/**
 * How to answer a GET for a file, honouring a single HTTP Range (206 / 416) as video seeking and
 * resumed downloads need. Host-neutral: the browser host writes it to a Node response, Electron's
 * protocol handler to a fetch Response, the hub's room server to its HTTPS response.
 */
export interface FileReply {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The bytes to send (inclusive), or null for none (416, an empty file). */
  bytes: { start: number; end: number } | null;
}

export function fileReply(file: string, rangeHeader: string | undefined | null, fileHeaders: Record<string, string>): FileReply {
  const size = fs.statSync(file).size;
  const range = parseRange(rangeHeader, size);
  const headers: Record<string, string> = { ...fileHeaders, 'Accept-Ranges': 'bytes' };
  if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` }, bytes: null };
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  return {
    status: range ? 206 : 200,
    headers: { ...headers, 'Content-Length': String(length), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) },
    bytes: length === 0 ? null : { start, end },
  };
}

/** The reply's bytes as a stream (null when there are none). */
export function fileReplyStream(file: string, reply: FileReply, highWaterMark?: number): fs.ReadStream | null {
  return reply.bytes ? fs.createReadStream(file, { ...reply.bytes, ...(highWaterMark ? { highWaterMark } : {}) }) : null;
}
