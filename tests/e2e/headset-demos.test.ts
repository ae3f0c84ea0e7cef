import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inLanguage, openPupilPage, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { DEMO_BUDGET } from './support/demos';
import { frames, headsetPosition, inVr, lookAlong, pointRightController, pullTrigger, putControllersDown, toPupilSpace, vrButton, wearHeadset } from './support/headset';

const app = useKiteAndBrowser();

type Vec = [number, number, number];
type Demo = {
  state(): Record<string, unknown>;
  info(): { frames: number } | null;
  vrInfo(): { calls: number; triangles: number; frames: number } | null;
};
const state = <T>(page: Page) => page.evaluate(() => (window as unknown as { __kiteDemo: Demo }).__kiteDemo.state()) as Promise<T>;
const vrInfo = (page: Page) => page.evaluate(() => (window as unknown as { __kiteDemo: Demo }).__kiteDemo.vrInfo());
/** The words on the headset's panel: its title and its buttons, in order (the exit last). */
const panelWords = (page: Page) =>
  page.evaluate(() => {
    const panel = (window as unknown as { __kiteVr?: { panel(): { title: string; buttons: string[] } } }).__kiteVr?.panel();
    return panel ? { title: panel.title, buttons: panel.buttons } : null;
  });

// SwiftShader on a shared 2-core machine draws slowly: generous waits (a headset draws at 72 fps).
const SLOW = { timeout: 60_000, interval: 250 };

/** A demo on a PC with an emulated headset plugged in, its 3D scene drawing. */
async function openWithHeadset(id: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  const opened = await openPupilPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS.laptop);
  await wearHeadset(opened.context);
  if (language !== 'zh-CN') await inLanguage(opened.page, language);
  await opened.page.goto(`${app.kite.url}/?test=1&slowms=100000#/demos/${id}`);
  await opened.page.reload();
  await opened.page.waitForFunction(() => ((window as unknown as { __kiteDemo?: Demo }).__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
  return opened;
}

async function enterVr(page: Page, label: string) {
  await page.getByRole('button', { name: label }).click();
  await expect.poll(() => inVr(page)).toBe(true);
  await expect.poll(async () => (await vrInfo(page))?.frames ?? 0, SLOW).toBeGreaterThan(3);
}

/** Point the right controller at a panel button (the scene's world) from a little below and behind it, and pull the trigger. */
async function pressWithRay(page: Page, id: string, origin: Vec, yaw = 0) {
  const target = toPupilSpace(await vrButton(page, id), origin, yaw);
  await pointRightController(page, [target[0] + 0.25, target[1] - 0.3, target[2] + 0.8], target);
  await frames(page, 3);
  await pullTrigger(page);
}

/** Turn the head to look at a panel button: held still, the ring fills and it presses. */
async function lookAt(page: Page, id: string, origin: Vec, yaw = 0) {
  const target = toPupilSpace(await vrButton(page, id), origin, yaw);
  const eyes = await headsetPosition(page);
  await lookAlong(page, [target[0] - eyes[0], target[1] - eyes[1], target[2] - eyes[2]]);
}

async function withinBudget(page: Page) {
  const frame = (await vrInfo(page))!;
  expect(frame.calls).toBeGreaterThan(0);
  expect(frame.calls).toBeLessThanOrEqual(DEMO_BUDGET.calls);
  expect(frame.triangles).toBeLessThanOrEqual(DEMO_BUDGET.triangles);
}

type Journey = { message: string; cut: string[]; packets: unknown[] };

describe('a message\'s journey in a VR headset', () => {
  it('sends with the ray, cuts a fibre line with a long look, and comes back to the same journey', { timeout: 240_000 }, async () => {
    const { page, context, external, consoleErrors } = await openWithHeadset('packet-journey');
    const origin: Vec = [0, 0.4, 10];
    await enterVr(page, '进入 VR');
    await expect.poll(() => panelWords(page), SLOW).toEqual({ title: '一条消息的旅行', buttons: ['发送', '剪断光纤 A', '剪断光纤 B', '退出 VR'] });

    await pressWithRay(page, 'send', origin);
    await expect.poll(async () => (await state<Journey>(page)).packets.length, SLOW).toBeGreaterThan(0);
    expect((await state<Journey>(page)).message).toBe('你好！明天放学一起去放风筝吧！');
    await frames(page, 5);
    await screenshot(page, 'headset-packet-ray-zh-CN');
    await withinBudget(page);

    await putControllersDown(page);
    await lookAt(page, 'cutA', origin);
    await expect.poll(async () => (await state<Journey>(page)).cut, SLOW).toEqual(['A']);
    await expect.poll(() => panelWords(page), SLOW).toEqual({ title: '一条消息的旅行', buttons: ['发送', '修好光纤 A', '剪断光纤 B', '退出 VR'] });
    await frames(page, 5);
    await screenshot(page, 'headset-packet-gaze-zh-CN');
    await withinBudget(page);

    await lookAt(page, 'exit', origin);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    // The same journey on the PC: the packets sent in the headset, line A still cut, focus back on the button.
    await page.getByRole('heading', { name: '一条消息的旅行' }).waitFor();
    await page.getByRole('button', { name: '修好光纤 A' }).waitFor();
    expect((await state<Journey>(page)).message).toBe('你好！明天放学一起去放风筝吧！');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('进入 VR');
    expect(await vrInfo(page)).toBeNull();
    await screenshot(page, 'headset-packet-back-zh-CN');
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

type Look = { yaw: number; pitch: number };
const PANEL_PITCH = -Math.atan2(0.6, 1.2); // look-around's panel: 1.2 m ahead, 0.6 m below the eyes

describe('look around in a VR headset', () => {
  it('starts facing where the PC view looked, leaves with the ray and with a long look, and the PC view carries on where the head looked', { timeout: 240_000 }, async () => {
    const { page, context, external, consoleErrors } = await openWithHeadset('look-around');
    const origin: Vec = [0, -1.6, 0];
    // Turn the PC view first: the headset view must start facing the same way.
    await page.locator('.demo-stage').focus();
    await page.keyboard.down('ArrowLeft');
    await page.waitForTimeout(600);
    await page.keyboard.up('ArrowLeft');
    const before = await state<Look>(page);
    expect(before.yaw).toBeGreaterThan(0.2);
    await enterVr(page, '进入 VR');
    await screenshot(page, 'headset-look-zh-CN');

    await pressWithRay(page, 'exit', origin, before.yaw);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    const back = await state<Look>(page);
    // The head did not turn: the PC view looks where it did before.
    expect(Math.abs(back.yaw - before.yaw)).toBeLessThan(0.05);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('进入 VR');

    // Without controllers: the head turned 30° left and looking down at the exit button, held still.
    await putControllersDown(page);
    const turn = Math.PI / 6;
    await lookAlong(page, [-Math.sin(turn) * Math.cos(PANEL_PITCH), Math.sin(PANEL_PITCH), -Math.cos(turn) * Math.cos(PANEL_PITCH)]);
    await enterVr(page, '进入 VR');
    await page.waitForTimeout(700);
    expect(await inVr(page)).toBe(true);
    await screenshot(page, 'headset-look-gaze-zh-CN');
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    const after = await state<Look>(page);
    expect(Math.abs(after.yaw - (before.yaw + turn))).toBeLessThan(0.05);
    expect(Math.abs(after.pitch - PANEL_PITCH)).toBeLessThan(0.05);
    await page.getByRole('heading', { name: '四处看看' }).waitFor();
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('the new headset demos in English', () => {
  it('label the headset buttons in English', { timeout: 240_000 }, async () => {
    const { page, context } = await openWithHeadset('packet-journey', 'en');
    await enterVr(page, 'Enter VR');
    await expect.poll(() => panelWords(page), SLOW).toEqual({ title: "A message's journey", buttons: ['Send', 'Cut fibre A', 'Cut fibre B', 'Exit VR'] });
    await pressWithRay(page, 'cutB', [0, 0.4, 10]);
    await expect.poll(async () => (await state<Journey>(page)).cut, SLOW).toEqual(['B']);
    // The cut line's button now mends it, as the PC's does.
    await expect.poll(() => panelWords(page), SLOW).toEqual({ title: "A message's journey", buttons: ['Send', 'Cut fibre A', 'Fix fibre B', 'Exit VR'] });
    await frames(page, 5);
    await screenshot(page, 'headset-packet-en');
    await pressWithRay(page, 'exit', [0, 0.4, 10]);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    await page.getByRole('button', { name: 'Fix fibre B' }).waitFor();

    await page.goto(`${app.kite.url}/?test=1&slowms=100000#/demos/look-around`);
    await page.waitForFunction(() => ((window as unknown as { __kiteDemo?: Demo }).__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
    await enterVr(page, 'Enter VR');
    await expect.poll(() => panelWords(page), SLOW).toEqual({ title: 'Look around', buttons: ['Exit VR'] });
    await frames(page, 5);
    await screenshot(page, 'headset-look-en');
    await pressWithRay(page, 'exit', [0, -1.6, 0]);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    await context.close();
  });
});
