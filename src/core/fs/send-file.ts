import type http from 'node:http';
import { fileReply, fileReplyStream } from './file-reply';
import { mimeType } from './safe-path';

/**
 * Send a file on a Node response with Range support (file-reply.ts): the browser host's assets and
 * the hub's content for pupil PCs. `fileHeaders`: e.g. assetHeaders() for pack files.
 */
export function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cacheControl = 'no-cache', fileHeaders: Record<string, string> = { 'Content-Type': mimeType(file) }): void {
  const reply = fileReply(file, req.headers.range, { ...fileHeaders, 'Cache-Control': cacheControl });
  res.writeHead(reply.status, reply.headers);
  // Large reads: a hub sends files of hundreds of MB to many PCs.
  const stream = req.method === 'HEAD' ? null : fileReplyStream(file, reply, 1 << 20);
  if (!stream) {
    res.end();
    return;
  }
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
