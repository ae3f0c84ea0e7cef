import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Call } from './fake-electron';

/**
 * Run the BUILT Electron shell (out/main/index.js) in a child Node process with `electron`
 * resolved to tests/support/fake-electron.ts, and get back what it did as a JSON transcript.
 * A child process gives each run a fresh module (the shell runs at import) and its own argv.
 *
 *   const { transcript } = await runShell({ argv: ['--data', dir], steps: { home: { request: 'kite://app/' } } });
 *   transcript.results.home   // { status: 200, headers: {...}, base64: '...' }
 *
 * Steps run in order after the window exists, each as Electron would deliver it.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN_BUNDLE = path.join(repoRoot, 'out/main/index.js');
export const PRELOAD_BUNDLE = path.join(repoRoot, 'out/preload/index.cjs');
const HARNESS = path.join(repoRoot, 'tests/support/electron-shell-harness.ts');

/** Who sends an IPC call: the main window's top frame (default), one of its subframes, no frame (gone), or a second window. */
export type Sender = 'main-frame' | 'subframe' | 'no-frame' | 'second-window';

export type Step =
  /** The kite:// protocol handler, called with a real Request. */
  | { request: string; method?: string; headers?: Record<string, string> }
  /** ipcMain 'kite:invoke'; `url` is the sending frame's URL (default: what the window loaded). */
  | { invoke: string; input?: unknown; from?: Sender; url?: string }
  | { navigate: string }
  | { redirect: string }
  | { openWindow: string }
  /** A permission request and check, from the window's page (or `url`); `mediaTypes` for 'media' (default: camera and microphone). */
  | { permission: string; mediaTypes?: string[]; url?: string }
  /** before-input-event with this key (keyDown). */
  | { key: { key: string; code?: string; control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } }
  /** The window's close button or Alt+F4 reaching the window. */
  | { closeWindow: true }
  /** render-process-gone with this reason. */
  | { rendererGone: string }
  /** Let the shell run this long (ms) before the next step: background work such as the room's link. */
  | { wait: number };

export interface ShellScript {
  /** The shell's arguments after the executable, e.g. ['--data', DIR]. */
  argv: string[];
  env?: Record<string, string>;
  steps?: Record<string, Step>;
}

export interface ResponseResult {
  status: number;
  headers: Record<string, string>;
  base64: string;
}

export interface Transcript {
  calls: Call[];
  /** The first app.exit() code, if the shell asked to exit. */
  exitCode?: number;
  windows: { options: Record<string, unknown>; loads: string[]; kiosk: boolean; menuBarVisible: boolean }[];
  /** Each step's outcome, by the step's name. */
  results: Record<string, unknown>;
  /** Uncaught exceptions and unhandled rejections in the shell: there should be none. */
  errors: string[];
}

/** Environment the shell must not inherit from whoever runs the tests. */
const SHELL_ENV = /^(KITE_|PORTABLE_EXECUTABLE_DIR$|ELECTRON_)/;

export async function runShell(script: ShellScript): Promise<{ transcript: Transcript; stdout: string; stderr: string }> {
  if (!fs.existsSync(MAIN_BUNDLE)) throw new Error(`${path.relative(repoRoot, MAIN_BUNDLE)} is missing: run \`npm run build\` first (npm test builds before the unit tests).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-shell-'));
  try {
    const scriptFile = path.join(dir, 'script.json');
    const transcriptFile = path.join(dir, 'transcript.json');
    fs.writeFileSync(scriptFile, JSON.stringify({ ...script, main: MAIN_BUNDLE }));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SHELL_ENV.test(name)));
    const child = spawn(process.execPath, ['--import', 'tsx', HARNESS, scriptFile, transcriptFile], {
      cwd: repoRoot,
      env: { ...env, ...script.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The harness gives up on its own after 30 s; this is the backstop for a child that hangs anyway.
    const backstop = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve)).finally(() => clearTimeout(backstop));
    if (code !== 0 || !fs.existsSync(transcriptFile)) throw new Error(`The shell harness failed (exit ${code}):\n${stderr}\n${stdout}`);
    return { transcript: JSON.parse(fs.readFileSync(transcriptFile, 'utf8')) as Transcript, stdout, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The calls made to one Electron API, e.g. callsTo(t, 'ipcMain.handle'). */
export function callsTo(transcript: Transcript, api: string): Call[] {
  return transcript.calls.filter((call) => call.api === api);
}

export function bodyText(response: ResponseResult): string {
  return Buffer.from(response.base64, 'base64').toString('utf8');
}
