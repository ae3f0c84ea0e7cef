import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { enterAsGuest, openPage as openFirstScreen, overflowsHorizontally, readableText, screenshot, smallTouchTargets, startKite, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { builtinPacks } from './support/curriculum';

/** Pupils start at the sign-in screen; these tests look at the home screen, so come in as a guest. */
async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const opened = await openFirstScreen(browser, url, viewport);
  await enterAsGuest(opened.page);
  return opened;
}

// An empty shelf (no built-in packs), so the honest empty states show; the last test uses the built-ins.
const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });

describe('the pupil home screen', () => {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the app in zh-CN by default and switches to en (${viewport.width}×${viewport.height})`, async () => {
      const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, viewport);

      await expect.poll(() => readableText(page, 'h1')).toBe('你好！今天想学什么？');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      const nav = page.getByRole('navigation', { name: '主要栏目' });
      for (const name of ['上网小课堂', '航拍家乡', '网络小实验']) await expect.poll(() => nav.getByRole('link', { name }).isVisible()).toBe(true);
      // Honest empty state from real data: a new data folder has no packs, so it says what a teacher does.
      await page.getByRole('heading', { name: '还没有安装课程' }).waitFor();
      expect(await page.getByText('导入课程').first().isVisible()).toBe(true);
      // Pinyin above the greeting for young readers.
      // One syllable over each character.
      expect((await page.locator('h1 ruby rt').allTextContents()).slice(0, 2)).toEqual(['nǐ', 'hǎo']);
      expect(await page.getByRole('button', { name: '听一听' }).first().isVisible()).toBe(true);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, `home-zh-CN-${viewportName}`);

      await page.getByRole('button', { name: '切换到英文' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello! What shall we learn today?');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('heading', { name: 'No lessons installed yet' }).waitFor();
      expect(await page.getByRole('link', { name: 'Internet lessons' }).isVisible()).toBe(true);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, `home-en-${viewportName}`);

      // The language is the PC's setting: it survives a reload. Switch back for the next test.
      await page.reload();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello! What shall we learn today?');
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

      expect(external).toEqual([]);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await context.close();
    });
  }

  it('opens each section by touch and comes back', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.getByRole('link', { name: '航拍家乡' }).tap();
    await page.getByRole('heading', { name: '还没有航拍视频' }).waitFor();
    await screenshot(page, 'gallery-empty-zh-CN-laptop');
    await page.getByRole('link', { name: '返回首页' }).tap();
    await expect.poll(() => readableText(page, 'h1')).toMatch(/^你好/);
    await page.getByRole('link', { name: '网络小实验' }).tap();
    await page.getByRole('heading', { name: '网络小实验' }).waitFor();
    await page.goBack();
    await expect.poll(() => readableText(page, 'h1')).toMatch(/^你好/);
    await context.close();
  });

  it('can be used with the keyboard alone', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.getByRole('link', { name: '上网小课堂' }).waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent?.trim() || ''));
    }
    expect(focused.join('|')).toContain('上网小课堂');
    // Focus is visible: the focused element has an outline.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.getByRole('link', { name: '上网小课堂' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '还没有安装课程' }).waitFor();
    await context.close();
  });

  it('installs the built-in curriculum on first start and shows it on the lesson shelf', async () => {
    const withBuiltins = await startKite();
    try {
      const { page, context } = await openPage(app.browser, withBuiltins.url, VIEWPORTS.laptop);
      const packs = builtinPacks();
      await page.getByText(`${packs.length} 个课程包`).waitFor();
      await page.getByRole('link', { name: '上网小课堂' }).click();
      await expect.poll(() => page.locator('a[href^="#/lesson/"]').count()).toBe(packs.flatMap((p) => p.lessons).length);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'home-builtin-shelf-zh-CN-laptop');
      await context.close();
    } finally {
      await withBuiltins.stop();
    }
  });
});
