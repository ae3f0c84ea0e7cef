import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { makeJpeg } from '../../support/media';
import { ROOT, runKite, startKite, type KiteServer } from './app';
import { iwerScript } from './iwer';

/**
 * An emulated headset for e2e tests: Meta's IWER runtime (npm `iwer`, a devDependency) put into the
 * page before the app loads, forced over Chromium's own (device-less) navigator.xr. A Quest 3 with
 * two controllers; the device is `window.__headset`. Only tests do this: nothing in src/ imports iwer.
 */
export async function wearHeadset(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: iwerScript(ROOT) });
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

/** A few frames of the page's (and so the emulated headset's) own loop, so what it shows is settled. */
export const frames = (page: Page, n = 10) =>
  page.evaluate((count) => new Promise<void>((done) => {
    const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : done());
    step(count);
  }), n);

/** Where a headset panel button floats (metres, the scene's world), once the panel is up (?test=1 only). */
export async function vrButton(page: Page, id: string): Promise<Vec> {
  const read = () => page.evaluate((b) => (window as unknown as { __kiteVr?: { button(id: string): Vec | null } }).__kiteVr?.button(b) ?? null, id);
  await page.waitForFunction((b) => !!(window as unknown as { __kiteVr?: { button(id: string): unknown } }).__kiteVr?.button(b), id, { timeout: 60_000 });
  return (await read()) as Vec;
}

/** Where the headset is in the pupil's own (floor-level) space. */
export function headsetPosition(page: Page): Promise<Vec> {
  return page.evaluate(() => {
    const p = (window as unknown as { __headset: { position: { x: number; y: number; z: number } } }).__headset.position;
    return [p.x, p.y, p.z] as Vec;
  });
}

/**
 * A point of the scene's world in the pupil's own space, for a view that stands the pupil at `origin`
 * turned by `yaw` (radians about the vertical): controllers and the headset move in the pupil's space.
 */
export function toPupilSpace(world: Vec, origin: Vec, yaw = 0): Vec {
  const [x, y, z] = [world[0] - origin[0], world[1] - origin[1], world[2] - origin[2]];
  const [c, s] = [Math.cos(yaw), Math.sin(yaw)];
  return [c * x - s * z, y, s * x + c * z];
}

/** A headset's browser window (the tests' stand-in for a Quest's). */
export const HEADSET_WINDOW = { width: 1280, height: 720 };

/**
 * A hub (`kite serve --hub`, plus `args`) whose gallery holds these camera pictures (file name → size,
 * e.g. '1024x512' for a 360° photo), imported with `kite media import` as a teacher does.
 */
export async function startHubWithPictures(name: string, pictures: Record<string, string>, args: string[] = []): Promise<KiteServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kite-e2e-${name}-`));
  const card = fs.mkdtempSync(path.join(os.tmpdir(), `kite-e2e-${name}-card-`));
  for (const [file, size] of Object.entries(pictures)) makeJpeg(path.join(card, 'DCIM', '100MEDIA', file), size);
  const count = Object.keys(pictures).length;
  expect((await runKite(['media', 'import', card, '--data', dataDir])).stdout.trim()).toBe(`${count} imported, 0 already in the gallery, 0 failed`);
  return startKite(dataDir, { args: ['--hub', ...args] });
}

/** The hub's HTTPS address and join code, once its start-up line says them. */
export async function hubJoinInfo(hub: KiteServer): Promise<{ address: string; code: string }> {
  const read = () => /join at (https:\/\/\S+) with the join code (\d{6})/.exec(hub.output());
  await expect.poll(() => read() !== null, { timeout: 30_000 }).toBe(true);
  const [, address, code] = read() as RegExpExecArray;
  return { address: address as string, code: code as string };
}

/** A headset's browser: the emulated headset worn, the hub's certificate accepted (as after "Proceed"), its page errors collected. */
export async function headsetBrowser(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: HEADSET_WINDOW, ignoreHTTPSErrors: true, hasTouch: true });
  await wearHeadset(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}
