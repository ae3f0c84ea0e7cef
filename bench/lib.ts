import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done by a baseline tool in the same run (unzip, cp, raw SQLite, a bare Node server…). */
  baseline?: { name: string; value: number };
  /** value / baseline.value, or for throughput baseline / value: always "how many times the baseline's cost". */
  ratio?: number;
  budget?: { max: number; unit: string; on: 'value' | 'ratio' };
  pass?: boolean;
  notes?: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function withBudget(result: BenchResult, max: number, on: 'value' | 'ratio' = 'value'): BenchResult {
  const measured = on === 'value' ? result.value : (result.ratio ?? Infinity);
  return { ...result, budget: { max, unit: on === 'value' ? result.unit : '×', on }, pass: measured <= max };
}

/** Start a process and resolve with the milliseconds until `ready(url)` first succeeds. */
export async function timeUntilReady(command: string, args: string[], ready: (output: string) => Promise<boolean>): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited early:\n${output}`);
      if (await ready(output)) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - started > 30_000) throw new Error(`${command} was not ready in 30 s:\n${output}`);
    }
  } finally {
    child.kill('SIGKILL');
  }
}

/** Pupil screens are behind sign-in: make the page's session a guest (one tap for a pupil), then load again. */
export async function becomeGuest(page: import('playwright-core').Page, origin: string): Promise<void> {
  const response = await page.request.post(`${origin}/api/pupils.signInGuest`, { data: {} });
  if (!response.ok()) throw new Error(`guest sign-in failed: ${response.status()}`);
}

/** Headless Chromium drawing WebGL with SwiftShader (software, as on a PC without a usable GPU driver). */
export function launchSwiftShader(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KITE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

export interface DemoFrames { calls: number; triangles: number; frameMs: number; frames: number }

/** Open a 3D demo, let it settle, then read its mean frame time over its last 60 frames (after 70 more) and one frame's renderer.info. */
export async function demoFrames(page: Page, url: string): Promise<DemoFrames> {
  type Hook = { __kiteDemo?: { info(): DemoFrames | null } };
  await page.goto(url);
  const read = () => page.evaluate(() => (globalThis as unknown as Hook).__kiteDemo?.info() ?? null);
  await page.waitForFunction(() => ((globalThis as unknown as Hook).__kiteDemo?.info()?.frames ?? 0) > 20, null, { timeout: 120_000 });
  const start = (await read())!.frames;
  await page.waitForFunction((n) => ((globalThis as unknown as Hook).__kiteDemo?.info()?.frames ?? 0) >= n, start + 70, { timeout: 300_000 });
  return (await read())!;
}
