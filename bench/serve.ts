import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/** Helpers shared by the benches that run `kite serve` in its own process and talk to it as its windows do. */
const ROOT = path.join(import.meta.dirname, '..');

/** One window of the app: its own session cookie, as a browser keeps it. */
export function client(base: string) {
  let cookie = '';
  return {
    get cookie() {
      return cookie;
    },
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(input) });
      cookie ||= (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const envelope = (await response.json()) as { ok: boolean; result: T; error?: unknown };
      if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
      return envelope.result;
    },
  };
}
export type AppWindow = ReturnType<typeof client>;

/** `kite serve` (built, from bin/kite.js) in its own process, so its memory is its own; resolves with its loopback URL. */
export async function startServe(dataDir: string, extraArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--data', dataDir, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kite serve did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /running at (http:\/\/\S+?)\/? /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
  return { url, child };
}

/** A teacher window signed in with a new PIN, and a class of `count` pupils on it. */
export async function teacherWithClass(url: string, count: number): Promise<{ teacher: AppWindow; classId: string; pupilIds: string[] }> {
  const teacher = client(url);
  await teacher.call('auth.setPin', { pin: '2468' });
  await teacher.call('auth.teacherSignIn', { pin: '2468' });
  const cls = await teacher.call<{ id: string }>('classes.create', { name: 'Bench class', grade: 3 });
  const pupilIds: string[] = [];
  for (let i = 0; i < count; i++) pupilIds.push((await teacher.call<{ id: string }>('pupils.add', { classId: cls.id, name: `Pupil ${i + 1}` })).id);
  return { teacher, classId: cls.id, pupilIds };
}

/** The process's peak resident memory (VmHWM), in MiB. */
export const peakRssMiB = (pid: number) => {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return hwm ? +(Number(hwm[1]) / 1024).toFixed(1) : NaN;
};

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] as number;

/**
 * One 1366×768 JPEG (q80) of a signed-in pupil's screen, as Chromium captures it: what a
 * screen-broadcasting classroom tool sends per frame.
 */
export async function pupilScreenJpeg(browser: Browser, url: string, pupilCookie: string): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const [name, value] = pupilCookie.split('=');
    await context.addCookies([{ name: name ?? 'kite_session', value: value ?? '', url }]);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.progress-path').waitFor();
    await page.waitForTimeout(500);
    return await page.screenshot({ type: 'jpeg', quality: 80 });
  } finally {
    await context.close();
  }
}
