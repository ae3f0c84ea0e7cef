import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results');
export const CHROMIUM = process.env.KITE_CHROMIUM ?? '/usr/bin/chromium';

export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  fullHd: { width: 1920, height: 1080 },
} as const;

export interface KiteServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** An English POSIX locale, whatever the machine running the tests speaks: tests choose Chinese by env. */
export const ENGLISH_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

/** Run the built `kite` CLI and collect what it prints. */
export function runKite(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), ...args], { cwd: ROOT, env: { ...process.env, ...ENGLISH_LOCALE, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * `kite serve` on a fresh temp data folder (or a given one) and a free port; `env` adds variables
 * (e.g. KITE_CONFIG). `stderr`: 'full' puts it on /dev/full (every write fails, as on a full disk),
 * 'closed' closes the pipe's reading end at once (every write fails with EPIPE).
 */
export async function startKite(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-')), options: { env?: NodeJS.ProcessEnv; stderr?: 'full' | 'closed'; args?: string[] } = {}): Promise<KiteServer> {
  const stderr = options.stderr === 'full' ? fs.openSync('/dev/full', 'w') : 'pipe';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--data', dataDir, '--port', '0', ...(options.args ?? [])], { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', stderr] });
  if (typeof stderr === 'number') fs.closeSync(stderr);
  if (options.stderr === 'closed') child.stderr?.destroy();
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kite serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+?)\/? /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    if (!options.stderr) child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`kite serve exited (${code}):\n${output}`)));
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `extraArgs`: more Chromium flags for one test file, e.g. fakeMicrophone(). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', ...extraArgs],
  });
}

/** Chromium flags for a microphone that needs no device and no prompt, playing `wavFile` (else a beep) as what it hears. */
export function fakeMicrophone(wavFile?: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...(wavFile ? [`--use-file-for-fake-audio-capture=${wavFile}`] : [])];
}

export interface KiteAndBrowser {
  /** The running `kite serve` (a new one after restart()). */
  readonly kite: KiteServer;
  readonly browser: Browser;
  /** Stop kite if it still runs and start it again on the same data folder and env (a power cut, the next day). */
  restart(): Promise<void>;
}

/**
 * One `kite serve` and one Chromium for the whole file: started in beforeAll, stopped in afterAll.
 * Hooks the file registers before this call run before kite starts (e.g. filling `dataDir`); read
 * `app.kite` and `app.browser` inside tests and hooks, not at the top level.
 *
 *   const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
 *   const app = useKiteAndBrowser({ browserArgs: () => fakeMicrophone(wav) });   // a test that records sound
 *   it('…', async () => { const { page } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop); });
 */
export function useKiteAndBrowser(options: { dataDir?: string; env?: NodeJS.ProcessEnv; browserArgs?: () => string[] } = {}): KiteAndBrowser {
  let kite: KiteServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    kite = await startKite(options.dataDir, { env: options.env });
    browser = await launchBrowser(options.browserArgs?.());
  });
  afterAll(async () => {
    await browser?.close();
    await kite?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('kite and Chromium start in beforeAll: use app.kite and app.browser inside tests and hooks');
    return value;
  };
  return {
    get kite() {
      return started(kite);
    },
    get browser() {
      return started(browser);
    },
    async restart() {
      const { dataDir } = started(kite);
      await started(kite).stop();
      kite = await startKite(dataDir, { env: options.env });
    },
  };
}

/**
 * Headless Chromium has no speech voices at all. A classroom PC usually has a Chinese and an English
 * one, so pages get this stand-in unless a test asks for none: speechSynthesis.getVoices() lists a
 * zh-CN and an en-US voice (after `delayMs`, with a voiceschanged event, as Chromium loads them).
 * Only the list is made up; speak() is the browser's own.
 */
export function systemVoicesScript(delayMs = 0): string {
  return `(() => {
    const synth = window.speechSynthesis;
    if (!synth) return;
    const voices = [
      { name: 'Stand-in Mandarin voice', lang: 'zh-CN', voiceURI: 'kite-test-zh-CN', localService: true, default: true },
      { name: 'Stand-in English voice', lang: 'en-US', voiceURI: 'kite-test-en-US', localService: true, default: false },
    ];
    let ready = ${delayMs} === 0;
    Object.defineProperty(synth, 'getVoices', { configurable: true, value: () => (ready ? voices : []) });
    if (!ready) setTimeout(() => { ready = true; synth.dispatchEvent(new Event('voiceschanged')); }, ${delayMs});
  })();`;
}

/**
 * A page that fails the test on any request leaving this PC (the app is offline by design).
 * `voices: false` leaves the browser's real (empty) voice list: a PC without speech voices.
 */
export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }, options: { voices?: boolean } = {}) {
  const context: BrowserContext = await browser.newContext({ viewport, hasTouch: true });
  if (options.voices !== false) await context.addInitScript(systemVoicesScript());
  const page: Page = await context.newPage();
  const external: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    const target = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(target.hostname) && target.protocol !== 'data:' && target.protocol !== 'blob:') external.push(request.url());
  });
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  return { page, context, external, consoleErrors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Call the API from the page, as the app does (same session cookie). */
export async function call<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const envelope = await page.evaluate(
    async ([m, i]) => (await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) })).json(),
    [method, input] as const,
  );
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

/** A screenshot once animations have finished. */
export async function settledScreenshot(page: Page, name: string): Promise<string> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return screenshot(page, name);
}

/** Interactive elements smaller than the touch minimum (48 px) in either direction. */
export async function smallTouchTargets(page: Page, minimum = 48): Promise<string[]> {
  return page.$$eval(
    'a[href], button, input:not([type=hidden]), select, [role=button]',
    (elements, min) =>
      elements
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => {
          const checkbox = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
          const target = checkbox ? (el.closest('label')?.getBoundingClientRect() ?? box) : box;
          return target.width < min || target.height < min;
        })
        .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    minimum,
  );
}

/** True when the page scrolls sideways (a layout that does not fit the screen). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The text a pupil reads, without the pinyin (ruby annotations) above it. */
export function readableText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('rt, rp, .ruby-plain').forEach((n) => n.remove());
    return (copy.textContent ?? '').trim();
  });
}

/** Pupils start at the sign-in screen; tests that look at pupil screens come in as a guest (either language). */
export async function enterAsGuest(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(游客进入|Come in as a guest)$/ }).click();
  await page.getByText(/^(游客 · 进度不保存|Guest · not saved)$/).waitFor();
}

/** Make the page's session a guest pupil through the API (for tests whose subject is not sign-in). */
export async function becomeGuest(page: Page, url: string): Promise<void> {
  const response = await page.request.post(`${url}/api/pupils.signInGuest`, { data: {} });
  if (!response.ok()) throw new Error(`guest sign-in failed: ${response.status()}`);
}

/** Open a pupil screen (behind sign-in) as a guest: open, make the session a guest, load again. */
export async function openPupilPage(browser: Browser, url: string, viewport: { width: number; height: number }, options: { voices?: boolean } = {}) {
  const opened = await openPage(browser, url, viewport, options);
  await becomeGuest(opened.page, new URL(url).origin);
  await opened.page.reload();
  return opened;
}

/** Pick a file as a teacher does: tap our labelled button, answer the file chooser it opens. */
export async function chooseFile(page: Page, button: string | RegExp, files: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(files);
}

/** True when the whole element is inside the window (a teacher sees it without scrolling). */
export function inView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Call the API with the page's session (its cookie), as the app itself does; throws the error envelope. */
export async function callApi<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const response = await page.request.post(`${new URL(page.url()).origin}/api/${method}`, { data: input });
  const envelope = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

/** Show this window in a language (the pupil's or teacher's pick lasts for the window's session), then load it again. */
export async function inLanguage(page: Page, language: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => fetch('/api/auth.setLanguage', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ language: l }) }), language);
  await page.reload();
}

/** Open the teacher console in Chinese: set the PIN on a fresh PC, else sign in with it. */
export async function signInAsTeacher(page: Page, url: string, pin: string): Promise<void> {
  await page.goto(`${url}/#/teacher`);
  const setPin = page.getByLabel('新密码');
  const pinField = page.getByLabel('老师密码');
  await Promise.race([setPin.waitFor(), pinField.waitFor()]);
  if (await setPin.isVisible()) {
    await setPin.fill(pin);
    await page.getByLabel('再输入一次').fill(pin);
    await page.getByRole('button', { name: '设置密码' }).click();
  } else {
    await pinField.fill(pin);
    await page.getByRole('button', { name: '登录' }).click();
  }
  await page.getByRole('heading', { name: '老师工作台' }).waitFor();
}
