import fs from 'node:fs';
import path from 'node:path';

/**
 * The page script that puts Meta's IWER runtime (npm `iwer`, a devDependency) in before the app
 * loads, forced over Chromium's own (device-less) navigator.xr: a Quest 3 with two controllers,
 * as `window.__headset`. For tests and the bench only (no vitest here, so the bench can use it).
 */
export function iwerScript(root: string): string {
  const iwer = fs.readFileSync(path.join(root, 'node_modules/iwer/build/iwer.min.js'), 'utf8');
  return `${iwer}
;(() => {
  const device = new IWER.XRDevice(IWER.metaQuest3);
  device.installRuntime({ forceInstall: true });
  window.__headset = device;
})();`;
}
