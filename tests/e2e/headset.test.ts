import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeH264, makeJpeg } from '../support/media';
import { inLanguage, openPupilPage, ROOT, runKite, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { DEMO_BUDGET } from './support/demos';
import { frames, inVr, lookAlong, pointRightController, pullTrigger, putControllersDown, wearHeadset } from './support/headset';

// A gallery with a small 360° photo and one of 8192×4096, as a good 360° camera makes.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-headset-'));
beforeAll(async () => {
  const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-headset-card-'));
  makeJpeg(path.join(card, 'DCIM', '100MEDIA', 'DJI_0002.JPG'), '1024x512');
  makeJpeg(path.join(card, 'DCIM', '100MEDIA', 'DJI_0007.JPG'), '8192x4096');
  makeH264(path.join(card, 'DCIM', '100MEDIA', 'DJI_0008.MP4'), { seconds: 4, size: '640x320' });
  const imported = await runKite(['media', 'import', card, '--data', dataDir]);
  expect(imported.stdout.trim()).toBe('3 imported, 0 already in the gallery, 0 failed');
  fs.rmSync(card, { recursive: true, force: true });
}, 120_000);
const app = useKiteAndBrowser({ dataDir });

/** Records the largest picture the page uploads to the GPU (texImage2D / texStorage2D / texSubImage2D), as `window.__largestTexture`. */
const TEXTURE_RECORDER = `(() => {
  const largest = { width: 0, height: 0 };
  window.__largestTexture = largest;
  const note = (w, h) => { if (w * h > largest.width * largest.height) { largest.width = w; largest.height = h; } };
  const size = (s) => [s.videoWidth || s.naturalWidth || s.width || 0, s.videoHeight || s.naturalHeight || s.height || 0];
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    const image = proto.texImage2D;
    proto.texImage2D = function (...a) { a.length >= 8 ? note(a[3], a[4]) : note(...size(a[5])); return image.apply(this, a); };
    const sub = proto.texSubImage2D;
    proto.texSubImage2D = function (...a) { a.length >= 9 ? note(a[4], a[5]) : note(...size(a[6])); return sub.apply(this, a); };
    if (proto.texStorage2D) { const storage = proto.texStorage2D; proto.texStorage2D = function (...a) { note(a[3], a[4]); return storage.apply(this, a); }; }
  }
})();`;

async function openPhoto(page: Page, title: string) {
  await page.goto(`${app.kite.url}/#/gallery`);
  const link = page.getByRole('link', { name: new RegExp(title) });
  await link.click();
  // A click that lands while the gallery is still drawn again (its pictures arriving) can be lost: the address says whether it opened.
  const opened = await page.waitForURL(/#\/gallery\/[a-f0-9]{64}/, { timeout: 10_000 }).then(() => true, () => false);
  if (!opened) await link.click();
  // SwiftShader's first WebGL context on a busy machine can take a while.
  await page.locator('.panorama-view[data-ready="true"] canvas').waitFor({ timeout: 60_000 });
}

// Where the exit button floats (VrPanel's PANEL): 1.2 m ahead of where the head first looked, 0.38 m below the eyes (1.6 m).
const EYES: [number, number, number] = [0, 1.6, 0];
const EXIT_BUTTON: [number, number, number] = [0, 1.6 - 0.38, -1.2];

describe('a 360° photo in a VR headset', () => {
  it('ships no headset emulator: the built app has none of iwer (tests inject it)', () => {
    const assets = path.join(ROOT, 'out/renderer/assets');
    const bundled = fs.readdirSync(assets).filter((f) => f.endsWith('.js') && /Immersive Web Emulation Runtime|XRDevice|@iwer\/devui/.test(fs.readFileSync(path.join(assets, f), 'utf8')));
    expect(bundled).toEqual([]);
  });

  it('shows no Enter VR button on a PC without a headset', async () => {
    const { page, context } = await openPupilPage(app.browser, `${app.kite.url}/#/gallery`, VIEWPORTS.laptop);
    await openPhoto(page, 'DJI_0002');
    await page.getByRole('button', { name: 'VR 眼镜（左右分屏）' }).waitFor();
    expect(await page.getByRole('button', { name: '进入 VR' }).count()).toBe(0);
    await context.close();
  });

  it('enters VR, exits with the controller ray and with a long look, and comes back to the same photo', async () => {
    const { page, context, external, consoleErrors } = await openPupilPage(app.browser, `${app.kite.url}/#/gallery`, VIEWPORTS.laptop);
    await wearHeadset(context);
    await page.reload();
    await openPhoto(page, 'DJI_0002');
    const photoUrl = page.url();
    const enter = page.getByRole('button', { name: '进入 VR' });
    await enter.click();
    await expect.poll(() => inVr(page)).toBe(true);
    await frames(page);
    await screenshot(page, 'headset-360-view-zh-CN');

    // Point the right controller at the exit button and pull the trigger.
    await pointRightController(page, [0.2, 1.25, -0.35], EXIT_BUTTON);
    await frames(page, 10);
    await screenshot(page, 'headset-360-ray-zh-CN');
    await pullTrigger(page);
    await expect.poll(() => inVr(page)).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('进入 VR');
    expect(page.url()).toBe(photoUrl);
    await page.getByRole('img', { name: '360° 全景：DJI_0002' }).waitFor();

    // Without controllers: look at the exit button and hold still; the ring fills, then it presses.
    await putControllersDown(page);
    await lookAlong(page, [EXIT_BUTTON[0] - EYES[0], EXIT_BUTTON[1] - EYES[1], EXIT_BUTTON[2] - EYES[2]]);
    await enter.click();
    await expect.poll(() => inVr(page)).toBe(true);
    await page.waitForTimeout(700);
    await screenshot(page, 'headset-360-gaze-zh-CN');
    expect(await inVr(page)).toBe(true);
    await expect.poll(() => inVr(page), { timeout: 5000 }).toBe(false);
    expect(page.url()).toBe(photoUrl);
    await screenshot(page, 'headset-360-back-zh-CN');
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('uploads a 8192×4096 photo at no more than 4096×2048, flat and in the headset (in English, Full HD)', async () => {
    const { page, context } = await openPupilPage(app.browser, `${app.kite.url}/#/gallery`, VIEWPORTS.fullHd);
    await context.addInitScript({ content: TEXTURE_RECORDER });
    await wearHeadset(context);
    await inLanguage(page, 'en');
    await openPhoto(page, 'DJI_0007');
    const largest = () => page.evaluate(() => (window as unknown as { __largestTexture: { width: number; height: number } }).__largestTexture);
    await expect.poll(async () => (await largest()).width, { timeout: 20_000 }).toBeGreaterThan(2048);
    expect(await largest()).toEqual({ width: 4096, height: 2048 });
    await screenshot(page, 'headset-360-flat-en-fullHd');
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enter VR' }).click();
    await expect.poll(() => inVr(page)).toBe(true);
    await frames(page, 30);
    expect(await largest()).toEqual({ width: 4096, height: 2048 });
    await screenshot(page, 'headset-360-8k-en');
    await context.close();
  });
});

type Vec = [number, number, number];
type DroneState = { altitude: number; heading: number };
/** The demo's and the headset panel's test hooks (?test=1 only). */
type Hooks = {
  __kiteDemo: { state(): DroneState; vrInfo(): { calls: number; triangles: number; frames: number } | null };
  __kiteVr?: { button(id: string): Vec | null };
  __headset: { position: { x: number; y: number; z: number } };
};

const SLOW = { timeout: 60_000, interval: 250 };

describe('fly the drone in a VR headset', () => {
  it('stands the pupil in the school yard, flies with the ray and with a long look, within the draw budget', { timeout: 240_000 }, async () => {
    const { page, context, external, consoleErrors } = await openPupilPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS.laptop);
    await wearHeadset(context);
    await page.goto(`${app.kite.url}/?test=1&slowms=100000#/demos/fly-drone`);
    await page.reload();
    const drone = () => page.evaluate(() => (window as unknown as Hooks).__kiteDemo.state());
    const button = async (id: string) => (await page.evaluate((b) => (window as unknown as Hooks).__kiteVr?.button(b) ?? null, id)) as Vec;
    await page.waitForFunction(() => ((window as unknown as { __kiteDemo?: { info(): { frames: number } | null } }).__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
    await page.getByRole('button', { name: '进入 VR' }).click();
    await expect.poll(() => inVr(page)).toBe(true);
    // SwiftShader on a shared 2-core machine draws this world slowly: generous waits (a headset draws it at 72 fps).
    await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).__kiteDemo.vrInfo()?.frames ?? 0), SLOW).toBeGreaterThan(3);

    // The right controller points at "升高" and pulls the trigger: the drone climbs.
    // (Controllers and the headset move in the pupil's own space: the demo's world less where the pupil stands.)
    const origin: Vec = [0, 0.2, 34];
    const up = await button('up');
    const upHere: Vec = [up[0] - origin[0], up[1] - origin[1], up[2] - origin[2]];
    await pointRightController(page, [upHere[0] + 0.25, upHere[1] - 0.3, upHere[2] + 0.8], upHere);
    await frames(page, 3);
    await screenshot(page, 'headset-drone-ray-zh-CN');
    await pullTrigger(page);
    await expect.poll(async () => (await drone()).altitude, SLOW).toBeGreaterThan(0);

    // The headset view draws the demo's own scene, within the demo's budget.
    const frame = (await page.evaluate(() => (window as unknown as Hooks).__kiteDemo.vrInfo()))!;
    expect(frame.calls).toBeGreaterThan(0);
    expect(frame.calls).toBeLessThanOrEqual(DEMO_BUDGET.calls);
    expect(frame.triangles).toBeLessThanOrEqual(DEMO_BUDGET.triangles);

    // Controllers down: a long look at "向左转" turns the drone, a long look at "退出 VR" leaves.
    await putControllersDown(page);
    const eyes = await page.evaluate(() => {
      const p = (window as unknown as Hooks).__headset.position;
      return [p.x, p.y, p.z] as Vec;
    });
    const head: Vec = [origin[0] + eyes[0], origin[1] + eyes[1], origin[2] + eyes[2]];
    const heading = (await drone()).heading;
    const left = await button('left');
    await lookAlong(page, [left[0] - head[0], left[1] - head[1], left[2] - head[2]]);
    await page.waitForTimeout(800);
    await screenshot(page, 'headset-drone-gaze-zh-CN');
    await expect.poll(async () => (await drone()).heading, SLOW).toBeGreaterThan(heading);
    const exit = await button('exit');
    await lookAlong(page, [exit[0] - head[0], exit[1] - head[1], exit[2] - head[2]]);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    // Back on the PC view of the same demo, which carries on drawing.
    await page.getByRole('heading', { name: '开无人机' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as Hooks).__kiteDemo.vrInfo())).toBeNull();
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('a 360° video in a VR headset', () => {
  it('plays with the controller, and the PC view knows it plays after leaving VR', { timeout: 180_000 }, async () => {
    const { page, context } = await openPupilPage(app.browser, `${app.kite.url}/?test=1#/gallery`, VIEWPORTS.laptop);
    await wearHeadset(context);
    await page.reload();
    await page.getByRole('link', { name: /DJI_0008/ }).click();
    await page.locator('.panorama-view[data-ready="true"] canvas').waitFor();
    await page.getByRole('button', { name: '播放', exact: true }).waitFor();
    await page.getByRole('button', { name: '进入 VR' }).click();
    await expect.poll(() => inVr(page)).toBe(true);
    const button = async (id: string) => {
      await expect.poll(() => page.evaluate((b) => (window as unknown as Hooks).__kiteVr?.button(b) ?? null, id)).not.toBeNull();
      return (await page.evaluate((b) => (window as unknown as Hooks).__kiteVr!.button(b), id)) as Vec;
    };
    const play = await button('play');
    await pointRightController(page, [play[0] + 0.2, play[1] - 0.3, play[2] + 0.8], play);
    await frames(page, 5);
    await pullTrigger(page);
    await frames(page, 5);
    await screenshot(page, 'headset-360-video-zh-CN');
    const exit = await button('exit');
    await pointRightController(page, [exit[0] + 0.2, exit[1] - 0.3, exit[2] + 0.8], exit);
    await frames(page, 5);
    await pullTrigger(page);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    await page.getByRole('button', { name: '暂停', exact: true }).waitFor();
    await context.close();
  });
});
