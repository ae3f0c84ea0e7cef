import { app, Menu, type BrowserWindow } from 'electron';
import type { Core } from '../core';
import { afterRendererCrash, blockedShortcut } from '../shared/kiosk';
import { startupWarning } from '../shared/warnings';
import { APP_ORIGIN } from './protocol';

/** The first screen: where a pupil signs in; a crashed renderer comes back here. */
const START_URL = `${APP_ORIGIN}/index.html#/`;

/**
 * Kiosk mode for a classroom PC: full screen, no menu, no devtools, no reload/zoom/navigation/close
 * shortcuts; leaving needs the teacher PIN (kiosk.exit). Keys the OS handles before any app sees
 * them (Ctrl+Alt+Del, Win+L, edge swipes) are for the OS lockdown in docs/<lang>/kiosk-lockdown.md.
 */
export function applyKiosk(core: Core, window: BrowserWindow): void {
  const contents = window.webContents;
  let exiting = false;
  Menu.setApplicationMenu(null);
  window.setMenuBarVisibility(false);
  window.setKiosk(true);
  void contents.setVisualZoomLevelLimits(1, 1); // no pinch zoom on touchscreens

  contents.on('before-input-event', (event, input) => {
    const reason = blockedShortcut(input);
    if (!reason) return;
    event.preventDefault();
    if (input.type === 'keyDown') core.log.debug('kiosk: shortcut blocked', { reason, key: input.key });
  });
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('devtools-opened', () => contents.closeDevTools());
  // Alt+F4 and the window's close button reach here even when the key is blocked.
  window.on('close', (event) => {
    if (!exiting) event.preventDefault();
  });
  // Shutting down or signing out of Windows, or quitting on purpose, must not be blocked.
  window.on('query-session-end', () => (exiting = true));
  window.on('session-end', () => (exiting = true));
  app.on('before-quit', () => (exiting = true));
  window.on('leave-full-screen', () => !exiting && window.setKiosk(true));

  core.desktop.attach({
    kiosk: true,
    exitKiosk() {
      exiting = true;
      // Answer the renderer first, then quit: the IPC reply must not race the window closing.
      setTimeout(() => app.quit(), 100);
    },
    gpuInfo,
  });
}

/** The desktop shell without kiosk mode (development, or kiosk: false in the machine config). */
export function attachDesktop(core: Core): void {
  core.desktop.attach({ kiosk: false, exitKiosk: () => undefined, gpuInfo });
}

/**
 * A crashed or killed renderer comes back on the first screen, signed out, with a note for the
 * teacher in the log and the teacher overview. If it keeps crashing, stop and say so.
 */
export function recoverFromRendererCrash(core: Core, window: BrowserWindow, kiosk: boolean): void {
  let crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const next = afterRendererCrash(crashes, Date.now());
    crashes = next.crashes;
    // ISO: the teacher console shows it in the teacher's language and time zone.
    const when = new Date().toISOString();
    if (next.reload) {
      core.desktop.note(
        startupWarning('screen_restarted', { when }, `The screen stopped (${details.reason}, code ${details.exitCode}) at ${when} and was restarted on the first screen. If this happens often, run "kite doctor".`),
      );
      if (!window.isDestroyed()) void window.loadURL(START_URL);
    } else {
      core.desktop.note(
        startupWarning('screen_stopped', { count: String(crashes.length) }, `The screen stopped ${crashes.length} times within a minute (${details.reason}); it was not restarted again. Restart the app and run "kite doctor".`),
      );
      // In kiosk mode a dead screen helps nobody: exit with an error so the OS launcher
      // (Shell Launcher, the restart loop in docs/en/kiosk.md) starts the whole app afresh.
      if (kiosk) app.exit(2);
    }
  });
  window.webContents.on('unresponsive', () => core.log.warn('the screen is not responding'));
}

let gpuDevices: string[] = [];

/** Read the GPU's name once the GPU process has answered; feature status is available at once. */
export function loadGpuDevices(): void {
  app
    .getGPUInfo('basic')
    .then((info) => {
      const devices = (info as { gpuDevice?: { vendorId?: number; deviceId?: number; active?: boolean; driverVendor?: string; driverVersion?: string }[] }).gpuDevice ?? [];
      gpuDevices = devices.map((d) => `vendor 0x${(d.vendorId ?? 0).toString(16)} device 0x${(d.deviceId ?? 0).toString(16)}${d.active ? ' (active)' : ''}${d.driverVersion ? `, driver ${d.driverVendor ?? ''} ${d.driverVersion}` : ''}`);
    })
    .catch(() => undefined);
}

function gpuInfo() {
  return { featureStatus: { ...app.getGPUFeatureStatus() } as Record<string, string>, devices: gpuDevices };
}
