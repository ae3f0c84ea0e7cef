import path from 'node:path';
import { BrowserWindow, session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './protocol';
import { microphoneAllowed, type MicrophoneGate } from './microphone';

/** Permissions the app may use. Video playback needs none; fullscreen is for the video and demo players. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen']);

/**
 * Everything denied but fullscreen, and the microphone (`media`, sound only, from the app's own
 * page) while the gate is open: while the teacher records narration.
 */
export function lockDownSession(microphone: MicrophoneGate): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (permission === 'media') return callback(isAppUrl(details.requestingUrl) && microphoneAllowed(microphone, 'mediaTypes' in details ? (details.mediaTypes ?? []) : []));
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission === 'media') return isAppUrl(requestingOrigin) && microphoneAllowed(microphone, details.mediaType ? [details.mediaType] : undefined);
    return ALLOWED_PERMISSIONS.has(permission);
  });
}

export function createMainWindow(preloadDir: string, { kiosk }: { kiosk: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    kiosk,
    fullscreen: kiosk,
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#fdf8ef',
    autoHideMenuBar: true,
    webPreferences: {
      preload: path.join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !kiosk,
    },
  });
  const contents = window.webContents;
  // Nothing leaves the app: no navigation away, no new windows, no external links.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
