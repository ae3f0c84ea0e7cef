import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounty, type County } from '../../src/core/county/store';
import { createViewers, LOCK_MS, MAX_TRIES, SESSION_IDLE_MS } from '../../src/core/county/viewers';
import { serveCounty } from '../../src/core/county/web';
import { createFileLogger } from '../../src/core/log/logger';
import { Receipt } from '../../src/shared/county/bundle';
import { makeSchool, schoolBundle, schoolKey } from '../support/county-school';
import { countyRequest, multipartBody, type Reply } from '../support/county-web';

const right = { hardRight: true, easyRight: true, finish: true };
const PASSWORD = 'county-viewer-pass';

describe('the county server', () => {
  const dirs: string[] = [];
  const suiteDir = (prefix: string) => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    return dirs.at(-1) as string;
  };
  let county: County;
  let server: Awaited<ReturnType<typeof serveCounty>>;
  let school: Awaited<ReturnType<typeof makeSchool>>;
  let base: string;
  let logDir: string;
  let countyDir: string;
  const get = (p: string, headers: Record<string, string> = {}) => countyRequest(base + p, server.fingerprint, { headers });
  const post = (p: string, body: Buffer | string, headers: Record<string, string>) => countyRequest(base + p, server.fingerprint, { method: 'POST', body, headers });
  const sessionOf = (reply: Reply) => /kite_county_session=([^;]+)/.exec(String(reply.headers['set-cookie']))?.[1] ?? '';
  const signIn = async (name = 'county-it', password = PASSWORD) => post('/sign-in', new URLSearchParams({ name, password }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

  beforeAll(async () => {
    const dataDir = suiteDir('kite-county-');
    county = await openCounty({ dataDir });
    school = await makeSchool(4, [right, right, right], suiteDir('kite-school-'));
    await county.schools.add(schoolKey(school.dataDir), '北坡小学');
    await createViewers(county.db).add('county-it', PASSWORD);
    logDir = suiteDir('kite-logs-');
    countyDir = dataDir;
    server = await serveCounty({ county, dataDir, port: 0, host: '127.0.0.1', packsDir: suiteDir('kite-no-packs-'), log: createFileLogger({ dir: logDir }) });
    base = server.urls[0] as string;
  }, 90_000);
  afterAll(async () => {
    await server.close();
    await county.close();
    school.core.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says its certificate is the county's, not a hub's (log and certificate name)", () => {
    const log = fs.readFileSync(path.join(logDir, 'kite.log'), 'utf8');
    expect(log).toContain('county certificate made');
    expect(log).not.toMatch(/hub/i);
    const { certPem } = JSON.parse(fs.readFileSync(path.join(countyDir, 'tls', 'identity.json'), 'utf8')) as { certPem: string };
    expect(new crypto.X509Certificate(certPem).subject).toBe('CN=Kite Classroom county');
  });

  it('takes a pushed bundle over HTTPS and answers with the signed receipt; the same push again adds nothing', async () => {
    const bytes = await schoolBundle(school.core, school.dataDir);
    const first = await post('/api/bundles', bytes, { 'content-type': 'application/octet-stream' });
    expect(first.status).toBe(200);
    const receipt = Receipt.parse(JSON.parse(first.text));
    expect(receipt).toMatchObject({ added: 3 * 3, again: 0, gaps: [] });
    const again = Receipt.parse(JSON.parse((await post('/api/bundles', bytes, { 'content-type': 'application/octet-stream' })).text));
    expect(again).toMatchObject({ added: 0, again: 9 });
  });

  it('refuses a damaged push with a clear error and changes nothing', async () => {
    const bytes = await schoolBundle(school.core, school.dataDir);
    const cut = await post('/api/bundles', bytes.subarray(0, bytes.length - 20), { 'content-type': 'application/octet-stream' });
    expect(cut.status).toBe(422);
    expect(JSON.parse(cut.text)).toMatchObject({ ok: false, error: { code: 'bundle_truncated' } });
    const stranger = await makeSchool(2, [right], suiteDir('kite-stranger-'));
    const unknown = await post('/api/bundles', await schoolBundle(stranger.core, stranger.dataDir), { 'content-type': 'application/octet-stream' });
    stranger.core.close();
    expect(unknown.status).toBe(403);
    expect((await county.schools.list())[0]?.events).toBe(9);
  });

  it('shows nothing before sign-in, and refuses a wrong password then locks the name', async () => {
    const page = await get('/dashboard');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in');
    expect((await get('/csv/schools.csv')).headers.location).toBe('/sign-in');
    expect((await post('/upload', 'x', { 'content-type': 'application/octet-stream' })).status).toBe(403);
    const wrong = await signIn('county-it', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('用户名或密码不对。');
    expect(sessionOf(wrong)).toBe('');
  });

  it('signs a viewer in; the dashboard shows the pushed school, in Chinese first and in English on request', async () => {
    const ok = await signIn();
    expect(ok.status).toBe(303);
    const cookie = `kite_county_session=${sessionOf(ok)}`;
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly; Secure; SameSite=Strict/);
    const zh = await get('/dashboard', { cookie });
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('北坡小学');
    expect(zh.text).toContain('4 年级');
    expect(zh.headers['content-security-policy']).toContain("default-src 'none'");
    const en = await get('/dashboard?lang=en', { cookie });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Completion by grade and lesson');
    // The choice is kept in a cookie.
    expect(String(en.headers['set-cookie'])).toContain('kite_county_lang=en');
  });

  it('exports every table as CSV with the columns the page shows', async () => {
    const cookie = `kite_county_session=${sessionOf(await signIn())}`;
    for (const table of ['schools', 'completion', 'hardest', 'weeks']) {
      const csv = await get(`/csv/${table}.csv?lang=en`, { cookie });
      expect(csv.status, table).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.text.startsWith('\uFEFF'), table).toBe(true);
    }
    const schools = (await get('/csv/schools.csv?lang=zh-CN', { cookie })).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(schools[0]).toBe('学校,最后同步,状态,学生（人）,记录（条）,数据包,学校编号');
    expect(schools[1]).toMatch(/^北坡小学,\d{4}-\d{2}-\d{2} \d{2}:\d{2},正常,3,9,2,[0-9a-f]{16}$/);
    const completion = (await get('/csv/completion.csv?lang=en', { cookie })).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(completion[1]).toBe('Grade 4,org.kiteclassroom.safe-start / my-secrets,3,3,100,3.0');
  });

  it('takes a bundle from USB through the upload page, with a receipt to download', async () => {
    const cookie = `kite_county_session=${sessionOf(await signIn())}`;
    const { body, contentType } = multipartBody('bundle', 'school.kbundle', await schoolBundle(school.core, school.dataDir));
    const page = await post('/upload', body, { cookie, 'content-type': contentType });
    expect(page.status).toBe(200);
    expect(page.text).toContain('已收到“北坡小学”的数据包：新增 0 条记录，已有 9 条。');
    const link = /href="(\/receipts\/[0-9a-f]{64}\.kreceipt)"/.exec(page.text)?.[1] as string;
    const receipt = await get(link, { cookie });
    expect(Receipt.parse(JSON.parse(receipt.text))).toMatchObject({ again: 9 });
    const bad = multipartBody('bundle', 'notes.kbundle', Buffer.from('not a bundle'));
    const refused = await post('/upload', bad.body, { cookie, 'content-type': bad.contentType });
    expect(refused.text).toContain('这个数据包没有导入，什么都没有改变。');
  });

  it('refuses a form posted from another site', async () => {
    const cookie = `kite_county_session=${sessionOf(await signIn())}`;
    const reply = await post('/sign-out', '', { cookie, origin: 'https://elsewhere.example' });
    expect(reply.status).toBe(403);
    // What Chromium sends for a form on another site under our no-referrer policy.
    expect((await post('/sign-out', '', { cookie, origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/dashboard', { cookie })).status).toBe(200);
    const out = await post('/sign-out', '', { cookie, origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    expect((await get('/dashboard', { cookie })).headers.location).toBe('/sign-in?expired=1');
  });
});

describe('viewer accounts', () => {
  it('keep hashed passwords, lock a name after wrong tries, and end idle sessions', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-viewers-'));
    const county = await openCounty({ dataDir });
    let now = Date.parse('2026-12-03T08:00:00Z');
    const viewers = createViewers(county.db, () => now);
    try {
      await viewers.add('王老师', PASSWORD);
      await expect(viewers.add('王老师', PASSWORD)).rejects.toMatchObject({ code: 'duplicate_name' });
      await expect(viewers.add('short', 'too-short')).rejects.toMatchObject({ code: 'invalid_input' });
      const stored = await county.db.query<{ password_hash: string }>('SELECT password_hash FROM county_viewers');
      expect(stored[0]?.password_hash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);

      for (let i = 1; i < MAX_TRIES; i++) expect(await viewers.signIn('王老师', 'wrong password', '10.0.0.9')).toEqual({ ok: false, reason: 'wrong' });
      expect(await viewers.signIn('王老师', 'wrong password', '10.0.0.9')).toEqual({ ok: false, reason: 'locked', seconds: LOCK_MS / 1000 });
      // Locked: even the right password waits.
      expect(await viewers.signIn('王老师', PASSWORD, '10.0.0.8')).toMatchObject({ ok: false, reason: 'locked' });
      now += LOCK_MS;
      const signedIn = await viewers.signIn('王老师', PASSWORD, '10.0.0.8');
      expect(signedIn.ok).toBe(true);
      const token = signedIn.ok ? signedIn.token : '';
      expect(await viewers.viewerOf(token)).toBe('王老师');
      const rows = await county.db.query<{ token_hash: string }>('SELECT token_hash FROM county_viewer_sessions');
      expect(rows[0]?.token_hash).not.toBe(token);
      now += SESSION_IDLE_MS + 1;
      expect(await viewers.viewerOf(token)).toBeUndefined();
      // A new password ends every session; a removed viewer cannot sign in.
      const again = await viewers.signIn('王老师', PASSWORD, '10.0.0.8');
      await viewers.setPassword('王老师', 'another-long-password');
      expect(await viewers.viewerOf(again.ok ? again.token : '')).toBeUndefined();
      await viewers.remove('王老师');
      expect(await viewers.signIn('王老师', 'another-long-password', '10.0.0.8')).toEqual({ ok: false, reason: 'wrong' });
    } finally {
      await county.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
