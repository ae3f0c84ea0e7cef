import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../src/handlers/routes/assets';
import { makeH264 } from '../support/media';
import { startTestServer } from '../support/server';
import { tempDir } from '../support/temp';

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    // Raw request path: no client-side normalisation of "..".
    const { hostname, port, pathname } = { hostname: '127.0.0.1', port: new URL(url).port, pathname: url.replace(/^http:\/\/[^/]+/, '') };
    const req = http.request({ hostname, port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function start() {
  const renderer = tempDir('kite-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Kite</title>');
  const { core, base } = await startTestServer(renderer);
  const dir = tempDir('kite-src-');
  const file = makeH264(path.join(dir, 'clip.mp4'), { seconds: 2 });
  await core.media.importFolder(dir);
  const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  fs.writeFileSync(path.join(core.media.thumbsDir, `${sha}.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  fs.writeFileSync(path.join(core.layout.root, 'secret.txt'), 'kite secret');
  return { core, sha, bytes: fs.readFileSync(file), base };
}

describe('the /media/ route on the browser host', () => {
  it('serves a video with HTTP Range: 206 with Content-Range, 416 for a bad range', async () => {
    const { sha, bytes, base } = await start();
    const whole = await get(`${base}/media/${sha}.mp4`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.body.equals(bytes)).toBe(true);
    const tail = await get(`${base}/media/${sha}.mp4`, { Range: `bytes=${bytes.length - 100}-` });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`);
    expect(tail.body.equals(bytes.subarray(bytes.length - 100))).toBe(true);
    const bad = await get(`${base}/media/${sha}.mp4`, { Range: `bytes=${bytes.length + 10}-` });
    expect(bad.status).toBe(416);
    expect((await get(`${base}/media/thumbs/${sha}.jpg`)).status).toBe(200);
  });

  it.each([
    ['/media/../secret.txt'],
    ['/media/..%2fsecret.txt'],
    ['/media/%2e%2e/secret.txt'],
    ['/media/%2e%2e%2fsecret.txt'],
    ['/media/thumbs/../../secret.txt'],
    ['/media/thumbs/..%2f..%2fsecret.txt'],
    ['/media/..%5csecret.txt'],
    ['/media/%00.mp4'],
    ['/media/telemetry/SHA.json'],
    ['/media/SHA.mp4%00.txt'],
    ['/media/SHA.MP4'],
    ['/media/thumbs/SHA-p9.jpg'],
    ['/media//etc/passwd'],
    ['/media/C:%5cWindows%5cwin.ini'],
  ])('refuses %s', async (route) => {
    const { core, sha, base } = await start();
    const res = await get(base + route.replace('SHA', sha));
    expect([400, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('kite secret');
    // Same resolver for Electron's kite:// host.
    expect(resolveAsset(core, route.replace('SHA', sha)).file).toBeUndefined();
  });
});
