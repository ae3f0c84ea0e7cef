/**
 * Switches for tests and for PCs with troublesome graphics. `?test=1` (or localStorage kite.demoTest=1)
 * exposes window.__kiteDemo for end-to-end tests; `?demo2d=1` (or kite.demo2d=1) forces the 2D pictures.
 * Both only read state or choose the simpler view, so they are harmless if a pupil finds them.
 */
function flag(query: string, storageKey: string): boolean {
  try {
    return new URLSearchParams(window.location.search).get(query) === '1' || window.localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

export const testHooksEnabled = () => flag('test', 'kite.demoTest');
export const force2d = () => flag('demo2d', 'kite.demo2d');

/** `?test=1&scene=cube`: the bench's baseline, one cube through the same engine instead of the demo's scene. */
export const baselineScene = () => testHooksEnabled() && new URLSearchParams(window.location.search).get('scene') === 'cube';

/** Frames slower than this (ms, median of the first seconds) switch to 2D. Tests may set it with ?slowms=N. */
export function tooSlowMs(defaultMs: number): number {
  const override = Number(new URLSearchParams(window.location.search).get('slowms'));
  return testHooksEnabled() && override > 0 ? override : defaultMs;
}
