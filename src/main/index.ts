import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createCore, type Core } from '../core';
import { hostRoom, type RoomHost } from '../core/hub/host';
import { configFlag, configSource, loadMachineConfig } from '../core/config/load';
import { runDoctor, saveDoctorReport } from '../core/system/doctor';
import { bindIpc } from './ipc';
import { applyKiosk, attachDesktop, loadGpuDevices, recoverFromRendererCrash } from './kiosk';
import { handleKiteProtocol, registerKiteScheme } from './protocol';
import { createMainWindow, lockDownSession } from './window';
import { createKeepAwake } from './power';
import { createMicrophoneGate } from './microphone';
import { KiteError } from '../shared/errors';
import { errorLines, message } from '../shared/messages';
import type { Language } from '../shared/languages';

// The Electron shell: window, kite:// protocol, IPC, lifecycle. No business logic lives here.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadDir = path.join(here, '../preload');
/** Built-in lesson packs: beside the app in an installed build (extraResources), in out/ in a checkout. */
const builtinPacksDir = app.isPackaged ? path.join(process.resourcesPath, 'packs') : path.join(here, '../builtin-packs');

/**
 * --data DIR or KITE_DATA_DIR; the portable exe keeps its data beside itself (KiteData on the USB
 * stick). Undefined lets the machine config's dataDir or the default folder apply.
 */
function explicitDataDir(): string | undefined {
  const flag = process.argv.indexOf('--data');
  if (flag > 0 && process.argv[flag + 1]) return path.resolve(process.argv[flag + 1] as string);
  if (process.env.KITE_DATA_DIR) return path.resolve(process.env.KITE_DATA_DIR);
  return process.env.PORTABLE_EXECUTABLE_DIR ? path.join(process.env.PORTABLE_EXECUTABLE_DIR, 'KiteData') : undefined;
}

/**
 * `"Kite Classroom.exe" doctor --out FILE`: the installed app has no separate `kite` command (the
 * runAsNode fuse is off), so IT staff run the health report through the app itself, no window.
 */
function doctorMode(): boolean {
  const at = process.argv.indexOf('doctor');
  if (at < 0 || at > 2) return false;
  const out = process.argv.indexOf('--out');
  const config = loadMachineConfig(configSource(configFlag(process.argv)));
  const dataDir = explicitDataDir() ?? config.config.dataDir ?? app.getPath('userData');
  const report = runDoctor({ dataDir, config, language: machineLanguage(config.config.language) });
  process.stdout.write(report.text);
  if (out > 0 && process.argv[out + 1]) saveDoctorReport(report, process.argv[out + 1] as string);
  app.exit(report.broken ? 1 : 0);
  return true;
}

/** The language for IT staff outside the window: the machine config's, else Windows/Linux's own. */
function machineLanguage(configured: Language | undefined): Language {
  return configured ?? (app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');
}

registerKiteScheme();

if (doctorMode()) {
  // done: the report was written and the app exits
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;
  let room: RoomHost | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    const microphone = createMicrophoneGate();
    const config = loadMachineConfig(configSource(configFlag(process.argv)));
    try {
      core = createCore({ dataDir: explicitDataDir(), config, backgroundBackups: true, appLock: true, host: { keepAwake: createKeepAwake(), microphone: microphone.set } });
    } catch (error) {
      // The machine's language; the English fact on a details line.
      const language = machineLanguage(config.config.language);
      const known = error instanceof KiteError ? error : new KiteError('internal', (error as Error).message);
      dialog.showErrorBox('Kite Classroom / 风筝课堂', errorLines((key, params) => message(language, key, params), known, true));
      app.exit(1);
      return;
    }
    await core.packs.installBuiltins(builtinPacksDir);
    core.county.startPush(); // with county.url in the config, a hub or standalone PC sends progress to the county
    lockDownSession(microphone);
    handleKiteProtocol(core, rendererDir);
    const ipc = bindIpc(core);
    // Kiosk is on in installed builds unless the machine config says otherwise.
    const kiosk = config.config.kiosk ?? app.isPackaged;
    mainWindow = createMainWindow(preloadDir, { kiosk });
    if (kiosk) applyKiosk(core, mainWindow);
    else attachDesktop(core);
    recoverFromRendererCrash(core, mainWindow, kiosk);
    loadGpuDevices();
    ipc.forwardEvents(mainWindow.webContents);
    // The classroom, as `kite serve` runs it: a hub opens the room for pupil PCs, a pupil PC follows its hub.
    const opened = core;
    hostRoom(opened).then(
      (host) => void (room = host),
      (error: unknown) => opened.log.error('the room could not be opened for pupil PCs', { error: String(error) }),
    );
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void room?.close();
    core?.close();
  });
}
