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
