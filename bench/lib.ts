import { spawn } from 'node:child_process';

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
