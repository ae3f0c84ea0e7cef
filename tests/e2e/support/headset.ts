import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './app';

/**
 * An emulated headset for e2e tests: Meta's IWER runtime (npm `iwer`, a devDependency) put into the
 * page before the app loads, forced over Chromium's own (device-less) navigator.xr. A Quest 3 with
 * two controllers; the device is `window.__headset`. Only tests do this: nothing in src/ imports iwer.
 */
export async function wearHeadset(context: BrowserContext): Promise<void> {
  const iwer = fs.readFileSync(path.join(ROOT, 'node_modules/iwer/build/iwer.min.js'), 'utf8');
  await context.addInitScript({
    content: `${iwer}
;(() => {
  const device = new IWER.XRDevice(IWER.metaQuest3);
  device.installRuntime({ forceInstall: true });
  window.__headset = device;
})();`,
  });
}

type Vec = [number, number, number];
type Device = {
  activeSession?: unknown;
  quaternion: { set(x: number, y: number, z: number, w: number): void };
  controllers: Record<'left' | 'right', { connected: boolean; position: { set(x: number, y: number, z: number): void }; quaternion: { set(x: number, y: number, z: number, w: number): void }; updateButtonValue(id: string, v: number): void }>;
};

/** The rotation (a quaternion x, y, z, w) that turns −Z, where an unturned headset or controller points, to `dir`. */
export function rotationTowards([x, y, z]: Vec): [number, number, number, number] {
  const len = Math.hypot(x, y, z);
  const [bx, by, bz] = [x / len, y / len, z / len];
  // cross((0, 0, −1), b) and 1 + dot((0, 0, −1), b), normalised.
  const [cx, cy, cz, w] = [by, -bx, 0, 1 - bz];
  const n = Math.hypot(cx, cy, cz, w);
  return [cx / n, cy / n, cz / n, w / n];
}

/** True while an immersive session runs on the emulated headset. */
export function inVr(page: Page): Promise<boolean> {
  return page.evaluate(() => !!(window as unknown as { __headset: Device }).__headset.activeSession);
}

/** Turn the headset (the pupil's head) to look along `dir`. */
export async function lookAlong(page: Page, dir: Vec): Promise<void> {
  await page.evaluate((q) => (window as unknown as { __headset: Device }).__headset.quaternion.set(...q), rotationTowards(dir));
}

/** Hold the right controller at `from`, pointing at `to` (metres, the room's floor-level space). */
export async function pointRightController(page: Page, from: Vec, to: Vec): Promise<void> {
  const q = rotationTowards([to[0] - from[0], to[1] - from[1], to[2] - from[2]]);
  await page.evaluate(
    ([f, r]) => {
      const right = (window as unknown as { __headset: Device }).__headset.controllers.right;
      right.position.set(...f);
      right.quaternion.set(...r);
    },
    [from, q] as const,
  );
}

/** Squeeze and let go of the right controller's trigger (a "select"), a few frames apart as a hand does. */
export async function pullTrigger(page: Page): Promise<void> {
  const set = (value: number) => page.evaluate((v) => (window as unknown as { __headset: Device }).__headset.controllers.right.updateButtonValue('trigger', v), value);
  await set(1);
  await page.waitForTimeout(600);
  await set(0);
}

/** Take both controllers away (a headset used without them): gaze is all that is left. */
export async function putControllersDown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const c = (window as unknown as { __headset: Device }).__headset.controllers;
    c.left.connected = false;
    c.right.connected = false;
  });
}
