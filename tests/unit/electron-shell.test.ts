import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { ASSET_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { blockedShortcut, type KeyInput } from '../../src/shared/kiosk';
import { bodyText, callsTo, MAIN_BUNDLE, PRELOAD_BUNDLE, repoRoot, runShell, type ResponseResult, type Step, type Transcript } from '../support/electron-shell';
import { buildFixturePack } from '../support/packs';

/**
 * The Electron shell as built (out/main/index.js, out/preload/index.cjs), run in plain Node with a
 * recording fake of the `electron` module (tests/support/fake-electron.ts): the security baseline
 * from DESIGN.md and the wiring to the real core, on a real data folder. Needs `npm run build`.
 */

const dirs: string[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-shell-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  if (!fs.existsSync(MAIN_BUNDLE) || !fs.existsSync(PRELOAD_BUNDLE)) {
    throw new Error('out/main/index.js or out/preload/index.cjs is missing: run `npm run build` before this test (npm test builds before the unit tests).');
  }
  // A bundle older than its source would test yesterday's shell (and yesterday's core, which it bundles).
  const built = fs.statSync(MAIN_BUNDLE).mtimeMs;
  const newer = fs
    .readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.startsWith('renderer') && /\.tsx?$/.test(file))
    .map((file) => path.join('src', file))
    .filter((file) => fs.statSync(path.join(repoRoot, file)).mtimeMs > built);
  if (newer.length) throw new Error(`out/ is older than ${newer.join(', ')}: run \`npm run build\` before this test.`);
});

const PACK_ID = 'org.example.shell-pack';
const CLIP = crypto.randomBytes(1000);
const CLIP_URL = `kite://app/packs/${PACK_ID}/1.0.0/media/clip.mp4`;

/** A data folder with one installed pack holding media/clip.mp4 (1000 random bytes), and a page and a script an older app might have let in. */
async function dataDirWithPack(): Promise<string> {
  const root = freshDir();
  const dataDir = path.join(root, 'data');
  const core = createCore({ dataDir });
  try {
    await core.packs.install(await buildFixturePack(root, { id: PACK_ID, media: { 'media/clip.mp4': CLIP } }), { trustConfirmed: true });
    const media = path.join(core.packs.installedDir(PACK_ID, '1.0.0') as string, 'media');
    fs.writeFileSync(path.join(media, 'page.html'), '<script>alert(1)</script>');
    fs.writeFileSync(path.join(media, 'app.js'), 'alert(1)');
  } finally {
    core.close();
  }
  return dataDir;
}

function configFile(config: unknown): string {
  const file = path.join(freshDir(), 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

const response = (t: Transcript, name: string) => t.results[name] as ResponseResult;
const forbidden = { ok: false, error: { code: 'forbidden' } };

describe('the desktop shell (kiosk off)', () => {
  let t: Transcript;
  let dataDir: string;

  const steps: Record<string, Step> = {
    index: { request: 'kite://app/index.html' },
    appRoute: { request: 'kite://app/teacher' },
    otherHost: { request: 'kite://evil/index.html' },
    rendererEscape: { request: 'kite://app/..%2fmain%2findex.js' },
    dotSegments: { request: 'kite://app/%2e%2e/%2e%2e/package.json' },
    packEscape: { request: `kite://app/packs/${PACK_ID}/1.0.0/media/..%2f..%2f..%2f..%2fkite.db` },
    packOutsideMedia: { request: `kite://app/packs/${PACK_ID}/1.0.0/manifest.json` },
    missing: { request: 'kite://app/assets/nope.js' },
    packPage: { request: `kite://app/packs/${PACK_ID}/1.0.0/media/page.html` },
    packScript: { request: `kite://app/packs/${PACK_ID}/1.0.0/media/app.js` },
    packPicture: { request: `kite://app/packs/${PACK_ID}/1.0.0/media/cover.svg` },
    clip: { request: CLIP_URL },
    clipRange: { request: CLIP_URL, headers: { range: 'bytes=100-199' } },
    clipBadRange: { request: CLIP_URL, headers: { range: 'bytes=5000-' } },

    fromSubframe: { invoke: 'app.health', from: 'subframe' },
    fromOtherSite: { invoke: 'app.health', url: 'https://example.com/' },
    fromFile: { invoke: 'app.health', url: 'file:///etc/passwd' },
    fromOtherKiteHost: { invoke: 'app.health', url: 'kite://evil/index.html' },
    fromGoneFrame: { invoke: 'app.health', from: 'no-frame' },
    health: { invoke: 'app.health' },
    badMethod: { invoke: 'no.such.method' },
    teacherOnlyFresh: { invoke: 'settings.update', input: { schoolName: 'X' } },
    micAsPupil: { invoke: 'narration.microphone', input: { on: true } },
    micAfterPupil: { permission: 'media', mediaTypes: ['audio'] },
    setPin: { invoke: 'auth.setPin', input: { pin: '2468' } },
    teacherAfterPin: { invoke: 'settings.update', input: { schoolName: '青山村小学' } },
    healthAsTeacher: { invoke: 'app.health' },
    teacherFromSecondWindow: { invoke: 'settings.update', input: { schoolName: 'Y' }, from: 'second-window' },
    keepAwake: { invoke: 'system.keepAwake', input: { on: true } },
    kioskStatus: { invoke: 'kiosk.status' },

    navigateAway: { navigate: 'https://example.com/' },
    navigateFile: { navigate: 'file:///etc/passwd' },
    navigateInApp: { navigate: 'kite://app/index.html#/gallery' },
    redirect: { redirect: 'kite://app/index.html' },
    openWindow: { openWindow: 'https://example.com/' },
    fullscreen: { permission: 'fullscreen' },
    geolocation: { permission: 'geolocation' },
    media: { permission: 'media' },
    notifications: { permission: 'notifications' },
    micOn: { invoke: 'narration.microphone', input: { on: true } },
    micWhileRecording: { permission: 'media', mediaTypes: ['audio'] },
    cameraWhileRecording: { permission: 'media', mediaTypes: ['audio', 'video'] },
    micFromOtherSite: { permission: 'media', mediaTypes: ['audio'], url: 'https://example.com/' },
    geolocationWhileRecording: { permission: 'geolocation' },
    micOff: { invoke: 'narration.microphone', input: { on: false } },
    micAfterRecording: { permission: 'media', mediaTypes: ['audio'] },

    f5: { key: { key: 'F5', code: 'F5' } },
    closeWindow: { closeWindow: true },
    crash: { rendererGone: 'crashed' },
    teacherAfterCrash: { invoke: 'settings.update', input: { schoolName: 'Z' } },
  };

  beforeAll(async () => {
    dataDir = await dataDirWithPack();
    ({ transcript: t } = await runShell({ argv: ['--data', dataDir, '--config', configFile({})], steps }));
  }, 60_000);

  it('runs without uncaught errors and never exits on its own', () => {
    expect(t.errors).toEqual([]);
    expect(t.exitCode).toBeUndefined();
  });

  it('registers kite:// as a privileged scheme before ready', () => {
    const [register, ...again] = callsTo(t, 'protocol.registerSchemesAsPrivileged');
    expect(again).toEqual([]);
    expect(register?.ready).toBe(false);
    expect(register?.args[0]).toEqual([{ scheme: 'kite', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  });

  it('opens one locked-down window after ready, loading kite://app/index.html', () => {
    const created = callsTo(t, 'new BrowserWindow');
    expect(created).toHaveLength(1);
    expect(created[0]?.ready).toBe(true);
    const options = t.windows[0]?.options as { kiosk: boolean; webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.webPreferences.nodeIntegrationInSubFrames).toBeUndefined();
    expect(options.webPreferences.preload).toBe(PRELOAD_BUNDLE);
    expect(options.kiosk).toBe(false);
    expect(t.windows[0]?.loads[0]).toBe('kite://app/index.html');
    expect(t.windows[0]?.loads.every((url) => url.startsWith('kite://app/'))).toBe(true);
  });

  it('serves the renderer over kite://app with the CSP and security headers', () => {
    const index = response(t, 'index');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(bodyText(index)).toBe(fs.readFileSync(path.join(repoRoot, 'out/renderer/index.html'), 'utf8'));
    expect(bodyText(response(t, 'appRoute'))).toBe(bodyText(index));
  });

  it('answers 404 for another host, traversal out of the renderer or a pack, and missing files', () => {
    for (const name of ['otherHost', 'rendererEscape', 'dotSegments', 'packEscape', 'packOutsideMedia', 'missing', 'packPage', 'packScript']) {
      expect(response(t, name).status, name).toBe(404);
    }
  });

  it('serves pack media whole and by Range, and refuses an impossible range', () => {
    expect(response(t, 'clip').status).toBe(200);
    expect(Buffer.from(response(t, 'clip').base64, 'base64')).toEqual(CLIP);
    const part = response(t, 'clipRange');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.headers['content-security-policy']).toBe(ASSET_CONTENT_SECURITY_POLICY);
    expect(part.headers['content-type']).toBe('video/mp4');
    expect(Buffer.from(part.base64, 'base64')).toEqual(CLIP.subarray(100, 200));
    // Pack files are data: the same sandboxing headers as the browser host, so a picture's script never runs.
    const picture = response(t, 'packPicture');
    expect(picture.headers).toMatchObject({ 'content-type': 'image/svg+xml', 'content-security-policy': ASSET_CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
    const bad = response(t, 'clipBadRange');
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */1000');
  });

  it('takes IPC calls only from the top frame of kite://app', () => {
    expect(callsTo(t, 'ipcMain.handle').map((call) => call.args[0])).toEqual(['kite:invoke']);
    for (const name of ['fromSubframe', 'fromOtherSite', 'fromFile', 'fromOtherKiteHost', 'fromGoneFrame']) {
      expect(t.results[name], name).toMatchObject(forbidden);
    }
    expect(t.results.health).toMatchObject({ ok: true, result: { ok: true } });
    expect(t.results.health).not.toHaveProperty('result.dataDir'); // a pupil's window is not shown where the data lives
    expect(t.results.healthAsTeacher).toMatchObject({ ok: true, result: { dataDir: path.resolve(dataDir) } });
    expect(t.results.badMethod).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('gives each window its own pupil session: teacher methods need the PIN, and a crash signs the teacher out', () => {
    expect(t.results.teacherOnlyFresh).toMatchObject(forbidden);
    expect(t.results.setPin).toMatchObject({ ok: true });
    expect(t.results.teacherAfterPin).toMatchObject({ ok: true, result: { schoolName: '青山村小学' } });
    expect(t.results.teacherFromSecondWindow).toMatchObject(forbidden);
    expect(t.results.teacherAfterCrash).toMatchObject(forbidden);
  });

  it('wires the core to Electron: events reach the window, keep-awake, kiosk status', () => {
    const events = callsTo(t, 'webContents.send').filter((call) => call.args[0] === 'kite:event');
    expect(events.some((call) => call.args[1] === 'settings.changed')).toBe(true);
    expect(t.results.keepAwake).toMatchObject({ ok: true });
    expect(callsTo(t, 'powerSaveBlocker.start').map((call) => call.args[0])).toEqual(['prevent-display-sleep']);
    expect(t.results.kioskStatus).toEqual({ ok: true, result: { desktop: true, kiosk: false } });
  });

  it('keeps the window on the app: no navigation away, no redirects, no new windows', () => {
    expect(t.results.navigateAway).toEqual({ prevented: true });
    expect(t.results.navigateFile).toEqual({ prevented: true });
    expect(t.results.navigateInApp).toEqual({ prevented: false });
    expect(t.results.redirect).toEqual({ prevented: true });
    expect(t.results.openWindow).toEqual({ action: 'deny' });
  });

  it('grants fullscreen and denies every other permission', () => {
    expect(t.results.fullscreen).toEqual({ request: true, check: true });
    for (const name of ['geolocation', 'media', 'notifications']) expect(t.results[name], name).toEqual({ request: false, check: false });
  });

  it('allows the microphone only while a teacher records narration: sound only, from the app, closed again after', () => {
    const denied = { request: false, check: false };
    expect(t.results.micAsPupil).toMatchObject(forbidden);
    expect(t.results.micAfterPupil).toEqual(denied);
    expect(t.results.micOn).toEqual({ ok: true, result: { supported: true } });
    expect(t.results.micWhileRecording).toEqual({ request: true, check: true });
    expect(t.results.cameraWhileRecording).toMatchObject({ request: false });
    expect(t.results.micFromOtherSite).toEqual(denied);
    expect(t.results.geolocationWhileRecording).toEqual(denied);
    expect(t.results.micOff).toEqual({ ok: true, result: { supported: true } });
    expect(t.results.micAfterRecording).toEqual(denied);
  });

  it('leaves keys, closing and the menu alone without kiosk mode', () => {
    expect(t.results.f5).toEqual({ prevented: false });
    expect(t.results.closeWindow).toEqual({ prevented: false });
    expect(callsTo(t, 'Menu.setApplicationMenu')).toEqual([]);
  });

  it('reloads the first screen after a renderer crash', () => {
    expect(t.results.crash).toEqual({ loads: ['kite://app/index.html', 'kite://app/index.html#/'] });
  });

  it('keeps the teacher\'s change and closes the core when the app quits', () => {
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'kite.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(log.at(-1) as string)).toMatchObject({ message: 'core stopped' });
    const core = createCore({ dataDir });
    try {
      expect(core.settings.get().schoolName).toBe('青山村小学');
    } finally {
      core.close();
    }
  });
});

describe('the shell in kiosk mode (machine config { "kiosk": true })', () => {
  let t: Transcript;

  const keys: { name: string; input: KeyInput }[] = [
    { name: 'F5', input: { key: 'F5', code: 'F5' } },
    { name: 'Ctrl+R', input: { key: 'r', code: 'KeyR', control: true } },
    { name: 'Ctrl+Shift+I', input: { key: 'I', code: 'KeyI', control: true, shift: true } },
    { name: 'F12', input: { key: 'F12', code: 'F12' } },
    { name: 'F11', input: { key: 'F11', code: 'F11' } },
    { name: 'Alt+F4', input: { key: 'F4', code: 'F4', alt: true } },
    { name: 'Ctrl+W', input: { key: 'w', code: 'KeyW', control: true } },
    { name: 'Ctrl+=', input: { key: '=', code: 'Equal', control: true } },
    { name: 'Alt+Left', input: { key: 'ArrowLeft', code: 'ArrowLeft', alt: true } },
    { name: 'Ctrl+P', input: { key: 'p', code: 'KeyP', control: true } },
    { name: 'BrowserBack', input: { key: 'BrowserBack' } },
    { name: 'a', input: { key: 'a', code: 'KeyA' } },
    { name: 'Ctrl+C', input: { key: 'c', code: 'KeyC', control: true } },
    { name: 'Ctrl+V', input: { key: 'v', code: 'KeyV', control: true } },
    { name: 'Enter', input: { key: 'Enter', code: 'Enter' } },
    { name: 'Escape', input: { key: 'Escape', code: 'Escape' } },
  ];

  beforeAll(async () => {
    const root = freshDir();
    const steps: Record<string, Step> = {
      kioskStatus: { invoke: 'kiosk.status' },
      closeWindow: { closeWindow: true },
      navigateAway: { navigate: 'https://example.com/' },
      ...Object.fromEntries(keys.map(({ name, input }) => [`key ${name}`, { key: input }])),
    };
    // Data folder and config through the environment this time (KITE_DATA_DIR, KITE_CONFIG).
    ({ transcript: t } = await runShell({ argv: [], env: { KITE_DATA_DIR: path.join(root, 'data'), KITE_CONFIG: configFile({ kiosk: true }) }, steps }));
  }, 60_000);

  it('opens the window kiosk and full screen, without devtools or menu', () => {
    expect(t.errors).toEqual([]);
    const options = t.windows[0]?.options as { kiosk: boolean; fullscreen: boolean; webPreferences: Record<string, unknown> };
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(options.webPreferences).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(t.windows[0]).toMatchObject({ kiosk: true, menuBarVisible: false });
    expect(callsTo(t, 'Menu.setApplicationMenu').map((call) => call.args[0])).toEqual([null]);
    expect(callsTo(t, 'webContents.setVisualZoomLevelLimits').map((call) => call.args)).toEqual([[1, 1]]);
    expect(t.results.kioskStatus).toEqual({ ok: true, result: { desktop: true, kiosk: true } });
  });

  it('blocks the shortcuts src/shared/kiosk.ts names, and only those', () => {
    const blocked = keys.filter(({ input }) => blockedShortcut(input)).map(({ name }) => name);
    expect(blocked).toEqual(['F5', 'Ctrl+R', 'Ctrl+Shift+I', 'F12', 'F11', 'Alt+F4', 'Ctrl+W', 'Ctrl+=', 'Alt+Left', 'Ctrl+P', 'BrowserBack']);
    for (const { name } of keys) expect(t.results[`key ${name}`], name).toEqual({ prevented: blocked.includes(name) });
  });

  it('keeps the window open and on the app', () => {
    expect(t.results.closeWindow).toEqual({ prevented: true });
    expect(t.results.navigateAway).toEqual({ prevented: true });
  });
});

describe('`doctor` through the app', () => {
  it('prints the health report and exits 0 without opening a window', async () => {
    const dataDir = path.join(freshDir(), 'data');
    createCore({ dataDir }).close();
    const out = path.join(freshDir(), 'report.txt');
    // English because the machine config says so (the fake Windows itself is Chinese: see below).
    const { transcript: t, stdout } = await runShell({ argv: ['doctor', '--data', dataDir, '--config', configFile({ language: 'en' }), '--out', out] });
    expect(t.errors).toEqual([]);
    expect(stdout).toContain('Kite Classroom health report');
    expect(stdout).toContain(`Data folder: ${dataDir}`);
    expect(stdout).toMatch(/Result: OK/);
    expect(fs.readFileSync(out, 'utf8')).toBe(stdout);
    expect(t.exitCode).toBe(0);
    expect(t.windows).toEqual([]);
    expect(callsTo(t, 'protocol.handle')).toEqual([]);
    expect(callsTo(t, 'ipcMain.handle')).toEqual([]);
  });

  it('exits 1 when the report finds a problem (here: a --config file that does not exist)', async () => {
    const missing = path.join(freshDir(), 'missing.json');
    const { transcript: t, stdout } = await runShell({ argv: ['doctor', '--data', path.join(freshDir(), 'data'), '--config', missing] });
    // No config language: the PC's (the fake Windows is Chinese); the English fact on a details line.
    expect(stdout).toMatch(/结果：有故障/);
    expect(stdout).toContain('设置文件有问题');
    expect(stdout).toContain(`技术细节：Config file ${missing}`);
    expect(t.exitCode).toBe(1);
    expect(t.windows).toEqual([]);
  });
});

describe('a data folder the app cannot use', () => {
  it('says why in an error box and exits 1, without a window', async () => {
    const notADir = path.join(freshDir(), 'data');
    fs.writeFileSync(notADir, 'a file, not a folder');
    const { transcript: t } = await runShell({ argv: ['--data', notADir, '--config', configFile({})] });
    expect(t.errors).toEqual([]);
    expect(callsTo(t, 'dialog.showErrorBox')).toHaveLength(1);
    // The PC's language (the fake is a Chinese Windows): a Chinese sentence, the English fact on a details line.
    const [, body] = callsTo(t, 'dialog.showErrorBox')[0]?.args as [string, string];
    expect(body).toMatch(/^数据文件夹无法写入，请联系信息技术老师。\n技术细节：Cannot write to the data folder /);
    expect(t.exitCode).toBe(1);
    expect(t.windows).toEqual([]);
  });

  it('says it in English when the machine config chooses English', async () => {
    const notADir = path.join(freshDir(), 'data');
    fs.writeFileSync(notADir, 'a file, not a folder');
    const { transcript: t } = await runShell({ argv: ['--data', notADir, '--config', configFile({ language: 'en' })] });
    const [, body] = callsTo(t, 'dialog.showErrorBox')[0]?.args as [string, string];
    expect(body).toMatch(/^The data folder cannot be written to\. Please ask IT staff\.\nDetails: Cannot write to the data folder /);
  });
});

describe('the preload (out/preload/index.cjs)', () => {
  /** Run the preload as Electron's sandbox does: `require` knows only 'electron'. */
  function loadPreload() {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listeners: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve('answer')),
        on: (channel: string) => listeners.push(channel),
        removeListener: (channel: string) => listeners.splice(listeners.indexOf(channel), 1),
      },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${name}"`);
    };
    const code = fs.readFileSync(PRELOAD_BUNDLE, 'utf8');
    const run = vm.runInThisContext(`(function (require, module, exports) {${code}\n})`, { filename: PRELOAD_BUNDLE }) as (...args: unknown[]) => void;
    const module = { exports: {} };
    run(sandboxRequire, module, module.exports);
    return { exposed, invoked, listeners };
  }

  it('exposes only kite.invoke and kite.on, on the channels the shell uses', async () => {
    const { exposed, invoked, listeners } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['kite']);
    const kite = exposed.kite as { invoke(method: string, input: unknown): Promise<unknown>; on(listener: () => void): () => void };
    expect(Object.keys(kite).sort()).toEqual(['invoke', 'on']);
    expect(await kite.invoke('app.health', {})).toBe('answer');
    expect(invoked).toEqual([['kite:invoke', 'app.health', {}]]);
    const off = kite.on(() => undefined);
    expect(listeners).toEqual(['kite:event']);
    off();
    expect(listeners).toEqual([]);
  });
});
