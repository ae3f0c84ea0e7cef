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

/**
 * Still taller than a 720-pixel screen after the compact layout (tall pictures, long card lists, the
 * embedded demo): left to do (issue 16). A step that fits gets taken off, and may never come back.
 */
const STILL_TOO_TALL = new Set(['free-prize', 'how-do-you-feel', 'packet-demo', 'safe-or-not', 'spot-the-scam', 'web-page-parts', 'word-pairs', 'words-cards']);

const SIZES = { '1366x768': { width: 1366, height: 768 }, '1280x720': { width: 1280, height: 720 } } as const;

/** The settled first screen: scrolled to the top, no card mid-flip, no scroll still running. */
async function settleAtTop(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Where the step's parts are, in the first screen (no scrolling): what is cut off or below the fold. */
async function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parts: [string, Element | null][] = [
      ['prompt', document.querySelector('.step-holder .step-prompt, .step-holder h2')],
      ['step', document.querySelector('.step-holder')],
      ['next', document.querySelector('.nav-next')],
    ];
    const problems: string[] = [];
    if (window.scrollY > 0) problems.push(`scrolled ${window.scrollY}px`);
    for (const [name, el] of parts) {
      if (!el) continue;
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight + 0.5 || box.left < 0 || box.right > window.innerWidth + 0.5) problems.push(`${name} ${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}`);
    }
    return problems;
  });
}

describe('every step type fits one screen', () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const lang of ['zh-CN', 'en'] as const) {
      it(`${lang} at ${size}`, { timeout: 600_000 }, async () => {
        const { page, context } = await openPupilPage(app.browser, app.kite.url, viewport);
        await inLanguage(page, lang);
        const found: Record<string, string[]> = {};
        const note = (id: string, problems: string[]) => problems.length && (found[id] = [...(found[id] ?? []), ...problems]);
        await playLesson(page, app.kite.url, PLAYER_PACK_ID, lesson, lang, {
          before: async (_, step) => {
            await settleAtTop(page);
            note(step.id, await offScreen(page));
          },
          after: async (_, step) => {
            // The answer given: the feedback and 下一步 are still on the first screen.
            await settleAtTop(page);
            note(step.id, await offScreen(page));
            note(step.id, await smallTouchTargets(page));
            await screenshot(page, `one-screen-${step.id}-${lang}-${size}`);
          },
        });
        expect(Object.fromEntries(Object.entries(found).filter(([id]) => !STILL_TOO_TALL.has(id)))).toEqual({});
        expect(ALL_STEPS.length).toBe(18);
        await context.close();
      });
    }
  }
});
