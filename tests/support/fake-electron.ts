import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

/**
 * A recording stand-in for the `electron` module, so the built shell (out/main/index.js) can run in
 * plain Node where no Electron binary exists. It implements only what src/main calls: anything
 * else is missing on purpose, so a new Electron call fails loudly here instead of passing unseen.
 * tests/support/electron-shell-harness.ts resolves `electron` to this file and drives it.
 */

/** One call the shell made into Electron; `ready` says whether the app was ready by then. */
export interface Call {
  api: string;
  args: unknown[];
  ready: boolean;
}

/** Electron's event object: listeners call preventDefault() to refuse. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean;

/** JSON-safe copy of call arguments (functions become a marker) for the transcript. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? '[function]' : v)) ?? 'null');
}

// Two copies would split the shell's Electron from the harness's: say so instead of timing out.
const loaded = globalThis as { kiteFakeElectronLoaded?: boolean };
if (loaded.kiteFakeElectronLoaded) throw new Error('fake-electron.ts was loaded twice (two module URLs): the harness and the shell must share one instance.');
loaded.kiteFakeElectronLoaded = true;

let ready = false;
let markReady: () => void = () => undefined;
const whenReady = new Promise<void>((resolve) => (markReady = resolve));

/** What the harness reads and drives. */
export const harness = {
  calls: [] as Call[],
  windows: [] as FakeBrowserWindow[],
  /** The first app.exit() code; the fake never really exits, so the harness can write its transcript. */
  exitCode: undefined as number | undefined,
  protocolHandlers: new Map<string, ProtocolHandler>(),
  ipcHandlers: new Map<string, IpcHandler>(),
  permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
  permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
  /** What Electron does once it has started: 'ready', then whenReady() resolves. */
  emitReady(): void {
    ready = true;
    app.emit('ready', fakeEvent());
    markReady();
  },
};

function record(api: string, ...args: unknown[]): void {
  harness.calls.push({ api, args: plain(args) as unknown[], ready });
}

class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  private quitting = false;
  isReady(): boolean {
    return ready;
  }
  whenReady(): Promise<void> {
    return whenReady;
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return true;
  }
  /** Like Electron: 'before-quit', then 'will-quit' (once). */
  quit(): void {
    record('app.quit');
    if (this.quitting) return;
    this.quitting = true;
    this.emit('before-quit', fakeEvent());
    this.emit('will-quit', fakeEvent());
  }
  exit(code = 0): void {
    record('app.exit', code);
    harness.exitCode ??= code;
  }
  getPath(name: string): string {
    return path.join(os.tmpdir(), 'kite-fake-electron', name);
  }
  /** A Chinese Windows, like most classroom PCs. */
  getLocale(): string {
    return 'zh-CN';
  }
  getGPUInfo(infoType: string): Promise<unknown> {
    record('app.getGPUInfo', infoType);
    return Promise.resolve({ gpuDevice: [{ vendorId: 0x8086, deviceId: 0x1234, active: true }] });
  }
  getGPUFeatureStatus(): Record<string, string> {
    return { gpu_compositing: 'enabled', webgl: 'enabled' };
  }
}

export const app = new FakeApp();

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    record('webContents.setWindowOpenHandler', handler);
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    record('webContents.setVisualZoomLevelLimits', min, max);
    return Promise.resolve();
  }
  setZoomFactor(factor: number): void {
    record('webContents.setZoomFactor', factor);
  }
  closeDevTools(): void {
    record('webContents.closeDevTools');
  }
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', channel, ...args);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return [...harness.windows];
  }
  readonly webContents = new FakeWebContents();
  readonly loads: string[] = [];
  kiosk: boolean;
  menuBarVisible = true;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    record('new BrowserWindow', options);
    this.kiosk = Boolean(options.kiosk);
    harness.windows.push(this);
  }
  /** The page "commits" at once: the main frame's URL is what was loaded. */
  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', url);
    this.loads.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setKiosk(flag: boolean): void {
    record('BrowserWindow.setKiosk', flag);
    this.kiosk = flag;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setMenuBarVisibility(visible: boolean): void {
    record('BrowserWindow.setMenuBarVisibility', visible);
    this.menuBarVisible = visible;
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  isDestroyed(): boolean {
    return false;
  }
}
export { FakeBrowserWindow as BrowserWindow };

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', scheme, handler);
    harness.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    record('ipcMain.handle', channel, handler);
    harness.ipcHandlers.set(channel, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      record('session.setPermissionRequestHandler', handler);
      harness.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      record('session.setPermissionCheckHandler', handler);
      harness.permissionCheckHandler = handler;
    },
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    record('Menu.setApplicationMenu', menu);
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
};

let nextBlockerId = 1;
export const powerSaveBlocker = {
  start(type: string): number {
    record('powerSaveBlocker.start', type);
    return nextBlockerId++;
  },
  stop(id: number): void {
    record('powerSaveBlocker.stop', id);
  },
};
