import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/core';
import { startServer } from '../src/server/server';
import { becomeGuest, demoFrames, launchSwiftShader, withBudget, type Bench, type BenchResult, type DemoFrames } from './lib';

const ROOT = path.join(import.meta.dirname, '..');
const DEMOS = ['packet-journey', 'wifi-signals', 'photo-copies', 'fly-drone', 'look-around'] as const;
const VIEWPORT = { width: 1366, height: 768 };

/**
 * Each demo's frame time under SwiftShader (software WebGL, as on a PC without a usable GPU driver)
 * in headless Chromium, as a ratio to one lit cube drawn by the same engine in the same run; and
 * renderer.info's draw calls and triangles per frame against the budget (100 calls, 150k triangles).
 */
export const demos: Bench = {
  name: 'demos',
  async run() {
    if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) throw new Error('run npm run build first');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-demos-'));
    const core = createCore({ dataDir });
    const server = await startServer({ core, rendererDir: path.join(ROOT, 'out/renderer'), port: 0 });
    const origin = new URL(server.url).origin;
    const browser = await launchSwiftShader();
    try {
      const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
      await becomeGuest(page, origin);
      const query = 'test=1&slowms=100000';
      const cube = async () => (await demoFrames(page, `${origin}/?${query}&scene=cube#/demos/packet-journey`)).frameMs;
      // The baseline before and after the demos, averaged, so drift on a shared machine evens out.
      const before = await cube();
      const measured: [string, DemoFrames][] = [];
      for (const id of DEMOS) measured.push([id, await demoFrames(page, `${origin}/?${query}#/demos/${id}`)]);
      const baseline = +((before + (await cube())) / 2).toFixed(2);
      const results: BenchResult[] = [];
      for (const [id, info] of measured) {
        results.push({
          name: `${id}-frame-ms`,
          value: info.frameMs,
          unit: 'ms',
          baseline: { name: 'one cube, same engine', value: baseline },
          ratio: +(info.frameMs / baseline).toFixed(2),
          notes: `SwiftShader, ${VIEWPORT.width}×${VIEWPORT.height}, mean of 60 frames`,
        });
        results.push(withBudget({ name: `${id}-draw-calls`, value: info.calls, unit: 'calls/frame' }, 100));
        results.push(withBudget({ name: `${id}-triangles`, value: info.triangles, unit: 'triangles/frame' }, 150_000));
      }
      return results;
    } finally {
      await browser.close();
      await server.close();
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
