import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createCore, type Core } from '../core';
import { defaultDataDir } from '../core/datadir';
import { bindIpc, forwardEvents } from './ipc';
import { handleKiteProtocol, registerKiteScheme } from './protocol';
import { createMainWindow, lockDownSession } from './window';
import { createKeepAwake } from './power';

// The Electron shell: window, kite:// protocol, IPC, lifecycle. No business logic lives here.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadDir = path.join(here, '../preload');

function dataDirFromArgs(): string {
  const flag = process.argv.indexOf('--data');
  if (flag > 0 && process.argv[flag + 1]) return path.resolve(process.argv[flag + 1] as string);
  return process.env.KITE_DATA_DIR ? path.resolve(process.env.KITE_DATA_DIR) : app.getPath('userData');
}

registerKiteScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    try {
      core = createCore({ dataDir: dataDirFromArgs() ?? defaultDataDir(), host: { keepAwake: createKeepAwake() } });
    } catch (error) {
      dialog.showErrorBox('Kite Classroom / 风筝课堂', (error as Error).message);
      app.exit(1);
      return;
    }
    lockDownSession();
    handleKiteProtocol(core, rendererDir);
    bindIpc(core);
    mainWindow = createMainWindow(preloadDir);
    forwardEvents(core, mainWindow.webContents);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
