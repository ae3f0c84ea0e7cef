import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCore } from '../../src/core';
import type { Lesson } from '../../src/shared/pack';
import { buildFixturePack } from '../support/packs';
import { makeClip, PLAYER_MEDIA, STEPS } from '../support/player-fixture';
import { becomeGuest, inLanguage, openPage, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { player, seriousAxeViolations } from './support/player';

// Video by touch (issue 16): the chapter pictures under a lesson's video show their own moments,
// drawn from the video on this PC, and a tap on one plays the video from there.

const PACK_ID = 'org.kiteclassroom.video-fixture';
const LESSON = 'watch-it';
const video = STEPS.video;
const lesson: Lesson = { format: 1, id: LESSON, title: { 'zh-CN': '看一看', en: 'Watch it' }, grades: { from: 1, to: 2 }, minutes: 5, steps: [video] };
const CLIP_SECONDS = 3;
/** Where the four chapters are: evenly along the clip, not at its very start or end. */
const CHAPTER_TIMES = [1, 2, 3, 4].map((i) => (i / 5) * CLIP_SECONDS);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-video-e2e-'));
beforeAll(async () => {
  const core = createCore({ dataDir, backgroundBackups: false });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-video-pack-'));
  const kpack = await buildFixturePack(packDir, { id: PACK_ID, title: { 'zh-CN': '视频', en: 'Video' }, lessons: [lesson], media: { ...PLAYER_MEDIA, 'media/clip.mp4': makeClip() } });
  await core.packs.install(kpack, { trustConfirmed: true });
  core.close();
});
const app = useKiteAndBrowser({ dataDir });

/**
 * How far (mean difference per colour channel, 0–255) each chapter picture is from the video's own
 * frame at each chapter time, drawn afresh here: row i is the frame at chapter i's time.
 */
function distances(page: Page, times: number[]): Promise<number[][]> {
  return page.evaluate(async (at) => {
    const pictures = [...document.querySelectorAll<HTMLImageElement>('.step .preview-strip img')];
    const source = document.querySelector<HTMLVideoElement>('.step video')!.currentSrc;
    const pixels = (from: CanvasImageSource) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 36;
      const g = canvas.getContext('2d', { willReadFrequently: true })!;
      g.drawImage(from, 0, 0, 64, 36);
      return g.getImageData(0, 0, 64, 36).data;
    };
    const apart = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
      let sum = 0;
      for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
      return sum / (a.length / 4) / 3;
    };
    const chapters = pictures.map(pixels);
    const check = document.createElement('video');
    check.muted = true;
    check.src = source;
    await new Promise((done) => check.addEventListener('loadeddata', done, { once: true }));
    const rows: number[][] = [];
    for (const seconds of at) {
      check.currentTime = seconds;
      await new Promise((done) => check.addEventListener('seeked', done, { once: true }));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const frame = pixels(check);
      rows.push(chapters.map((c) => apart(c, frame)));
    }
    return rows;
  }, times);
}

describe('the chapter pictures of a lesson video', () => {
  for (const [lang, size] of [['zh-CN', 'laptop'], ['en', 'fullHd']] as const) {
    it(`show their own moments and play from there, by touch (${lang}, ${size})`, { timeout: 120_000 }, async () => {
      const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[size]);
      await inLanguage(page, lang);
      await becomeGuest(page, app.kite.url);
      await page.goto(`${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`);
      await page.reload();
      const { t, button } = player(page, 'touch', lang);
      const chapters = page.getByRole('navigation', { name: lang === 'en' ? 'Jump to a moment' : '跳到某个时刻' });
      const pictures = chapters.locator('img');
      await expect.poll(() => pictures.count(), { timeout: 30_000 }).toBe(4);
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.preview-strip img')].every((img) => img.complete && img.naturalWidth > 0));
      expect(await chapters.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(
        CHAPTER_TIMES.map((s) => (lang === 'en' ? `Play from 0:0${Math.floor(s)}` : `从 0:0${Math.floor(s)} 开始看`)),
      );

      // Each picture is its own moment of this video: nearest to the frame at its time, close enough to be it.
      const rows = await distances(page, CHAPTER_TIMES);
      for (const [i, row] of rows.entries()) {
        expect(Math.min(...row), `chapter ${i + 1}: ${row.map((d) => d.toFixed(1))}`).toBe(row[i]);
        expect(row[i]).toBeLessThan(12);
      }
      await screenshot(page, `lesson-video-chapters-${lang}-${size}`);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Tap the first chapter: the video plays from its moment, on to the question at 0:01.
      const videoEl = page.locator('.step video');
      await videoEl.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        (window as unknown as { seeks: number[] }).seeks = [];
        // Where each seek goes, read as it starts: by 'seeked' a playing video may already have moved on (a busy machine).
        v.addEventListener('seeking', () => (window as unknown as { seeks: number[] }).seeks.push(v.currentTime));
      });
      const seeks = () => page.evaluate(() => (window as unknown as { seeks: number[] }).seeks);
      await chapters.getByRole('button').first().tap();
      await expect.poll(seeks).toEqual([expect.closeTo(CHAPTER_TIMES[0]!, 1)]);
      const question = page.getByRole('region', { name: t('video.question') });
      await question.waitFor({ timeout: 20_000 });
      await button(t('trueFalse.true'), question).tap();
      await button(t('video.continue')).tap();
      await page.getByText(t('video.finished')).waitFor({ timeout: 20_000 });

      // The last chapter, after the end: it plays again from its moment.
      await chapters.getByRole('button').last().tap();
      await expect.poll(async () => (await seeks()).at(-1)).toBeCloseTo(CHAPTER_TIMES[3]!, 1);
      await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(CHAPTER_TIMES[3]! + 0.2);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
