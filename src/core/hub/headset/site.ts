import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { KiteError } from '../../../shared/errors';
import { SECURITY_HEADERS, assetHeaders } from '../../../shared/csp';
import { HEADSET_APP_FILE, HEADSET_COOKIE, HeadsetJoinInput, type HeadsetCatalogue, type HeadsetItem } from '../../../shared/headset';
import { resolveInside } from '../../fs/safe-path';
import { sendFile } from '../../fs/send-file';
import type { Devices } from '../devices';
import type { Pairing } from '../pairing';
import { readCookie, readJson, sendJson } from '../http-json';
import { noTour, openTourStream, type HeadsetTour } from './tour';

/** What a headset may see: the gallery's 360° photos and videos, and their files. Set by the core (it knows the gallery). */
export interface HeadsetContent {
  items(): HeadsetItem[];
  /** The file for a name below /headset/media/ when it belongs to one of those items, else undefined. */
  file(name: string): { file: string; contentType: string } | undefined;
}

const BASE = '/headset/';
/** Built files any page may load: the controller layouts and the icon. */
const SHARED_FILE = /^(xr-profiles\/[A-Za-z0-9_./-]+\.(json|svg|glb)|favicon\.svg)$/;
/** Vite's list of what each built page loads (electron.vite.config.ts: renderer build.manifest). */
export const RENDERER_MANIFEST = 'vite-manifest.json';

type ManifestChunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; assets?: string[] };

/**
 * The built files the headset page loads, from Vite's manifest: its entry and every chunk, style and
 * asset it imports, at once or later (the VR viewer and demos). The teacher's app's own chunks are
 * not among them, so a headset cannot load them. No manifest (not built yet): none.
 */
function headsetFiles(appDir: string): ReadonlySet<string> {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(appDir, RENDERER_MANIFEST), 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return new Set();
  }
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(HEADSET_APP_FILE);
  files.delete(HEADSET_APP_FILE); // the page itself is served at /headset/
  return files;
}
/** A headset's cookie outlives a school year; removing the headset on the room tab ends it at once. */
const COOKIE_SECONDS = 400 * 24 * 3600;
const MAX_BODY_BYTES = 10_000;

/**
 * The hub's pages for VR headsets over its HTTPS (a secure context, which WebXR needs), beside the room
 * API and nothing more: the headset app's built files (an allow-list), joining with the code (which sets
 * an HttpOnly, Secure, SameSite=Strict cookie on /headset holding the device credential, hashed on the hub
 * like a PC's bearer), and with that cookie the 360° catalogue and its files (HTTP Range). A pupil PC's
 * credential opens none of it, and a headset's none of the room API.
 */
export function createHeadsetSite(pairing: Pairing, devices: Devices) {
  let appDir: string | undefined;
  let appFiles: ReadonlySet<string> = new Set();
  let content: HeadsetContent = { items: () => [], file: () => undefined };
  let tour: HeadsetTour = noTour;
  /** Open tour streams, ended when the hub closes. */
  const streams = new Set<() => void>();

  function device(req: http.IncomingMessage) {
    return devices.authenticate(readCookie(req.headers.cookie, HEADSET_COOKIE), req.socket.remoteAddress ?? null, 'headset');
  }

  async function api(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (name === 'join' && req.method === 'POST') {
      const input = HeadsetJoinInput.safeParse(await readJson(req, MAX_BODY_BYTES));
      if (!input.success) throw new KiteError('invalid_input', 'The join code is six digits.');
      const { device: joined, token } = pairing.joinHeadset(input.data.code, req.socket.remoteAddress ?? null);
      const cookie = `${HEADSET_COOKIE}=${token}; Path=/headset; Max-Age=${COOKIE_SECONDS}; HttpOnly; Secure; SameSite=Strict`;
      return sendJson(res, 200, { ok: true, result: { name: joined.name } }, { ...SECURITY_HEADERS, 'Set-Cookie': cookie });
    }
    if (name === 'catalogue' && req.method === 'GET') {
      const me = device(req);
      const result: HeadsetCatalogue = { name: me.name, items: content.items() };
      return sendJson(res, 200, { ok: true, result }, SECURITY_HEADERS);
    }
    if (name === 'stream' && req.method === 'GET') {
      const stop = openTourStream(req, res, tour, devices, device(req).id, SECURITY_HEADERS);
      streams.add(stop);
      return void req.on('close', () => streams.delete(stop));
    }
    if (name === 'gaze' && req.method === 'POST') {
      const me = device(req);
      return sendJson(res, 200, { ok: true, result: tour.gaze(me, await readJson(req, MAX_BODY_BYTES)) }, SECURITY_HEADERS);
    }
    throw new KiteError('not_found', 'Not found.');
  }

  return {
    /** Where the built renderer is (its headset page and assets); set by the host that serves the room. */
    setAppDir(dir: string): void {
      appDir = dir;
      appFiles = headsetFiles(dir);
    },
    setContent(next: HeadsetContent): void {
      content = next;
    },
    /** The class session's guided tour, which joined headsets follow (set by the core on the hub). */
    setTour(next: HeadsetTour): void {
      tour = next;
    },
    /** Ends the open tour streams (the hub stops). */
    close(): void {
      for (const stop of streams) stop();
      streams.clear();
    },
    /** Claims /headset and below; every other path stays the room server's. */
    claims: (pathname: string) => pathname === '/headset' || pathname.startsWith(BASE),

    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
      const rest = url.pathname.slice(BASE.length);
      if (url.pathname === '/headset') {
        res.writeHead(301, { Location: BASE, 'Cache-Control': 'no-store' });
        return void res.end();
      }
      if (rest.startsWith('api/')) return api(rest.slice('api/'.length), req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new KiteError('bad_request', 'Only GET is allowed here.');
      if (rest.startsWith('media/')) {
        device(req);
        const found = content.file(rest.slice('media/'.length));
        if (!found) throw new KiteError('not_found', 'Not found.');
        return sendFile(req, res, found.file, 'private, no-cache', assetHeaders(found.contentType));
      }
      const file = appDir && (rest === '' ? resolveInside(appDir, HEADSET_APP_FILE) : appFiles.has(rest) || SHARED_FILE.test(rest) ? resolveInside(appDir, rest) : undefined);
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw new KiteError('not_found', 'Not found.');
      const page = path.basename(file) === HEADSET_APP_FILE;
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      sendFile(req, res, file, rest.startsWith('assets/') ? 'public, max-age=31536000, immutable' : page ? 'no-store' : 'no-cache');
    },
  };
}
export type HeadsetSite = ReturnType<typeof createHeadsetSite>;
