import type http from 'node:http';
import { HTTP_STATUS, KiteError, type ErrorPayload } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { Devices } from './devices';
import { PairJoinInput, type Pairing } from './pairing';
import type { RoomRoutes } from './room-routes';
import type { HeadsetSite } from './headset/site';
import { readJson, sendJson } from './http-json';

const MAX_BODY_BYTES = 4_000_000;
const readBody = (req: http.IncomingMessage) => readJson(req, MAX_BODY_BYTES);
/** A comment line this often keeps the stream open through routers and lets a pupil PC notice a dead hub. */
export const HEARTBEAT_MS = 15_000;

/**
 * The hub's HTTPS handler for other PCs: /pair/hello and /pair/join (the join code, see proof.ts),
 * POST /room/<name> and GET /room/stream (SSE), each with the device's bearer credential, and the VR
 * headsets' pages below /headset (headset/site.ts). Nothing else is served to other machines:
 * the app's screens, the teacher PIN and session cookies stay on the hub's own loopback host.
 */
export function createRoomHandler(pairing: Pairing, devices: Devices, routes: RoomRoutes, headset: HeadsetSite, log: Logger) {
  /** Each open stream with its device; a device removed since (by the console or `kite hub remove`) is cut off. */
  const streams = new Map<http.ServerResponse, string>();
  const send = (frame: string) => {
    for (const [res, deviceId] of streams) {
      if (devices.isLive(deviceId)) res.write(frame);
      else {
        streams.delete(res);
        res.end();
      }
    }
  };
  const unsubscribe = routes.subscribe((message) => send(`data: ${JSON.stringify(message)}\n\n`));
  const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://hub');
    const address = req.socket.remoteAddress ?? null;
    if (url.pathname === '/pair/hello' && req.method === 'POST') return sendJson(res, 200, { ok: true, result: await pairing.hello() });
    if (url.pathname === '/pair/join' && req.method === 'POST') {
      const input = PairJoinInput.safeParse(await readBody(req));
      if (!input.success) throw new KiteError('bad_request', 'The pairing request is not valid.');
      return sendJson(res, 200, { ok: true, result: await pairing.join(input.data, address) });
    }
    if (headset.claims(url.pathname)) return headset.handle(req, res, url);
    if (!url.pathname.startsWith('/room/')) throw new KiteError('not_found', 'Not found.');
    const device = devices.authenticate(bearer(req.headers.authorization), address);
    if (url.pathname === '/room/stream' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.set(res, device.id);
      req.on('close', () => streams.delete(res));
      log.info('a pupil PC connected to the room stream', { id: device.id, name: device.name });
      return;
    }
    const download = req.method === 'GET' || req.method === 'HEAD' ? routes.download(url.pathname.slice('/room/'.length)) : undefined;
    if (download) return download.handler(device, download.rest, req, res);
    if (req.method !== 'POST') throw new KiteError('bad_request', 'Room calls are made with POST.');
    const name = url.pathname.slice('/room/'.length);
    return sendJson(res, 200, { ok: true, result: (await routes.call(name, device, await readBody(req))) ?? null });
  }

  return {
    handler(req: http.IncomingMessage, res: http.ServerResponse): void {
      handle(req, res).catch((error: unknown) => {
        if (!(error instanceof KiteError)) log.error('room request failed', { url: req.url, error: error instanceof Error ? error.stack : String(error) });
        const payload: ErrorPayload = error instanceof KiteError ? error.toPayload() : { code: 'internal', message: 'Something went wrong on the teacher\'s PC.' };
        if (!res.headersSent) sendJson(res, HTTP_STATUS[payload.code], { ok: false, error: payload });
        else res.destroy();
      });
    },
    /** Pupil PCs connected to the stream now. */
    connected: () => streams.size,
    /** The devices connected to the stream now (the "online" of the teacher's views). */
    connectedIds: () => new Set(streams.values()),
    close(): void {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of streams.keys()) res.end();
      streams.clear();
    },
  };
}
export type RoomHandler = ReturnType<typeof createRoomHandler>;

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._-]{10,200})$/.exec(header ?? '');
  return match?.[1];
}
