import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENGLISH_LOCALE, ROOT } from './app';

export interface CountyKite {
  url: string;
  fingerprint: string;
  countyKey: string;
  output: () => string;
  stop(): Promise<void>;
}

/** `kite county serve` on a county data folder (PGlite), loopback, a free port; the address, fingerprint and key it prints. */
export async function startCountyKite(dataDir: string): Promise<CountyKite> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'county', 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...ENGLISH_LOCALE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const read = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kite county serve did not start:\n${output}`)), 90_000);
    const check = () => {
      if (/County key[^\n]*: \S+\n/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`kite county serve exited (${code}):\n${output}`)));
  });
  return {
    url: (/running at (https:\/\/\S+)/.exec(output) as RegExpExecArray)[1] as string,
    fingerprint: (/county\.certFingerprint\): (\S+)/.exec(output) as RegExpExecArray)[1] as string,
    countyKey: (/county\.publicKey, to check receipts\): (\S+)/.exec(output) as RegExpExecArray)[1] as string,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A page of the county dashboard (its certificate is self-signed: schools pin it by fingerprint; the browser is told to accept it). */
export async function openCountyPage(browser: Browser, url: string, viewport: { width: number; height: number }, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true, locale, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
