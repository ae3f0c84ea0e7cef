import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { startServer } from '../../src/server/server';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import { post, request, startTestServer } from '../support/server';
import { tempDir } from '../support/temp';

function fakeRenderer(): string {
  const dir = tempDir('kite-renderer-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Kite</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'x'.repeat(1000));
  return dir;
}

const start = (rendererDir = fakeRenderer()) => startTestServer(rendererDir);

describe('the browser host', () => {
  it('answers the API with the same envelope as IPC', async () => {
    const { base } = await start();
    const res = await post(base, 'app.health', '{}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ok: true, result: { ok: true, dbSchemaVersion: LATEST_SCHEMA_VERSION } });
  });

  it.each([
    ['an unknown method', 'app.nope', '{}', {}, 404, 'unknown_method'],
    ['bad JSON', 'app.health', '{"a":', {}, 400, 'bad_request'],
    ['a schema violation', 'auth.setLanguage', '{"language":"xx"}', {}, 400, 'invalid_input'],
    ['a non-JSON content type', 'app.health', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }, 400, 'bad_request'],
    ['a teacher method without the PIN', 'settings.update', '{"schoolName":"x"}', {}, 403, 'forbidden'],
  ])('answers %s with a 4xx JSON error and a code, no stack', async (_what, method, body, headers, status, code) => {
    const { base } = await start();
    const res = await post(base, method, body, headers);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const json = JSON.parse(res.text);
    expect(json).toMatchObject({ ok: false, error: { code } });
    expect(res.text).not.toMatch(/\n\s+at /);
  });

  it('refuses a body over 1 MB', async () => {
    const { base } = await start();
    const res = await post(base, 'app.health', JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(/larger than/);
  });

  it('refuses a foreign Host header (DNS rebinding) unless in classroom mode', async () => {
    const { base } = await start();
    const res = await request(`${base}/api/app.health`, { method: 'POST', headers: { host: 'evil.example:80', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('sends the security headers on every response', async () => {
    const { base } = await start();
    for (const res of [await request(`${base}/`), await post(base, 'app.health', '{}'), await request(`${base}/nope.js`)]) {
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the renderer, with the SPA fallback and HTTP Range', async () => {
    const { base } = await start();
    expect((await request(`${base}/`)).text).toContain('<title>Kite</title>');
    expect((await request(`${base}/teacher`)).text).toContain('<title>Kite</title>');
    const part = await request(`${base}/assets/app.js`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/1000');
    expect(part.text).toHaveLength(10);
    const bad = await request(`${base}/assets/app.js`, { headers: { range: 'bytes=5000-' } });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */1000');
  });

  it('refuses path traversal on the static route', async () => {
    const { base } = await start();
    for (const attempt of ['/..%2f..%2fetc%2fpasswd.txt', '/assets/..%5c..%5csecret.txt', '/%2e%2e/%2e%2e/etc/hosts.txt']) {
      const res = await request(base + attempt);
      expect(res.status, attempt).toBe(404);
    }
  });

  it('says plainly when the renderer is not built, and the API still works', async () => {
    const { base } = await start(path.join(tempDir(), 'missing'));
    const page = await request(`${base}/`);
    expect(page.status).toBe(503);
    expect(page.text).toMatch(/npm run build/);
    expect((await post(base, 'app.health', '{}')).status).toBe(200);
  });

  it('pushes events over Server-Sent Events', async () => {
    const { base } = await start();
    const received = new Promise<string>((resolve) => {
      http.get(`${base}/api/events`, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: settings.changed')) {
            res.destroy();
            resolve(text);
          }
        });
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    const teacher = await post(base, 'auth.setPin', '{"pin":"2468"}');
    const cookie = (teacher.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    await post(base, 'settings.update', '{"language":"en"}', { cookie });
    expect(await received).toMatch(/event: settings.changed\ndata: \{.*"language":"en"/);
  });

  it('keeps a teacher session per browser (cookie), not per server', async () => {
    const { base } = await start();
    const first = await post(base, 'auth.setPin', '{"pin":"2468"}');
    const cookie = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^kite_session=/);
    expect((await post(base, 'settings.update', '{"schoolName":"A"}', { cookie })).status).toBe(200);
    expect((await post(base, 'settings.update', '{"schoolName":"B"}')).status).toBe(403);
  });

  it('says which port is taken and what to do', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const core = createCore({ dataDir: tempDir() });
    await expect(startServer({ core, rendererDir: fakeRenderer(), port })).rejects.toThrow(`Port ${port} is already in use. Start with --port N`);
    core.close();
    blocker.close();
  });
});
