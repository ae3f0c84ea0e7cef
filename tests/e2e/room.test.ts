import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createCore } from '../../src/core';
import { callApi, inLanguage, launchBrowser, runKite, screenshot, signInAsTeacher, smallTouchTargets, startKite, VIEWPORTS, type KiteServer } from './support/app';

// The teacher's Classroom tab on a hub (`kite serve --hub`): the join code in large type with its QR
// code, a pupil PC that joined with `kite join`, removing it with the PIN, and the reach self-test.

const PIN = '2580';
let hub: KiteServer;
let browser: Browser;
beforeAll(async () => {
  hub = await startKite(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-room-')), { args: ['--hub', '--no-builtin-packs'] });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const joinInfo = () => /join at (https:\/\/\S+) with the join code (\d{6})/.exec(hub.output()) as RegExpExecArray;

describe('the Classroom tab on the teacher PC', () => {
  it('shows the join code and QR, lists a joined PC, removes it with the PIN, in Chinese and English', async () => {
    await expect.poll(() => joinInfo() !== null).toBe(true);
    const [, address, code] = joinInfo();
    const pupilDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-room-pc-'));
    const joined = await runKite(['join', address as string, '--code', code as string, '--data', pupilDir]);
    expect(joined.code, joined.stderr).toBe(0);

    const context = await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
    const page = await context.newPage();
    await signInAsTeacher(page, hub.url, PIN);
    await page.getByRole('link', { name: '教室', exact: true }).click();
    await expect.poll(() => page.getByLabel(`加入码 ${(code as string).split('').join(' ')}`).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('img', { name: '包含本机地址和加入码的二维码' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(new URL(address as string).host).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: '教室里的学生机（1 台）' }).isVisible()).toBe(true);
    expect(await page.getByRole('radio', { name: /老师电脑（教师机）/ }).isChecked()).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'room-hub-zh-CN-1366x768');
    await page.setViewportSize(VIEWPORTS.fullHd);
    await screenshot(page, 'room-hub-zh-CN-1920x1080');

    await inLanguage(page, 'en');
    await expect.poll(() => page.getByRole('heading', { name: 'Pupil PCs in this room (1)' }).isVisible()).toBe(true);
    await screenshot(page, 'room-hub-en-1920x1080');
    await page.setViewportSize(VIEWPORTS.laptop);
    await screenshot(page, 'room-hub-en-1366x768');

    // The self-test: the room answers on this PC's own address; no pupil PC has connected yet.
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => page.getByText(`The room answers at ${address}.`).isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/No pupil PC has reached this PC lately/).isVisible()).toBe(true);

    // Removing asks for the PIN: a wrong one changes nothing, the right one removes the PC.
    const name = os.hostname();
    await page.getByRole('button', { name: `Remove ${name}` }).first().click();
    const pinField = page.locator('.room-devices input[type=password]');
    expect(await smallTouchTargets(page)).toEqual([]);
    await pinField.fill('1111');
    await page.locator('.room-devices form').getByRole('button', { name: `Remove ${name}` }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That PIN is not right.');
    expect((await runKite(['hub', 'devices', '--data', hub.dataDir])).stdout).toContain('1 pupil PC(s)');
    await pinField.fill(PIN);
    await page.locator('.room-devices form').getByRole('button', { name: `Remove ${name}` }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Pupil PCs in this room (0)' }).isVisible()).toBe(true);
    await screenshot(page, 'room-hub-en-removed-1366x768');
    expect((await runKite(['hub', 'devices', '--data', hub.dataDir])).stdout).toContain('No pupil PC or VR headset has joined this room yet.');

    // A new code for the room: the old one no longer lets a PC join.
    await page.getByRole('button', { name: 'Show a new join code' }).click();
    await expect.poll(() => page.getByLabel(`Join code ${(code as string).split('').join(' ')}`).count()).toBe(0);
    const again = await runKite(['join', address as string, '--code', code as string, '--data', pupilDir]);
    expect(again.stderr).toContain('That join code is not right.');
    await context.close();
  });

  it('a PC on its own finds the hub on the network and joins it from the console', async () => {
    const [, address] = joinInfo();
    // The first test showed a new code: read the hub's current one (its database, as the teacher's screen does).
    const hubCore = createCore({ dataDir: hub.dataDir });
    const code = hubCore.hub.joinCode();
    hubCore.progress.roster.createClass('四年级二班', 4);
    hubCore.close();
    const pc = await startKite(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-room-own-')), { args: ['--no-builtin-packs'] });
    try {
      const context = await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
      const page = await context.newPage();
      await signInAsTeacher(page, pc.url, PIN);
      await inLanguage(page, 'en');
      await page.getByRole('link', { name: 'Classroom', exact: true }).click();
      await page.getByRole('button', { name: "Find teacher's PCs on this network" }).click();
      const host = new URL(address as string).host;
      await page.getByRole('button', { name: new RegExp(`at ${host.replace(/\./g, '\\.')}$`) }).click();
      expect(await page.getByLabel("Address of the teacher's PC").inputValue()).toBe(host);
      await page.getByLabel('Join code').fill(code as string);
      expect(await smallTouchTargets(page)).toEqual([]);
      await screenshot(page, 'room-join-en-1366x768');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await expect.poll(() => page.getByText(`This PC joined the teacher's PC at ${host}`).isVisible(), { timeout: 20_000 }).toBe(true);
      // It follows the room at once, no restart: the hub's classes are here.
      await expect.poll(async () => (await callApi<{ name: string }[]>(page, 'classes.list')).map((c) => c.name), { timeout: 20_000 }).toEqual(['四年级二班']);
      await page.reload();
      await expect.poll(() => page.getByText("Connected to the teacher's PC.").isVisible(), { timeout: 20_000 }).toBe(true);
      await inLanguage(page, 'zh-CN');
      await expect.poll(() => page.getByText('已连上老师的电脑。').isVisible(), { timeout: 20_000 }).toBe(true);
      await screenshot(page, 'room-pupil-pc-zh-CN-1366x768');
      await context.close();
    } finally {
      await pc.stop();
    }
  });
});
