/**
 * Kiosk logic shared by the Electron shell (which keys are blocked) and the renderer (the corner
 * gesture that opens the teacher's exit dialog). Pure functions, no zod, no Electron: unit-tested.
 */

export interface KioskStatus {
  /** Running inside the desktop app (not a browser). */
  desktop: boolean;
  kiosk: boolean;
}

/** Electron's app.getGPUFeatureStatus() plus the GPU's name, for `kite doctor` inside the app. */
export interface GpuInfo {
  featureStatus: Record<string, string>;
  devices: string[];
}

/** The fields of Electron's `before-input-event` Input that matter here. */
export interface KeyInput {
  key: string;
  code?: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export type BlockReason = 'reload' | 'devtools' | 'close' | 'zoom' | 'navigation' | 'print' | 'new-window' | 'fullscreen' | 'browser-key' | 'window-menu' | 'shortcut';

const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock']);
/** Hardware keys some keyboards and tablets have for the browser. */
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'BrowserStop', 'ZoomIn', 'ZoomOut', 'LaunchApplication1', 'LaunchApplication2']);
/** Ctrl combinations pupils need for typing: copy, paste, cut, select all, undo, redo, word moves, IME toggle. */
const EDITING = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);
const ZOOM = new Set(['=', '+', '-', '_', '0', 'Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/**
 * Why this key combination must not reach the page in kiosk mode, or undefined when it may.
 * Ctrl (or Cmd) combinations are blocked unless they are plain text editing; every function key is
 * blocked (F5 reload, F11 fullscreen, F12 devtools, F7 caret browsing…); Alt only for navigation,
 * Alt+F4 and the window menu. Letters are read from `code` so other keyboard layouts match too.
 */
export function blockedShortcut(input: KeyInput): BlockReason | undefined {
  const { key, code = '' } = input;
  if (MODIFIERS.has(key)) return undefined;
  if (BROWSER_KEYS.has(key) || BROWSER_KEYS.has(code)) return key.startsWith('Zoom') ? 'zoom' : 'browser-key';
  const letter = /^Key[A-Z]$/.test(code) ? code.slice(3).toLowerCase() : key.length === 1 ? key.toLowerCase() : key;
  const fn = /^F(\d{1,2})$/.exec(key);
  const mod = Boolean(input.control || input.meta);

  if (fn) {
    if (key === 'F4' && (input.alt || mod)) return 'close';
    if (key === 'F5') return 'reload';
    if (key === 'F11') return 'fullscreen';
    if (key === 'F12') return 'devtools';
    return 'shortcut';
  }
  if (input.alt && !mod) {
    if (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home') return 'navigation';
    if (key === ' ' || code === 'Space') return 'window-menu';
    return undefined;
  }
  if (!mod) return undefined;
  if (input.shift && ['i', 'j', 'c', 'k'].includes(letter)) return 'devtools';
  if (input.alt && letter === 'i') return 'devtools'; // Cmd+Alt+I on macOS
  if (letter === 'r') return 'reload';
  if (letter === 'w' || letter === 'q') return 'close';
  if (ZOOM.has(key) || ZOOM.has(code)) return 'zoom';
  if (letter === 'p') return 'print';
  if (letter === 'n' || letter === 't') return 'new-window';
  if (EDITING.has(letter)) return undefined;
  return 'shortcut';
}

export const isBlockedShortcut = (input: KeyInput): boolean => blockedShortcut(input) !== undefined;

/** The teacher's way out: several quick taps in the top-left corner open the PIN dialog. */
export interface CornerGesture {
  taps: number;
  withinMs: number;
  /** Size of the corner square, in CSS pixels. */
  cornerPx: number;
}

export const EXIT_GESTURE: CornerGesture = { taps: 5, withinMs: 3000, cornerPx: 64 };

export interface Tap {
  x: number;
  y: number;
  time: number;
}

/**
 * Feed one tap; returns the new tap history (times of recent corner taps) and whether the gesture
 * is complete. A tap outside the corner starts over, so ordinary use never opens the dialog.
 */
export function registerCornerTap(history: readonly number[], tap: Tap, gesture: CornerGesture = EXIT_GESTURE): { history: number[]; triggered: boolean } {
  if (tap.x > gesture.cornerPx || tap.y > gesture.cornerPx || tap.x < 0 || tap.y < 0) return { history: [], triggered: false };
  const recent = [...history.filter((t) => tap.time - t < gesture.withinMs && t <= tap.time), tap.time];
  if (recent.length >= gesture.taps) return { history: [], triggered: true };
  return { history: recent, triggered: false };
}

/** At most this many renderer reloads after crashes within the window; past that the shell stops reloading. */
export const CRASH_RELOADS = { max: 3, withinMs: 60_000 };

/**
 * After a renderer crash: reload (the usual case) or give up because it keeps crashing (a broken
 * driver or pack would otherwise make the screen flash forever). Returns the crash times to keep.
 */
export function afterRendererCrash(crashes: readonly number[], now: number, limit = CRASH_RELOADS): { crashes: number[]; reload: boolean } {
  const recent = [...crashes.filter((t) => now - t < limit.withinMs), now];
  return { crashes: recent, reload: recent.length <= limit.max };
}
