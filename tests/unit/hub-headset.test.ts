import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { migrations } from '../../src/core/db/migrations';
import { createDevices } from '../../src/core/hub/devices';
import { makeJpeg } from '../support/media';
import { tempDir } from '../support/temp';
import { rawHttps, startHub, startPupilPc } from '../support/room';
import { RENDERER_MANIFEST } from '../../src/core/hub/headset/site';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A hub (real core, real TLS) with a 360° photo and a flat one in its gallery, and a built headset page. */
async function hubWithGallery(options: { onNetwork?: boolean } = {}) {
  const hub = await startHub(undefined, 0, options);
  const card = tempDir('kite-card-');
  makeJpeg(path.join(card, 'DCIM', 'PANO_0001.JPG'), '1024x512');
  makeJpeg(path.join(card, 'DCIM', 'FLAT_0002.JPG'), '800x600');
  await hub.core.media.importFolder(card);
  const items = hub.core.media.list();
  const pano = items.find((i) => i.panorama)!;
  const flat = items.find((i) => !i.panorama)!;
  const app = tempDir('kite-renderer-');
  fs.mkdirSync(path.join(app, 'assets'));
  fs.writeFileSync(path.join(app, 'headset.html'), '<!doctype html><title>headset</title>');
  fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><title>the teacher app</title>');
  // What Vite's manifest says each page loads: the headset page, a shared chunk, the VR viewer it loads later and its style.
  const built = { 'assets/headset-abc.js': 'console.log(1)', 'assets/shared-def.js': '', 'assets/vr-ghi.js': '', 'assets/vr-ghi.css': '', 'assets/index-xyz.js': 'the teacher app', 'assets/teacher-jkl.js': '' };
  for (const [file, text] of Object.entries(built)) fs.writeFileSync(path.join(app, file), text);
  fs.writeFileSync(
    path.join(app, RENDERER_MANIFEST),
    JSON.stringify({
      'headset.html': { file: 'assets/headset-abc.js', isEntry: true, imports: ['_shared-def.js'], dynamicImports: ['features/vr/Vr.tsx'] },
      '_shared-def.js': { file: 'assets/shared-def.js' },
      'features/vr/Vr.tsx': { file: 'assets/vr-ghi.js', imports: ['_shared-def.js'], css: ['assets/vr-ghi.css'] },
      'index.html': { file: 'assets/index-xyz.js', isEntry: true, imports: ['_shared-def.js'], dynamicImports: ['features/teacher/Teacher.tsx'] },
      'features/teacher/Teacher.tsx': { file: 'assets/teacher-jkl.js' },
    }),
  );
  fs.mkdirSync(path.join(app, 'xr-profiles', 'generic-trigger'), { recursive: true });
  fs.writeFileSync(path.join(app, 'xr-profiles', 'profilesList.json'), '{}');
  fs.writeFileSync(path.join(app, 'notes.txt'), 'not for headsets');
  hub.core.hub.headset.setAppDir(app);
  return { hub, pano, flat, url: (p: string) => `${hub.address}${p}` };
}

async function joinHeadset(url: (p: string) => string, code: string) {
  const res = await rawHttps(url('/headset/api/join'), { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code }) });
  const setCookie = res.headers['set-cookie']?.[0] ?? '';
  return { ...res, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

describe('a VR headset joins the room over the hub\'s HTTPS', () => {
  it('joins with the code into an HttpOnly, Secure, SameSite=Strict cookie on /headset, and is a headset on the device list', async () => {
    const { hub, url } = await hubWithGallery();
    const joined = await joinHeadset(url, hub.core.hub.joinCode());
    expect(joined.status).toBe(200);
    expect(JSON.parse(joined.text)).toEqual({ ok: true, result: { name: 'VR-01' } });
    expect(joined.setCookie).toMatch(/^kite_headset=[^;]+; Path=\/headset; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    await joinHeadset(url, hub.core.hub.joinCode());
    expect(hub.core.hub.devices.list().map((d) => [d.name, d.kind])).toEqual([['VR-01', 'headset'], ['VR-02', 'headset']]);
    expect((await hub.core.hub.status()).hub?.devices.map((d) => d.kind)).toEqual(['headset', 'headset']);
    // Only a hash of the credential is kept.
    hub.core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(path.join(hub.dataDir, 'kite.db')).toString('latin1')).not.toContain(joined.cookie.split('.')[1]);
  });

  it('refuses a wrong or malformed code, counting wrong codes with the PCs\' until the code locks', async () => {
    const { hub, url } = await hubWithGallery();
    const right = hub.core.hub.joinCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await joinHeadset(url, wrong);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).error.code).toBe('wrong_join_code');
    expect(refused.setCookie).toBe('');
    expect(JSON.parse((await joinHeadset(url, '12ab')).text).error.code).toBe('invalid_input');
    for (let i = 0; i < 9; i++) await joinHeadset(url, wrong);
    expect(hub.core.hub.joinLocked()).toBe(true);
    expect(JSON.parse((await joinHeadset(url, right)).text).error.code).toBe('join_code_locked');
    expect(hub.core.hub.devices.list()).toEqual([]);
  });

  it('with its cookie: the 360° catalogue and those files with HTTP Range, nothing else of the gallery; removed, it is cut off', async () => {
    const { hub, pano, flat, url } = await hubWithGallery();
    const { cookie } = await joinHeadset(url, hub.core.hub.joinCode());
    const withCookie = { headers: { cookie } };
    const catalogue = await rawHttps(url('/headset/api/catalogue'), withCookie);
    expect(catalogue.status).toBe(200);
    const { result } = JSON.parse(catalogue.text);
    expect(result.name).toBe('VR-01');
    expect(result.items).toEqual([{ sha256: pano.sha256, kind: 'photo', title: pano.title || pano.originalName, url: `/headset/media/${pano.sha256}.jpg`, thumbnailUrl: null }]);

    const part = await rawHttps(url(`/headset/media/${pano.sha256}.jpg`), { headers: { cookie, range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toMatch(new RegExp(`^bytes 0-9/${pano.size}$`));
    expect(part.headers['content-security-policy']).toContain('sandbox');
    for (const refused of [`/headset/media/${flat.sha256}.jpg`, `/headset/media/${pano.sha256}.mp4`, '/headset/media/../kite.db', '/headset/media/%2e%2e/kite.db', `/media/${pano.sha256}.jpg`]) {
      expect((await rawHttps(url(refused), withCookie)).status, refused).toBe(404);
    }
    expect((await rawHttps(url('/headset/api/catalogue'))).status).toBe(403);
    expect((await rawHttps(url(`/headset/media/${pano.sha256}.jpg`))).status).toBe(403);

    hub.core.hub.devices.remove('VR-01');
    const removed = await rawHttps(url('/headset/api/catalogue'), withCookie);
    expect(JSON.parse(removed.text).error.code).toBe('device_removed');
    expect((await rawHttps(url(`/headset/media/${pano.sha256}.jpg`), withCookie)).status).toBe(403);
  });

  it('keeps the two doors apart: a headset cannot call the room API, a pupil PC cannot open the headset pages', async () => {
    const { hub, url } = await hubWithGallery();
    const { cookie } = await joinHeadset(url, hub.core.hub.joinCode());
    const headsetToken = cookie.slice('kite_headset='.length);
    for (const name of ['events.push', 'roster.get', 'session.hello']) {
      const res = await rawHttps(url(`/room/${name}`), { method: 'POST', headers: { ...JSON_HEADERS, authorization: `Bearer ${headsetToken}` }, body: '{}' });
      expect([res.status, JSON.parse(res.text).error.code], name).toEqual([403, 'forbidden']);
    }
    expect((await rawHttps(url('/room/stream'), { headers: { authorization: `Bearer ${headsetToken}` } })).status).toBe(403);

    const pc = startPupilPc();
    const paired = await pc.core.hub.join(hub.address, hub.core.hub.joinCode(), 'PC-01');
    const asPc = await rawHttps(url('/headset/api/catalogue'), { headers: { cookie: `kite_headset=${paired.token}` } });
    expect([asPc.status, JSON.parse(asPc.text).error.code]).toEqual([403, 'forbidden']);
    expect((await rawHttps(url('/headset/api/catalogue'), { headers: { authorization: `Bearer ${paired.token}` } })).status).toBe(403);
    expect(await pc.core.hub.client.call('roster.get', { version: null })).toBeTruthy();
    expect(hub.core.hub.devices.list().map((d) => [d.name, d.kind])).toEqual([['VR-01', 'headset'], ['PC-01', 'pupil-pc']]);
    // A headset holds no packs or videos and is no pupil PC reaching the room: the teacher's views leave it out.
    expect(hub.core.distribution.view().pcs.map((p) => p.name)).toEqual(['PC-01']);
    await rawHttps(url('/headset/api/catalogue'), { headers: { cookie } });
    const reached = (await hub.core.hub.selfTest()).find((f) => f.code === 'pcs_connected' || f.code === 'no_pc_yet');
    expect(reached).toEqual({ code: 'pcs_connected', status: 'ok', params: { count: '1' } });
  });

  it('serves only the built headset page and its own files below /headset/', async () => {
    const { url } = await hubWithGallery();
    const page = await rawHttps(url('/headset/'));
    expect([page.status, page.text]).toEqual([200, '<!doctype html><title>headset</title>']);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await rawHttps(url('/headset'))).headers.location).toBe('/headset/');
    for (const own of ['assets/headset-abc.js', 'assets/shared-def.js', 'assets/vr-ghi.js', 'assets/vr-ghi.css', 'xr-profiles/profilesList.json']) {
      expect((await rawHttps(url(`/headset/${own}`))).status, own).toBe(200);
    }
    // The teacher's app's own chunks, and the manifest itself, are not the headset's.
    for (const refused of ['/headset/assets/index-xyz.js', '/headset/assets/teacher-jkl.js', `/headset/${RENDERER_MANIFEST}`, '/headset/headset.html', '/headset/index.html', '/headset/notes.txt', '/headset/assets/../notes.txt', '/headset/assets/%2e%2e%2fnotes.txt', '/headset/api/nothing', '/index.html', '/']) {
      expect((await rawHttps(url(refused))).status, refused).toBe(404);
    }
  });
});

describe('the device kind (migration 12)', () => {
  it('keeps the PCs paired before it as pupil PCs, and refuses a kind it does not know', () => {
    const file = path.join(tempDir(), 'kite.db');
    const old = openDatabase(file, { migrationList: migrations.filter((m) => m.version < 12) });
    old.prepare("INSERT INTO hub_devices (id, name, token_hash, address, paired_at) VALUES ('a', 'PC-01', 'h', NULL, '2026-01-01')").run();
    old.close();
    const db = openDatabase(file);
    expect(createDevices(db, Date.now).list().map((d) => [d.name, d.kind])).toEqual([['PC-01', 'pupil-pc']]);
    expect(() => db.prepare("UPDATE hub_devices SET kind = 'tablet'").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('the one page a hub sends in clear', () => {
  it('explains the certificate warning with a picture, both languages and pinyin, and links to the HTTPS address; nothing else answers', async () => {
    const { hub } = await hubWithGallery({ onNetwork: true });
    const https = new URL(hub.address);
    const plain = (p: string) => rawHttps(`http://${https.host}${p}`);
    const fingerprint = (await hub.core.hub.identity()).fingerprint;
    const page = await plain('/headset?code=123456');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    // The code from the QR code is in the fragment, never sent: the link is the bare HTTPS page, and one
    // script (allowed by its hash alone) carries the fragment on.
    expect(page.text).toContain(`href="https://${https.host}/headset/"`);
    const scripts = [...page.text.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] as string).digest('base64');
    expect(page.headers['content-security-policy']).toBe(`default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    expect(page.text).toContain('<svg role="img"');
    expect(page.text).toContain('继<rt>jì</rt>续<rt>xù</rt>');
    expect(page.text).toContain('Press “Advanced”, then “Proceed”.');
    // Each Chinese line has a speaker that says it (the script shows them only when there is a Chinese voice).
    expect([...page.text.matchAll(/<button type="button" class="say" data-say="([^"]*)" aria-label="听一听 Listen" hidden>/g)].map((m) => m[1])).toEqual([
      '用 VR 眼镜上风筝课堂',
      '下一步会出现一个警告。别担心，这是老师的电脑。',
      '先按“高级”，再按“继续前往”。',
    ]);
    expect(page.text).toContain(fingerprint.slice(0, 23));
    expect(page.text).not.toMatch(/https?:\/\/(?!\S*\/headset\/)|123456/);
    // A forged Host is not put into the page.
    const forged = await rawHttps(`http://${https.host}/headset`, { headers: { host: 'evil"><x' } });
    expect(forged.text).not.toContain('evil');
    // From another machine (the hub's own LAN address, not loopback), plain HTTP is that page and nothing more.
    if (https.hostname !== '127.0.0.1') {
      for (const refused of ['/', '/index.html', '/api/app.health', '/headset/api/catalogue', '/media/x.jpg']) expect((await plain(refused)).status, refused).toBe(404);
    }
  });
});
