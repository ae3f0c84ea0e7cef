import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Receipt } from '../../../shared/county/bundle';
import { HTTP_STATUS, KiteError } from '../../../shared/errors';
import type { Language } from '../../../shared/languages';
import { errorLines, message } from '../../../shared/messages';
import { writeFileAtomic } from '../../fs/atomic';
import type { Logger } from '../../log/logger';
import type { Dashboard } from '../dashboard-types';
import type { Viewers } from '../viewers';
import { COUNTY_CSS } from './css';
import { cookie, MAX_BUNDLE_BYTES, multipartFile, readBody, readForm, redirect, sameOrigin, send } from './http';
import { dashboardPage } from './pages/dashboard-page';
import { signInPage, uploadPage, type SignInNotice } from './pages/forms';
import { page, type PageContext } from './pages/layout';
import { dashboardTables, TABLE_IDS, type TableId } from './tables';
import { COUNTY_TEXT } from './text';
import { html } from './html';

export interface CountyRoutesOptions {
  viewers: Viewers;
  /** Verify a bundle whole (readBundle) and ingest it (county-store): the receipt, or a KiteError and nothing changed. */
  ingest(bytes: Buffer): Promise<{ receipt: Receipt; schoolName: string }>;
  dashboard(lang: Language): Promise<Dashboard>;
  /** Where receipts of uploaded bundles are kept for download (<data>/receipts). */
  receiptsDir: string;
  log: Logger;
}

const SESSION = 'kite_county_session';
const LANG = 'kite_county_lang';
const HTML = 'text/html; charset=utf-8';

function languageOf(req: http.IncomingMessage, url: URL): { lang: Language; chosen: boolean } {
  const asked = url.searchParams.get('lang');
  if (asked === 'en' || asked === 'zh-CN') return { lang: asked, chosen: true };
  const kept = cookie(req, LANG);
  if (kept === 'en' || kept === 'zh-CN') return { lang: kept, chosen: false };
  // Chinese first: English only when the browser asks for English before any Chinese.
  const accept = (req.headers['accept-language'] ?? '').toLowerCase();
  return { lang: /^en\b/.test(accept) && !/^zh/.test(accept) ? 'en' : 'zh-CN', chosen: false };
}

/** The county server's pages and API (HTTPS, see index.ts). Viewers see everything read-only; schools push bundles. */
export function createCountyRoutes(options: CountyRoutesOptions) {
  const { viewers, log } = options;
  const sessionCookie = (token: string, maxAge?: number) => `${SESSION}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

  async function push(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BUNDLE_BYTES);
    const { receipt } = await options.ingest(body);
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(receipt));
  }

  async function upload(req: http.IncomingMessage, ctx: PageContext) {
    const t = COUNTY_TEXT[ctx.lang];
    try {
      const file = multipartFile(req.headers['content-type'], await readBody(req, MAX_BUNDLE_BYTES + 64 * 1024), 'bundle');
      if (!file || file.length === 0) return uploadPage(ctx, { ok: false, message: t.upload.noFile });
      const { receipt, schoolName } = await options.ingest(file);
      fs.mkdirSync(options.receiptsDir, { recursive: true });
      writeFileAtomic(path.join(options.receiptsDir, `${receipt.bundleChain}.kreceipt`), JSON.stringify(receipt, null, 2) + '\n');
      log.info('a bundle was uploaded', { viewer: ctx.viewer, school: receipt.schoolKeyId, added: receipt.added, again: receipt.again });
      return uploadPage(ctx, { ok: true, receipt, school: schoolName, receiptId: receipt.bundleChain });
    } catch (error) {
      if (!(error instanceof KiteError)) throw error;
      const [sentence = '', details] = errorLines((key, params) => message(ctx.lang, key, params), error, true).split('\n');
      return uploadPage(ctx, { ok: false, message: sentence, details });
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://county');
    const { lang, chosen } = languageOf(req, url);
    if (chosen) res.setHeader('Set-Cookie', `${LANG}=${lang}; Path=/; Secure; SameSite=Strict; Max-Age=31536000`);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/bundles') return push(req, res);
    if (route === 'GET /county.css') return send(res, 200, 'text/css; charset=utf-8', COUNTY_CSS, { 'Cache-Control': 'max-age=3600' });
    if (req.method === 'POST' && !sameOrigin(req)) throw new KiteError('forbidden', 'A form from another site was refused.');
    const token = cookie(req, SESSION);
    const viewer = await viewers.viewerOf(token);
    const ctx: PageContext = { lang, viewer, path: url.pathname + url.search };
    if (route === 'GET /sign-in') return send(res, 200, HTML, signInPage({ ...ctx, viewer: undefined }, url.searchParams.has('expired') ? { kind: 'expired' } : undefined));
    if (route === 'POST /sign-in') {
      const form = await readForm(req);
      const name = form.get('name') ?? '';
      const outcome = await viewers.signIn(name, form.get('password') ?? '', req.socket.remoteAddress ?? '');
      if (outcome.ok) return redirect(res, '/dashboard', { 'Set-Cookie': [sessionCookie(outcome.token), ...[res.getHeader('Set-Cookie') ?? []].flat().map(String)] });
      const notice: SignInNotice = outcome.reason === 'locked' ? { kind: 'locked', seconds: outcome.seconds } : { kind: 'wrong' };
      return send(res, outcome.reason === 'locked' ? 429 : 401, HTML, signInPage({ ...ctx, viewer: undefined, path: '/sign-in' }, notice, name));
    }
    if (!viewer) {
      // Any page or download asked for while signed out leads to the sign-in page (a bookmarked CSV link too).
      if (req.method === 'GET') return redirect(res, `/sign-in${token ? '?expired=1' : ''}`);
      throw new KiteError('forbidden', 'Please sign in.');
    }
    if (route === 'POST /sign-out') {
      await viewers.signOut(token);
      return redirect(res, '/sign-in', { 'Set-Cookie': sessionCookie('', 0) });
    }
    if (route === 'GET /' ) return redirect(res, '/dashboard');
    if (route === 'GET /dashboard') return send(res, 200, HTML, dashboardPage(ctx, await options.dashboard(lang)));
    if (route === 'GET /upload') return send(res, 200, HTML, uploadPage(ctx, undefined));
    if (route === 'POST /upload') return send(res, 200, HTML, await upload(req, ctx));
    const csv = /^\/csv\/([a-z]+)\.csv$/.exec(url.pathname);
    if (req.method === 'GET' && csv && (TABLE_IDS as readonly string[]).includes(csv[1] as string)) {
      const id = csv[1] as TableId;
      const table = dashboardTables(await options.dashboard(lang), lang)[id];
      const day = new Date().toISOString().slice(0, 10);
      return send(res, 200, 'text/csv; charset=utf-8', table.csv(), { 'Content-Disposition': `attachment; filename="county-${id}-${day}.csv"` });
    }
    const receipt = /^\/receipts\/([0-9a-f]{64})\.kreceipt$/.exec(url.pathname);
    if (req.method === 'GET' && receipt) {
      const file = path.join(options.receiptsDir, `${receipt[1]}.kreceipt`);
      if (fs.existsSync(file)) return send(res, 200, 'application/json; charset=utf-8', fs.readFileSync(file), { 'Content-Disposition': `attachment; filename="${receipt[1]?.slice(0, 16)}.kreceipt"` });
    }
    throw new KiteError('not_found', 'Not found.');
  }

  function fail(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
    if (!(error instanceof KiteError)) log.error('county request failed', { url: req.url, error: error instanceof Error ? error.stack : String(error) });
    if (res.headersSent) return void res.destroy();
    const payload = error instanceof KiteError ? error.toPayload() : { code: 'internal' as const, message: 'Something went wrong on the county server.' };
    const status = typeof payload.details?.status === 'number' ? payload.details.status : HTTP_STATUS[payload.code];
    if ((req.url ?? '').startsWith('/api/')) return send(res, status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error: payload }));
    const url = new URL(req.url ?? '/', 'https://county');
    const { lang } = languageOf(req, url);
    const text = payload.code === 'not_found' ? COUNTY_TEXT[lang].notFound : errorLines((key, params) => message(lang, key, params), payload);
    send(res, status, HTML, page({ lang, path: url.pathname }, text, html`<div class="notice error" role="alert">${text}</div><p><a href="/dashboard">${COUNTY_TEXT[lang].nav.dashboard}</a></p>`));
  }

  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((error: unknown) => fail(req, res, error));
  };
}
