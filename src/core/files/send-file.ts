import fs from 'node:fs';
import type http from 'node:http';
import { mimeType, parseRange } from './safe-path';

/**
 * Send a file over Node's http, honouring a single HTTP Range (206 / 416), as video seeking and
 * resumed downloads need. `fileHeaders`: e.g. assetHeaders() for pack files. Used by the browser
 * host (src/server) and the hub's room server (content for pupil PCs).
 */
export function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cacheControl = 'no-cache', fileHeaders: Record<string, string> = { 'Content-Type': mimeType(file) }): void {
  const size = fs.statSync(file).size;
  const range = parseRange(req.headers.range, size);
  const headers: http.OutgoingHttpHeaders = { ...fileHeaders, 'Accept-Ranges': 'bytes', 'Cache-Control': cacheControl };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': length,
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file, { start, end, highWaterMark: 1 << 20 });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
