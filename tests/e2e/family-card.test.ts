import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { plainText } from '../../src/shared/markup';
import { Lesson, Manifest } from '../../src/shared/pack';
import { call, openPage, openPupilPage, overflowsHorizontally, ROOT, SCREENSHOTS, settledScreenshot, readableText, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { axeProblems } from './support/axe';
import { player, playLesson, setLanguage, type Lang } from './support/player';

/**
 * The family card (家庭小卡片): a pupil finishes a lesson and sees its card, large, with a speaker
 * and pinyin for grades 1–2; the teacher reads the lesson's notes with its curriculum mapping and
 * prints one A5 card per pupil of a class (or blank copies). The printout is checked as a real PDF
 * (page count and size) and turned into pictures to look at. Needs `npm run build` first.
 */

const PIN = '2468';
const PACK_DIR = path.join(ROOT, 'lessons', 'safe-start');
const PACK = Manifest.parse(JSON.parse(fs.readFileSync(path.join(PACK_DIR, 'manifest.json'), 'utf8')));
const LESSON = Lesson.parse(JSON.parse(fs.readFileSync(path.join(PACK_DIR, 'lessons', 'my-secrets.json'), 'utf8')));
const PUPILS = ['小明', '王小红', 'Li Gang'];

/** What the teacher reads, in each language. */
const WORDS = {
  'zh-CN': {
    tab: '教学参考',
    lesson: '选一节课',
    mapping: '课程标准：信息安全 · 个人隐私保护、数字身份；第一学段（1–2 年级）',
    perPupil: '每个学生一张（印上名字）',
    copies: '打印几张空白卡片',
    count: '张数',
    open: '准备打印',
    back: '返回',
    cardFor: (name: string) => `${name} 的家庭小卡片`,
    cardNumber: (n: number) => `第 ${n} 张家庭小卡片`,
  },
  en: {
    tab: 'Lesson notes',
    lesson: 'Lesson',
    mapping: 'Curriculum standard: Information security · Personal privacy, Digital identity; Stage 1 (grades 1–2)',
    perPupil: 'One card per pupil (with the name)',
    copies: 'Blank cards',
    count: 'How many',
    open: 'Prepare to print',
    back: 'Back',
    cardFor: (name: string) => `Family card for ${name}`,
    cardNumber: (n: number) => `Family card ${n}`,
  },
} as const;

const app = useKiteAndBrowser();

/** Print the page as Chromium does (print CSS, the page's own @page size) and look at the PDF. */
async function printToPdf(page: Page, name: string): Promise<{ pages: number; size: string; pngs: string[] }> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const pdf = path.join(SCREENSHOTS, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.+)$/m.exec(info)?.[1]?.trim() ?? '';
  const prefix = path.join(SCREENSHOTS, name);
  for (const old of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(SCREENSHOTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
  const pngs = fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  return { pages, size, pngs };
}

/** pdfinfo's "420 x 594.96 pts (A5)": A5 is 148 × 210 mm, 419.5 × 595.3 pt. */
function expectA5(size: string) {
  const [width, height] = (/^([\d.]+) x ([\d.]+) pts/.exec(size) ?? []).slice(1).map(Number);
  expect(Math.abs((width ?? 0) - 419.5), size).toBeLessThan(1.5);
  expect(Math.abs((height ?? 0) - 595.3), size).toBeLessThan(1.5);
}

describe('the family card', () => {
  it('a pupil finishes a lesson and sees its family card, large, with a speaker and pinyin for grades 1–2', { timeout: 300_000 }, async () => {
    for (const [lang, first, second] of [
      ['zh-CN', 'laptop', 'fullHd'],
      ['en', 'fullHd', 'laptop'],
    ] as const) {
      const { page, context, external, consoleErrors } = await openPupilPage(app.browser, app.kite.url, VIEWPORTS[first]);
      await setLanguage(page, lang);
      await page.reload();
      await playLesson(page, app.kite.url, PACK.id, LESSON, lang);
      const { t, L } = player(page, 'touch', lang);
      const card = page.locator('.family-card');
      // Both halves of the card, and the picture described for those who cannot see it.
      expect(await readableText(page, '.family-card-home')).toBe(L(LESSON.familyCard!.atHome));
      await card.getByRole('img', { name: L(LESSON.familyCard!.picture!.alt) }).waitFor();
      // Grade 1–2 in Chinese: pinyin over the rule; in English none.
      const rubies = await card.locator('.family-card-rule rt').count();
      if (lang === 'zh-CN') expect(rubies).toBeGreaterThan(5);
      else expect(rubies).toBe(0);
      // The speaker reads the card (speech synthesis or the pack's recording, as everywhere in the player).
      const speaker = card.getByRole('button', { name: t('familyCard.listen') });
      await speaker.click();
      // Large: the rule is bigger than ordinary lesson text, and the card fills a good part of the screen.
      const ruleSize = await card.locator('.family-card-rule').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(ruleSize).toBeGreaterThanOrEqual(20);
      const box = (await card.boundingBox())!;
      const playerBox = (await page.locator('.player').boundingBox())!;
      expect(box.width).toBeGreaterThan(playerBox.width * 0.5);
      expect(await axeProblems(page, '.finish-layout')).toEqual([]);
      expect(await smallTouchTargets(page)).toEqual([]);
      await settledScreenshot(page, `family-card-finish-${lang}-${first}`);
      await page.setViewportSize(VIEWPORTS[second]);
      await settledScreenshot(page, `family-card-finish-${lang}-${second}`);
      expect(external).toEqual([]);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await context.close();
    }
  });

  it('the teacher reads the curriculum mapping and prints one A5 card per pupil, or blank copies', { timeout: 300_000 }, async () => {
    const setup = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await call(setup.page, 'auth.setPin', { pin: PIN });
    const klass = await call<{ id: string }>(setup.page, 'classes.create', { name: '一年级一班', grade: 1 });
    for (const name of PUPILS) await call(setup.page, 'pupils.add', { classId: klass.id, name });
    await setup.context.close();

    for (const [lang, viewport] of [
      ['zh-CN', 'laptop'],
      ['en', 'fullHd'],
    ] as const) {
      const w = WORDS[lang as Lang];
      const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[viewport]);
      await call(page, 'auth.teacherSignIn', { pin: PIN });
      await setLanguage(page, lang);
      await page.goto(`${app.kite.url}/#/teacher`);
      await page.reload();
      await page.getByRole('link', { name: w.tab }).click();
      await page.getByLabel(w.lesson).selectOption({ label: plainText(LESSON.title[lang] ?? '') });
      await expect.poll(() => page.locator('.curriculum-line').textContent()).toBe(w.mapping);
      await page.getByText(LESSON.teacher!.goal[lang]!).waitFor();
      expect(await axeProblems(page, '.lesson-notes-section')).toEqual([]);
      expect(await smallTouchTargets(page)).toEqual([]);
      await settledScreenshot(page, `family-card-teacher-notes-${lang}-${viewport}`);
      const other = viewport === 'laptop' ? 'fullHd' : 'laptop';
      await page.setViewportSize(VIEWPORTS[other]);
      expect(await overflowsHorizontally(page)).toBe(false);
      await settledScreenshot(page, `family-card-teacher-notes-${lang}-${other}`);
      await page.setViewportSize(VIEWPORTS[viewport]);

      // One card per pupil of the class, each with the pupil's name.
      await page.getByLabel(w.perPupil).check();
      await page.getByRole('button', { name: w.open }).click();
      for (const name of PUPILS) await page.getByRole('article', { name: w.cardFor(name) }).waitFor();
      expect(await page.getByRole('article').count()).toBe(PUPILS.length);
      await settledScreenshot(page, `family-card-print-preview-${lang}-${viewport}`);
      const perPupil = await printToPdf(page, `family-cards-class-${lang}`);
      expect(perPupil.pages).toBe(PUPILS.length);
      expectA5(perPupil.size);
      expect(perPupil.pngs).toHaveLength(PUPILS.length);

      // Or a number of blank cards.
      await page.getByRole('button', { name: w.back }).click();
      await page.getByLabel(w.copies).check();
      await page.getByLabel(w.count).fill('2');
      await page.getByRole('button', { name: w.open }).click();
      await page.getByRole('article', { name: w.cardNumber(2) }).waitFor();
      expect(await page.getByRole('article').count()).toBe(2);
      const blank = await printToPdf(page, `family-cards-blank-${lang}`);
      expect(blank.pages).toBe(2);
      expectA5(blank.size);

      // Every installed lesson's card fits on its A5 page, footer included (pinyin makes zh-CN the tallest).
      await page.getByRole('button', { name: w.back }).click();
      const lessons = await page.getByLabel(w.lesson).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(lessons.length).toBeGreaterThanOrEqual(14);
      for (const value of lessons) {
        await page.getByLabel(w.lesson).selectOption(value);
        await page.getByRole('button', { name: w.open }).click();
        const overflow = await page.locator('.family-print-page').first().evaluate((card) => {
          const foot = card.querySelector('.family-print-foot')!.getBoundingClientRect();
          return Math.max(0, foot.bottom - card.getBoundingClientRect().bottom, card.scrollHeight - card.clientHeight);
        });
        expect(overflow, `${value} (${lang})`).toBe(0);
        await page.locator('.family-print-page').first().screenshot({ path: path.join(SCREENSHOTS, `family-card-a5-${value.split('/')[1]}-${lang}.png`) });
        await page.getByRole('button', { name: w.back }).click();
      }

      expect(external).toEqual([]);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await context.close();
    }
  });
});
