import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCore } from '../../src/core';
import { ALL_LESSON, ALL_STEPS, buildPlayerPack, PLAYER_PACK_ID } from '../support/player-fixture';
import type { Lesson } from '../../src/shared/pack';
import { inLanguage, openPupilPage, screenshot, smallTouchTargets, useKiteAndBrowser } from './support/app';
import { playLesson } from './support/player';

// Prompt, activity and 下一步 on one screen at the small laptop sizes of the computer rooms, for all 17 step types.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-one-screen-'));
const lesson = { id: ALL_LESSON, steps: ALL_STEPS } as Lesson;
beforeAll(async () => {
  const core = createCore({ dataDir, backgroundBackups: false });
  await core.packs.install(await buildPlayerPack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-one-screen-pack-'))), { trustConfirmed: true });
  core.close();
});
const app = useKiteAndBrowser({ dataDir });

const SIZES = { '1366x768': { width: 1366, height: 768 }, '1280x720': { width: 1280, height: 720 } } as const;

/** The settled first screen: scrolled to the top, no card mid-flip, no scroll still running. */
async function settleAtTop(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * What of the step is cut off or below the fold on the first screen (no scrolling): the prompt, the
 * activity (not hidden behind the 下一步 bar) and the whole 下一步 bar, down to its bottom edge.
 */
async function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
    const prompt = box('.step-holder .step-prompt, .step-holder h2');
    const step = box('.step-holder');
    const bar = box('.player-nav');
    const problems: string[] = [];
    if (window.scrollY > 0) problems.push(`scrolled ${window.scrollY}px`);
    if (document.documentElement.scrollHeight > window.innerHeight + 1) problems.push(`page ${document.documentElement.scrollHeight}px tall`);
    const outside = (b: DOMRect) => b.top < 0 || b.bottom > window.innerHeight + 0.5 || b.left < 0 || b.right > window.innerWidth + 0.5;
    const where = (b: DOMRect) => `${Math.round(b.top)}–${Math.round(b.bottom)} of ${window.innerHeight}`;
    if (prompt && outside(prompt)) problems.push(`prompt ${where(prompt)}`);
    if (step && outside(step)) problems.push(`step ${where(step)}`);
    if (!bar || outside(bar)) problems.push(bar ? `下一步 bar ${where(bar)}` : 'no 下一步 bar');
    // The bar floats over the page's foot: the activity must end above it, not behind it.
    if (step && bar && step.bottom > bar.top + 1) problems.push(`step ends ${Math.round(step.bottom - bar.top)}px behind the 下一步 bar`);
    return problems;
  });
}

describe('every step type fits one screen', () => {
  // One play-through per language, each step checked at both sizes (the page is resized in place).
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang} at ${Object.keys(SIZES).join(' and ')}`, { timeout: 600_000 }, async () => {
      const { page, context } = await openPupilPage(app.browser, app.kite.url, SIZES['1366x768']);
      await inLanguage(page, lang);
      const found: Record<string, string[]> = {};
      const note = (id: string, problems: string[]) => {
        if (problems.length) found[id] = [...(found[id] ?? []), ...problems];
      };
      const atEachSize = async (check: (size: string) => Promise<void>) => {
        for (const [size, viewport] of Object.entries(SIZES)) {
          await page.setViewportSize(viewport);
          await settleAtTop(page);
          await check(size);
        }
      };
      await playLesson(page, app.kite.url, PLAYER_PACK_ID, lesson, lang, {
        before: (_, step) => atEachSize(async (size) => note(`${step.id} ${size}`, await offScreen(page))),
        // The answer given: the feedback and 下一步 are still on the first screen.
        after: (_, step) =>
          atEachSize(async (size) => {
            note(`${step.id} ${size}`, await offScreen(page));
            note(`${step.id} ${size}`, await smallTouchTargets(page));
            await screenshot(page, `one-screen-${step.id}-${lang}-${size}`);
          }),
      });
      expect(found).toEqual({});
      expect(ALL_STEPS.length).toBe(18);
      await context.close();
    });
  }
});
