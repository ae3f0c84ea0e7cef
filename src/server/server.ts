import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import { createDispatcher } from '../handlers/dispatch';
import { resolveAsset } from '../handlers/routes/assets';
import { receiveUpload, uploadKindAt } from '../handlers/routes/upload';
import { SECURITY_HEADERS } from '../shared/csp';
import { HTTP_STATUS, type ErrorPayload } from '../shared/errors';
import { eventVisibleTo } from '../shared/contract';
import { createHubListener } from './mux';
import { httpsAddress, lanAddresses } from '../core/hub/addresses';
import { decodeUrlPart, resolveInside } from '../core/fs/safe-path';
import { sendFile } from '../core/fs/send-file';
import { readCookie } from '../core/hub/http-json';

export { sendFile };

export interface ServerOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  host?: string;
  /**
   * Classroom hub mode: listen on every network (host 0.0.0.0 unless given) and answer other PCs
   * only with the room API over HTTPS (src/server/mux.ts). This PC's browser host stays plain HTTP
   * on loopback, with the same Host check as always.
   */
  hub?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  rendererBuilt: boolean;
  /** In hub mode: the HTTPS addresses other PCs join (best first). */
  hubAddresses?: string[];
  close(): Promise<void>;
}

const SESSION_COOKIE = 'kite_session';
const MAX_BODY_BYTES = 1_000_000;

export class ServerStartError extends Error {}

/** The browser host: the built renderer, POST /api/<method>, GET /api/events (SSE), with the same handlers as Electron. */
export async function startServer({ core, rendererDir, port = 5317, host, hub = false }: ServerOptions): Promise<RunningServer> {
  const dispatch = createDispatcher(core);
  const rendererBuilt = fs.existsSync(path.join(rendererDir, 'index.html'));
  if (!rendererBuilt) core.log.warn(`The app's screens are not built (no ${path.join(rendererDir, 'index.html')}): run "npm run build".`);
  /** Each event stream with the session it was opened by: events go only to the roles that may see them. */
  const sseClients = new Map<http.ServerResponse, string>();
  let boundPort = port;

  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const [client, sessionId] of sseClients) if (eventVisibleTo(name, core.sessions.roleOf(sessionId))) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    handle(req, res).catch((error: unknown) => {
      core.log.error('request failed', { url: req.url, error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'Something went wrong inside the app.' });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLocalHost(req.headers.host, boundPort)) {
      return sendError(res, { code: 'forbidden', message: 'This server only answers on this PC (open it as http://127.0.0.1:<port>/).' });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    // On a hub, a headset's first page (the one other machines get in clear too) answers here as well.
    if (hub && (url.pathname === '/headset' || url.pathname === '/headset/')) return core.hub.answerPlainHttp(req, res);

    if (url.pathname === '/api/events') {
      const session = sessionFor(req, res);
      if (req.method !== 'GET') return sendError(res, { code: 'bad_request', message: 'Use GET for /api/events.' });
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.set(res, session.id);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    const uploadKind = uploadKindAt(url.pathname);
    if (uploadKind) {
      if (req.method !== 'POST') return sendError(res, { code: 'bad_request', message: `Send the file with POST to ${url.pathname}.` });
      const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
      const reply = await receiveUpload(core, uploadKind, url.searchParams.get('token'), req, declared);
      // A refused upload may leave its body unread: close the connection rather than read it all.
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(reply.status === 200 ? {} : { Connection: 'close' }) });
      res.end(JSON.stringify(reply.json));
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError(res, { code: 'bad_request', message: 'API methods are called with POST.' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, { code: 'bad_request', message: 'API calls must send JSON (Content-Type: application/json).' });
      }
      const body = await readBody(req);
      if (body === undefined) return sendError(res, { code: 'bad_request', message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` });
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendError(res, { code: 'bad_request', message: 'The request body is not valid JSON.' });
      }
      const session = sessionFor(req, res);
      const method = decodeUrlPart(url.pathname.slice('/api/'.length));
      if (method === undefined) return sendError(res, { code: 'bad_request', message: 'The method name in the address is not valid percent-encoding.' });
      const envelope = await dispatch(method, input, { session });
      const status = envelope.ok ? 200 : HTTP_STATUS[envelope.error.code];
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(envelope));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'Only GET is allowed here.' });
    const asset = resolveAsset(core, url.pathname);
    if (asset.claimed) {
      if (!asset.file) return sendError(res, { code: 'not_found', message: 'Not found.' });
      return sendFile(req, res, asset.file, 'no-cache', asset.headers);
    }
    return serveRenderer(url.pathname, req, res);
  }

  function serveRenderer(pathname: string, req: http.IncomingMessage, res: http.ServerResponse) {
    if (!rendererBuilt) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Kite Classroom: the app\'s screens are not built yet. Run "npm run build", then start again.\n');
      return;
    }
    const looksLikeFile = path.posix.extname(pathname) !== '';
    const file = resolveInside(rendererDir, looksLikeFile ? pathname : '/index.html');
    if (!file || !fs.statSync(file).isFile()) return sendError(res, { code: 'not_found', message: 'Not found.' });
    // The app's page gets its session cookie with it, so the page's first calls (and its event stream) share one session.
    if (path.basename(file) === 'index.html') sessionFor(req, res);
    sendFile(req, res, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  }

  function sessionFor(req: http.IncomingMessage, res: http.ServerResponse) {
    const existing = core.sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (existing) return existing;
    const session = core.sessions.create({ local: isLoopback(req.socket.remoteAddress) });
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Strict`);
    return session;
  }

  const listenHost = host ?? (hub ? '0.0.0.0' : '127.0.0.1');
  const room = hub ? await hubListener(core, server, rendererDir) : undefined;
  const listener = room?.listener ?? server;
  await new Promise<void>((resolve, reject) => {
    listener.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ServerStartError(`Port ${port} is already in use. Start with --port N to pick another (or --port 0 for any free port).`));
      else if (error.code === 'EACCES') reject(new ServerStartError(`Not allowed to listen on ${listenHost}:${port}. Pick a port above 1024 with --port N.`));
      else reject(new ServerStartError(`Cannot listen on ${listenHost}:${port}: ${error.message}`));
    });
    listener.listen(port, listenHost, () => resolve());
  });
  boundPort = (listener.address() as AddressInfo).port;
  const shownHost = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${boundPort}/`;
  const hubAddresses = hub ? (listenHost === '0.0.0.0' ? lanAddresses() : [listenHost]).map((a) => httpsAddress(a, boundPort)) : undefined;
  if (hubAddresses) core.hub.setServing(hubAddresses);
  // Pupil PCs on the network can find the room (kite join without an address); loopback-only hubs stay unadvertised.
  const advertised = hub && listenHost !== '127.0.0.1' ? await core.hub.advertise(boundPort) : undefined;
  core.log.info('browser host listening', { url, hubAddresses });

  return {
    url,
    port: boundPort,
    rendererBuilt,
    hubAddresses,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients.keys()) client.end();
        if (hub) core.hub.roomHandler().close();
        void advertised?.stop();
        listener.close(() => resolve());
        server.closeAllConnections();
        room?.closeAll();
      }),
  };
}

/** Hub mode: this PC's role becomes hub, with its certificate (made on the first start) on the shared port. */
async function hubListener(core: Core, local: http.Server, rendererDir: string) {
  core.hub.setRole('hub');
  const identity = await core.hub.identity();
  core.hub.headset.setAppDir(rendererDir);
  const plain: http.RequestListener = (req, res) => void core.hub.answerPlainHttp(req, res).catch(() => res.destroy());
  return createHubListener(local, { certPem: identity.certPem, keyPem: identity.keyPem, handler: core.hub.roomHandler().handler, plain }, isLoopback);
}

function sendError(res: http.ServerResponse, error: ErrorPayload): void {
  res.writeHead(HTTP_STATUS[error.code], { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error }));
}

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request comes from this PC itself (not another PC of the classroom). */
function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function isLocalHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}
