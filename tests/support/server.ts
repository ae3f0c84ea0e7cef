import http from 'node:http';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { startServer, type RunningServer } from '../../src/server/server';
import { tempDir } from './temp';

const running: { server: RunningServer; core: Core }[] = [];
// Registered after temp.ts's hook, so it runs before it: the server and core close before their folders go.
afterEach(async () => {
  for (const { server, core } of running.splice(0)) {
    await server.close();
    core.close();
  }
});

/** The browser host on a fresh core (temp data folder) and a free port; both closed after the test. */
export async function startTestServer(rendererDir = tempDir('kite-renderer-')): Promise<{ core: Core; server: RunningServer; base: string }> {
  const core = createCore({ dataDir: tempDir() });
  const server = await startServer({ core, rendererDir, port: 0 });
  running.push({ server, core });
  return { core, server, base: `http://127.0.0.1:${server.port}` };
}

/** Raw HTTP, so tests can send what a browser would not (bad Host headers, odd bodies). */
export function request(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const post = (base: string, method: string, body: string, headers: Record<string, string> = {}) =>
  request(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
