import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi, inLanguage, launchBrowser, openPupilPage, readableText, runKite, screenshot, startKite, VIEWPORTS, type KiteServer } from './support/app';
import { freePort, startHubKite, until } from './support/hub';

const started: KiteServer[] = [];
let browser: Browser;
beforeAll(async () => void (browser = await launchBrowser()));
afterAll(async () => browser?.close());
afterEach(async () => {
  for (const kite of started.splice(0)) await kite.stop();
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kite-hubchaos-'));

describe('a pupil PC whose hub is killed (kill -9) mid-class', () => {
  it('shows a calm banner on its screens, keeps them working, and drops the banner when the hub is back', { timeout: 180_000 }, async () => {
    const hubDir = tmp();
    const port = await freePort();
    const hub = await startHubKite(hubDir, port);
    started.push(hub.kite);
    const pupilDir = tmp();
    expect((await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir])).code).toBe(0);
    const pc = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pc);
    await until(() => pc.output().includes("Connected to the teacher's PC"), pc, 'the pupil PC online');

    const { page } = await openPupilPage(browser, pc.url, VIEWPORTS.laptop);
    const banner = page.getByRole('status').filter({ hasText: /老师的电脑暂时连不上|Can't reach the teacher's PC/ });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'online' });
    expect(await banner.count()).toBe(0);

    // No goodbye (a killed process never stops again; the helper's stop() would wait for it).
    started.splice(started.indexOf(hub.kite), 1);
    hub.kite.process.kill('SIGKILL');
    await banner.waitFor({ timeout: 30_000 });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'offline' });
    for (const language of ['zh-CN', 'en'] as const) {
      await inLanguage(page, language);
      await banner.waitFor({ timeout: 15_000 });
      expect(await readableText(page, '.hub-offline-banner')).toContain(language === 'zh-CN' ? '老师的电脑暂时连不上，你可以继续学习。' : "Can't reach the teacher's PC just now. You can keep learning.");
      // Like the app's other pupil words: pinyin over the Chinese (none in English) and a speaker.
      if (language === 'zh-CN') await banner.locator('rt', { hasText: /^nǎo$/ }).first().waitFor({ timeout: 15_000 });
      else expect(await banner.locator('rt').count()).toBe(0);
      await banner.getByRole('button', { name: /^(听一听|Listen)$/ }).waitFor();
      for (const viewport of [VIEWPORTS.laptop, VIEWPORTS.fullHd]) {
        await page.setViewportSize(viewport);
        await screenshot(page, `hub-offline-banner-${language}-${viewport.width}`);
      }
      await page.setViewportSize(VIEWPORTS.laptop);
    }
    // It blocks nothing: no dialog, the pupil's screen stays in reach.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('main#main').isVisible()).toBe(true);

    const back = await startHubKite(hubDir, port);
    started.push(back.kite);
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'online' });
  });
});
