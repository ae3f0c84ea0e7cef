import fs from 'node:fs';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ResponseResult, ShellScript, Step, Transcript } from './electron-shell';
import { app, fakeEvent, FakeWebContents, harness, type FakeBrowserWindow, type FakeFrame } from './fake-electron';

/**
 * Child-process entry (see runShell in ./electron-shell.ts):
 *   node --import tsx tests/support/electron-shell-harness.ts SCRIPT.json TRANSCRIPT.json
 * Resolves `electron` to the fake, imports the built shell with the script's argv, plays Electron
 * ('ready', then the script's steps), quits the app and writes what happened as JSON.
 */

const [scriptFile, transcriptFile] = process.argv.slice(2) as [string, string];
const script = JSON.parse(fs.readFileSync(scriptFile, 'utf8')) as ShellScript & { main: string };
const errors: string[] = [];
process.on('uncaughtException', (error) => errors.push(error.stack ?? String(error)));
process.on('unhandledRejection', (reason) => errors.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

// Same URL as this file's own import of the fake, so the shell and the harness share one instance.
const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
const hooks = `export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`The shell did not open a window within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function run(window: FakeBrowserWindow, step: Step): Promise<unknown> {
  const contents = window.webContents;
  if ('request' in step) {
    const handler = harness.protocolHandlers.get('kite');
    if (!handler) return { error: 'no kite: protocol handler' };
    const response = await handler(new Request(step.request, { method: step.method ?? 'GET', headers: step.headers }));
    const result: ResponseResult = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      base64: Buffer.from(await response.arrayBuffer()).toString('base64'),
    };
    return result;
  }
  if ('invoke' in step) {
    const handler = harness.ipcHandlers.get('kite:invoke');
    if (!handler) return { error: 'no kite:invoke IPC handler' };
    let sender = contents;
    if (step.from === 'second-window') {
      secondWindow ??= new FakeWebContents();
      secondWindow.mainFrame.url = contents.mainFrame.url;
      sender = secondWindow;
    }
    let frame: FakeFrame | null = sender.mainFrame;
    if (step.from === 'subframe') frame = { url: step.url ?? sender.mainFrame.url, parent: sender.mainFrame };
    if (step.from === 'no-frame') frame = null;
    // A top frame showing another page: the same frame object, another URL, for this call only.
    const previousUrl = sender.mainFrame.url;
    if (frame === sender.mainFrame && step.url) sender.mainFrame.url = step.url;
    try {
      return await handler({ sender, senderFrame: frame, processId: 1, frameId: 1 }, step.invoke, step.input);
    } finally {
      sender.mainFrame.url = previousUrl;
    }
  }
  if ('navigate' in step || 'redirect' in step) {
    const url = 'navigate' in step ? step.navigate : step.redirect;
    const event = fakeEvent({ url, isMainFrame: true, isSameDocument: false });
    contents.emit('navigate' in step ? 'will-navigate' : 'will-redirect', event, url, false, true);
    return { prevented: event.defaultPrevented };
  }
  if ('openWindow' in step) {
    return contents.windowOpenHandler?.({ url: step.openWindow }) ?? { error: 'no window open handler' };
  }
  if ('permission' in step) {
    // As Electron asks: from the page the window shows (or `url`), a media request naming what it wants.
    const url = step.url ?? contents.mainFrame.url;
    const mediaTypes = step.mediaTypes ?? (step.permission === 'media' ? ['audio', 'video'] : undefined);
    let granted: boolean | undefined;
    harness.permissionRequestHandler?.(contents, step.permission, (answer) => (granted = answer), { requestingUrl: url, isMainFrame: true, ...(mediaTypes ? { mediaTypes } : {}) });
    const parsed = new URL(url);
    const origin = `${parsed.protocol}//${parsed.host}`;
    const check = harness.permissionCheckHandler?.(contents, step.permission, origin, { requestingUrl: url, isMainFrame: true, ...(mediaTypes?.length === 1 ? { mediaType: mediaTypes[0] } : {}) });
    return { request: granted, check };
  }
  if ('key' in step) {
    const event = fakeEvent();
    contents.emit('before-input-event', event, { type: 'keyDown', isAutoRepeat: false, ...step.key });
    return { prevented: event.defaultPrevented };
  }
  if ('closeWindow' in step) {
    const event = fakeEvent();
    window.emit('close', event);
    return { prevented: event.defaultPrevented };
  }
  if ('rendererGone' in step) {
    contents.emit('render-process-gone', fakeEvent(), { reason: step.rendererGone, exitCode: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { loads: [...window.loads] };
  }
  if ('wait' in step) {
    await new Promise((resolve) => setTimeout(resolve, step.wait));
    return { waited: step.wait };
  }
  return { error: `unknown step ${JSON.stringify(step)}` };
}

let secondWindow: FakeWebContents | undefined;

try {
  process.argv = [process.execPath, ...script.argv];
  await import(pathToFileURL(script.main).href);

  const results: Record<string, unknown> = {};
  if (harness.exitCode === undefined) {
    harness.emitReady();
    await until(() => harness.windows.length > 0 || harness.exitCode !== undefined, 30_000);
    const window = harness.windows[0];
    if (window) {
      for (const [name, step] of Object.entries(script.steps ?? {})) {
        try {
          results[name] = await run(window, step);
        } catch (error) {
          // A shell listener that throws is an uncaught exception in Electron's main process.
          errors.push(`step ${name}: ${error instanceof Error ? error.stack : String(error)}`);
          results[name] = { threw: String(error) };
        }
      }
    }
    app.quit();
  }

  const transcript: Transcript = {
    calls: harness.calls,
    exitCode: harness.exitCode,
    windows: harness.windows.map((w) => ({ options: w.options, loads: w.loads, kiosk: w.kiosk, menuBarVisible: w.menuBarVisible })),
    results,
    errors,
  };
  fs.writeFileSync(transcriptFile, JSON.stringify(transcript));
  process.exit(0);
} catch (error) {
  // The harness's own failure (not the shell's): say so and exit non-zero, never a silent 0.
  process.stderr.write(`electron-shell-harness: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
}
