import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, openPage, SCREENSHOTS, settledScreenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { builtinPacks, lessonStatuses, WISE_KIDS_NEW_LESSONS } from './support/curriculum';
import { playLesson, seriousAxeViolations, setLanguage, signIn, type Lang } from './support/player';

/**
 * The built-in curriculum (lessons/, built into out/builtin-packs and installed on first start):
 * one pupil plays every lesson from start to finish in both languages, answering right, and the
 * teacher's grid shows each lesson done. The three newest wise-kids lessons are played (with a
 * picture of every step) by tests/e2e/wise-kids.test.ts, not twice. Needs `npm run build` first.
 */

const PIN = '2468';
const PACKS = builtinPacks();
/** The lessons this walk plays: every one but those wise-kids.test.ts plays. */
const walked = (pack: (typeof PACKS)[number]) => pack.lessons.filter((lesson) => !(pack.dir === 'wise-kids' && WISE_KIDS_NEW_LESSONS.includes(lesson.id)));

const app = useKiteAndBrowser();

/** Serious or critical axe violations, by lesson/step/language (only screens that have any). */
type AxeReport = Record<string, string[]>;

async function checkAxe(page: Page, where: string, axe: AxeReport) {
  const violations = await seriousAxeViolations(page);
  if (violations.length > 0) axe[where] = violations;
}

/** Chat replies read as a line of text (with pinyin above in zh-CN), not one word per line. */
async function checkChatReplies(page: Page, lang: Lang) {
  const replies = page.locator('.chat-choice');
  await replies.first().waitFor();
  for (const box of await replies.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) expect(box.height).toBeLessThan(box.width / 3);
  await page.locator('.chat-choices').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settledScreenshot(page, `curriculum-chat-replies-${lang}`);
}

describe('the built-in curriculum', () => {
  it('has four packs, and each manifest lists every lesson file of its folder (so every lesson is played)', () => {
    expect(PACKS.map((p) => p.dir)).toEqual(['safe-start', 'smart-explorers', 'village-voices', 'wise-kids']);
    for (const pack of PACKS) expect(pack.lessons.map((l) => `lessons/${l.id}.json`).sort(), pack.dir).toEqual([...pack.lessonFiles].sort());
    expect(PACKS.flatMap((p) => p.lessons).length).toBeGreaterThanOrEqual(20);
  });

  it('a pupil plays every lesson to the end in zh-CN and en, answering right, with no serious axe violation (answered activity, chats, finish), and the teacher sees every lesson done', { timeout: 1_200_000 }, async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    // The teacher sets up the PC: a PIN, a class and one pupil.
    await call(page, 'auth.setPin', { pin: PIN });
    const klass = await call<{ id: string }>(page, 'classes.create', { name: '三年级一班', grade: 3 });
    const pupil = await call<{ id: string }>(page, 'pupils.add', { classId: klass.id, name: '小明' });
    await call(page, 'auth.signOut');
    await signIn(page, pupil.id);

    const axe: AxeReport = {};
    for (const lang of ['zh-CN', 'en'] as const) {
      await setLanguage(page, lang);
      await page.reload();
      for (const pack of PACKS) {
        for (const [i, lesson] of walked(pack).entries()) {
          // One screenshot per lesson: an answered activity (the fourth step, the third in each pack's second lesson).
          const shot = { step: i === 1 ? 2 : 3, name: `curriculum-${pack.dir}-${lang}-${i + 1}` };
          await playLesson(page, app.kite.url, pack.id, lesson, lang, {
            before: async (_i, step) => {
              if (step.type === 'chat-scenario' && lesson.id === 'kind-words') await checkChatReplies(page, lang);
            },
            // axe costs about a second a screen, so not every step: the screenshot step, and every chat (a long one scrolls).
            after: async (index, step) => {
              if (shot.step === index) await settledScreenshot(page, shot.name);
              if (shot.step === index || step.type === 'chat-scenario') await checkAxe(page, `${lesson.id}/${step.id}/${lang}`, axe);
            },
          });
          await checkAxe(page, `${lesson.id}/finish/${lang}`, axe);
        }
      }
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'curriculum-axe.json'), JSON.stringify(axe, null, 2));
    expect(axe).toEqual({});

    // Through the contract: the pupil's row in the class grid shows every lesson done.
    await call(page, 'auth.teacherSignIn', { pin: PIN });
    const statusOf = await lessonStatuses(page, klass.id, pupil.id);
    for (const pack of PACKS) for (const lesson of walked(pack)) expect(statusOf(pack.id, lesson.id), `${pack.id}/${lesson.id}`).toBe('done');

    expect(external).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
