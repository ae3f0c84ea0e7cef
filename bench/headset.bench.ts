import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCore } from '../src/core';
import { startServer } from '../src/server/server';
import { iwerScript } from '../tests/e2e/support/iwer';
import { becomeGuest, demoFrames, launchSwiftShader, median, withBudget, type Bench, type BenchResult } from './lib';

const ROOT = path.join(import.meta.dirname, '..');
const VIEWPORT = { width: 1366, height: 768 };
const DEMOS = ['fly-drone', 'look-around', 'packet-journey'] as const;
/** A headset's frame at 72 fps. */
const FRAME_72_MS = 1000 / 72;
const WARMUP = 15;
const MEASURED = 60;

/**
 * Times every frame of an immersive session: the callbacks the app gives XRSession.requestAnimationFrame
 * (three.js's XR loop) are wrapped to note when each frame starts and how long its JavaScript takes.
 */
const FRAME_RECORDER = `(() => {
  const rec = { starts: [], work: [] };
  window.__xrFrames = rec;
  const proto = window.XRSession && window.XRSession.prototype;
  if (!proto) return;
  const raf = proto.requestAnimationFrame;
  proto.requestAnimationFrame = function (callback) {
    return raf.call(this, (time, frame) => {
      const start = performance.now();
      rec.starts.push(start);
      try { return callback(time, frame); } finally { rec.work.push(performance.now() - start); }
    });
  };
})();`;

type Recorded = { starts: number[]; work: number[] };
const recorded = (page: Page) => page.evaluate(() => (globalThis as unknown as { __xrFrames: Recorded }).__xrFrames);

/** Enter VR with the page's button, let the session warm up, then time MEASURED frames. */
async function measureVr(page: Page, name: string) {
  await page.getByRole('button', { name: /进入 VR|Enter VR/ }).click();
  const count = (n: number) => page.waitForFunction((min) => (globalThis as unknown as { __xrFrames: Recorded }).__xrFrames.starts.length >= min, n, { timeout: 300_000, polling: 200 });
  await count(WARMUP);
  const from = (await recorded(page)).starts.length;
  await count(from + MEASURED + 1);
  const { starts, work } = await recorded(page);
  const budget = await vrBudget(page, name);
  // Leave the page (and so the session): the next scene starts afresh.
  await page.goto('about:blank');
  const intervals = starts.slice(from + 1, from + MEASURED + 1).map((t, i) => t - (starts[from + i] as number));
  const js = work.slice(from, from + MEASURED);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    frameMs: +mean(intervals).toFixed(2),
    medianMs: +median(intervals).toFixed(2),
    within72: +(intervals.filter((ms) => ms <= FRAME_72_MS).length / intervals.length).toFixed(2),
    jsMs: +mean(js).toFixed(2),
    budget,
  };
}

function results(name: string, vr: Awaited<ReturnType<typeof measureVr>>, flat: number, flatName: string): BenchResult[] {
  const notes = `iwer Quest 3 on SwiftShader, headless Chromium, ${VIEWPORT.width}×${VIEWPORT.height} (both eyes share the canvas), mean of ${MEASURED} frames; median ${vr.medianMs} ms`;
  return [
    { name: `${name}-vr-frame-ms`, value: vr.frameMs, unit: 'ms', baseline: { name: flatName, value: flat }, ratio: +(vr.frameMs / flat).toFixed(2), notes },
    { name: `${name}-vr-frames-within-72fps`, value: vr.within72, unit: 'share of frames ≤ 13.9 ms', notes: 'a headset needs 1.0; SwiftShader on 2 shared cores is no headset GPU' },
    { name: `${name}-vr-js-ms`, value: vr.jsMs, unit: 'ms', notes: 'inside the XR frame callback (scene step, panel, gaze, three.js issuing draw calls); the rest of each frame is the software rasteriser' },
  ];
}

/** The headset view's draw calls and triangles (both eyes), against the demos' budget. */
async function vrBudget(page: Page, name: string): Promise<BenchResult[]> {
  type Hook = { __kiteDemo?: { vrInfo(): { calls: number; triangles: number } | null } };
  const info = await page.evaluate(() => (globalThis as unknown as Hook).__kiteDemo?.vrInfo() ?? null);
  if (!info) return []; // the 360° viewer has no demo hook
  return [withBudget({ name: `${name}-vr-draw-calls`, value: info.calls, unit: 'calls/frame' }, 100), withBudget({ name: `${name}-vr-triangles`, value: info.triangles, unit: 'triangles/frame' }, 150_000)];
}

/**
 * Frame times of an immersive session under the IWER emulated headset for the 360° photo viewer and
 * each demo with a headset view, as a ratio to the same scene drawn flat in the same run (the 360°
 * viewer draws only when moved, so its yardstick is look around's flat panorama, the same sphere).
 */
export const headset: Bench = {
  name: 'headset',
  async run() {
    if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) throw new Error('run npm run build first');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-headset-'));
    const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-headset-card-'));
    // A 360° photo at the headsets' cap (ffmpeg's test pattern).
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=4096x2048', '-frames:v', '1', '-update', '1', path.join(card, 'PANO_0001.JPG')]);
    const core = createCore({ dataDir });
    await core.media.importFolder(card);
    const server = await startServer({ core, rendererDir: path.join(ROOT, 'out/renderer'), port: 0 });
    const origin = new URL(server.url).origin;
    const browser = await launchSwiftShader();
    try {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript({ content: iwerScript(ROOT) });
      await context.addInitScript({ content: FRAME_RECORDER });
      const page = await context.newPage();
      await becomeGuest(page, origin);
      const query = 'test=1&slowms=100000';
      const out: BenchResult[] = [];
      const flat: Record<string, number> = {};
      for (const id of DEMOS) {
        flat[id] = (await demoFrames(page, `${origin}/?${query}#/demos/${id}`)).frameMs;
        const vr = await measureVr(page, id);
        out.push(...results(id, vr, flat[id], `${id} drawn flat, same run`), ...vr.budget);
      }
      await page.goto(`${origin}/?${query}#/gallery`);
      await page.getByRole('link', { name: /PANO_0001/ }).click();
      await page.locator('.panorama-view[data-ready="true"] canvas').waitFor({ timeout: 120_000 });
      out.push(...results('360-photo', await measureVr(page, '360-photo'), flat['look-around'] as number, 'look around drawn flat (the same sphere), same run'));
      return out;
    } finally {
      await browser.close();
      await server.close();
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(card, { recursive: true, force: true });
    }
  },
};
