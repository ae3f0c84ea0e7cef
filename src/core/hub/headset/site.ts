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

/** What a headset may see: the gallery's 360° photos and videos, and their files. Set by the core (it knows the gallery). */
export interface HeadsetContent {
  items(): HeadsetItem[];
  /** The file for a name below /headset/media/ when it belongs to one of those items, else undefined. */
  file(name: string): { file: string; contentType: string } | undefined;
}

const BASE = '/headset/';
/** Built files the headset page may load: its hashed scripts and styles, the controller layouts, the icon. */
const APP_FILE = /^(assets\/[A-Za-z0-9_.-]+\.(js|css|svg|png|jpg|woff2|wasm)|xr-profiles\/[A-Za-z0-9_./-]+\.(json|svg|glb)|favicon\.svg)$/;
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
  let content: HeadsetContent = { items: () => [], file: () => undefined };

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
    throw new KiteError('not_found', 'Not found.');
  }

  return {
    /** Where the built renderer is (its headset page and assets); set by the host that serves the room. */
    setAppDir(dir: string): void {
      appDir = dir;
    },
    setContent(next: HeadsetContent): void {
      content = next;
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
      const file = appDir && (rest === '' ? resolveInside(appDir, HEADSET_APP_FILE) : APP_FILE.test(rest) ? resolveInside(appDir, rest) : undefined);
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw new KiteError('not_found', 'Not found.');
      const page = path.basename(file) === HEADSET_APP_FILE;
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      sendFile(req, res, file, rest.startsWith('assets/') ? 'public, max-age=31536000, immutable' : page ? 'no-store' : 'no-cache');
    },
  };
}
export type HeadsetSite = ReturnType<typeof createHeadsetSite>;
