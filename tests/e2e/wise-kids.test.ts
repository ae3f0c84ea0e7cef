import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MediaItem, ScanResult, SessionInfo } from '../../src/shared/contract';
import { makeH264 } from '../support/media';
import { call, openPage, settledScreenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { builtinPacks, lessonStatuses, WISE_KIDS_NEW_LESSONS } from './support/curriculum';
import { playLesson, seriousAxeViolations, setLanguage, signIn, ui, type Lang } from './support/player';

/**
 * The second wave's last three lessons (wise-kids: games and tipping, online friends, the village
 * video), played through by a pupil at 1366×768 in zh-CN and en with a screenshot of every answered
 * step; and the village video, which plays the school's own drone clip once the gallery has one.
 * (tests/e2e/curriculum.test.ts plays every lesson too; this file is the quick look at the new ones.)
 */

const PIN = '2468';
const NEW_LESSONS = WISE_KIDS_NEW_LESSONS;
const pack = builtinPacks().find((p) => p.dir === 'wise-kids')!;
const lessons = NEW_LESSONS.map((id) => pack.lessons.find((l) => l.id === id)!);
const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-drone-card-'));
afterAll(() => fs.rmSync(card, { recursive: true, force: true }));

const app = useKiteAndBrowser();

/** The teacher signs in, setting the PIN on a fresh PC (each test runs alone too). */
async function asTeacher(page: Page) {
  const { pinSet } = await call<SessionInfo>(page, 'auth.session');
  await call(page, pinSet ? 'auth.teacherSignIn' : 'auth.setPin', { pin: PIN });
}

async function pupilPage(className: string) {
  const opened = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
  await asTeacher(opened.page);
  const klass = await call<{ id: string }>(opened.page, 'classes.create', { name: className, grade: 6 });
  const pupil = await call<{ id: string }>(opened.page, 'pupils.add', { classId: klass.id, name: '小雨' });
  await call(opened.page, 'auth.signOut');
  await signIn(opened.page, pupil.id);
  return { ...opened, classId: klass.id, pupilId: pupil.id };
}

/** The village video's source and the note above it, once the step shows its video. */
async function villageVideo(page: Page) {
  const video = page.locator('.video-frame video');
  await video.waitFor();
  return { src: (await video.getAttribute('src')) ?? '', poster: await video.getAttribute('poster'), note: await page.locator('.video-source').count() };
}

describe('the new wise-kids lessons', () => {
  it('are in the pack with at least three activity types, a teacher page, a curriculum mapping and a family card', () => {
    expect(lessons.map((l) => l?.id)).toEqual(NEW_LESSONS);
    for (const lesson of lessons) {
      expect(new Set(lesson.steps.map((s) => s.type).filter((t) => t !== 'slide' && t !== 'demo')).size, lesson.id).toBeGreaterThanOrEqual(3);
      expect(lesson.teacher && lesson.curriculum && lesson.familyCard, lesson.id).toBeTruthy();
    }
  });

  it('a pupil plays each one to the end in zh-CN and en at 1366×768, with a screenshot of every step and no serious axe violation, and the teacher sees each one done; with no drone clip in the gallery the village video is the pack\'s own', { timeout: 600_000 }, async () => {
    const { page, context, external, consoleErrors, classId, pupilId } = await pupilPage('六年级一班');
    const axe: Record<string, string[]> = {};
    for (const lang of ['zh-CN', 'en'] as const) {
      await setLanguage(page, lang);
      await page.reload();
      for (const lesson of lessons) {
        await playLesson(page, app.kite.url, pack.id, lesson, lang, {
          before: async (index, step) => {
            // Grade 3–4 Chinese carries pinyin: the pupil can turn it on (and off again) on any step.
            if (lang === 'zh-CN' && lesson.grades.from <= 4 && [0, 4].includes(index)) {
              const toggle = page.getByRole('button', { name: ui(lang)('pinyin') });
              await toggle.tap();
              await expect.poll(() => page.locator('.step-holder rt').count()).toBeGreaterThan(10);
              await page.waitForFunction(() => [...document.images].every((image) => image.complete));
              await settledScreenshot(page, `wise-kids-${lesson.id}-${lang}-${String(index + 1).padStart(2, '0')}-pinyin`);
              await toggle.tap();
            }
            if (step.type !== 'interactive-video') return;
            const seen = await villageVideo(page);
            expect(seen.src).toMatch(/\/packs\/org\.kiteclassroom\.wise-kids\/[^/]+\/media\/village-view\.mp4$/);
            expect(seen.poster).toMatch(/village-from-above\.svg$/);
            expect(seen.note).toBe(0);
          },
          after: async (index, step) => {
            await page.waitForFunction(() => [...document.images].every((image) => image.complete));
            await settledScreenshot(page, `wise-kids-${lesson.id}-${lang}-${String(index + 1).padStart(2, '0')}-${step.id}`);
            if (step.type === 'chat-scenario' || index === 1) {
              const violations = await seriousAxeViolations(page);
              if (violations.length) axe[`${lesson.id}/${step.id}/${lang}`] = violations;
            }
          },
        });
        await settledScreenshot(page, `wise-kids-${lesson.id}-${lang}-finish`);
      }
    }
    expect(axe).toEqual({});
    // The teacher's grid shows each one done (the curriculum walk leaves these three to this test).
    await call(page, 'auth.teacherSignIn', { pin: PIN });
    const statusOf = await lessonStatuses(page, classId, pupilId);
    for (const lesson of lessons) expect(statusOf(pack.id, lesson.id), lesson.id).toBe('done');
    expect(external).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });

  it('once the teacher imports a drone clip, the village video plays it (the newest that plays here) with a note that it is the school\'s own, and still plays through', { timeout: 300_000 }, async () => {
    const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await asTeacher(page);
    makeH264(path.join(card, 'DCIM', '100MEDIA', 'DJI_0001.MP4'), { seconds: 12, size: '640x360' });
    const scan = await call<ScanResult>(page, 'media.scan', { path: card });
    await call(page, 'media.import', { scanId: scan.scanId });
    let items: MediaItem[] = [];
    await expect.poll(async () => (items = await call<MediaItem[]>(page, 'media.list')).filter((m) => m.kind === 'video').length, { timeout: 60_000 }).toBe(1);
    const clip = items.find((m) => m.kind === 'video')!;
    await call(page, 'auth.signOut');
    await context.close();

    const pupil = await pupilPage('六年级二班');
    const lesson = lessons[2]!;
    const step = lesson.steps.findIndex((s) => s.type === 'interactive-video');
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      await setLanguage(pupil.page, lang);
      await pupil.page.reload();
      await playLesson(pupil.page, app.kite.url, pack.id, lesson, lang, {
        before: async (index) => {
          if (index !== step) return;
          const seen = await villageVideo(pupil.page);
          expect(seen.src).toBe(clip.url);
          // The pack's poster belongs to its own clip.
          expect(seen.poster).toBeNull();
          await expect.poll(() => pupil.page.locator('.video-source').textContent()).toBe(ui(lang)('video.ours'));
          await settledScreenshot(pupil.page, `wise-kids-village-video-gallery-clip-${lang}`);
        },
      });
    }
    expect(pupil.consoleErrors, pupil.consoleErrors.join('\n')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await pupil.context.close();
  });
});
