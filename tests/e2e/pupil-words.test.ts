import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createCore } from '../../src/core';
import { PICTURES } from '../../src/shared/avatars';
import { ALL_LESSON, buildPlayerPack, PLAYER_PACK_ID, STEPS } from '../support/player-fixture';
import { openPage, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { player, seeText, setLanguage, signIn, type Lang } from './support/player';

// A grade 1–2 lesson: pinyin is on by default, so the player's own words must carry it too.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-words-e2e-'));
// One pupil per test: each starts the lesson fresh (positions are kept per pupil).
const pupils: Record<string, string> = {};
beforeAll(async () => {
  const core = createCore({ dataDir, backgroundBackups: false });
  await core.packs.install(await buildPlayerPack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-words-pack-'))), { trustConfirmed: true });
  const klass = core.progress.roster.createClass('一年级二班', 1);
  for (const name of ['小兰', '小青', '小白', '小红', '小芳']) pupils[name] = core.progress.roster.addPupil(klass.id, name).id;
  pupils['小林'] = core.progress.roster.addPupil(klass.id, '小林').id;
  core.progress.roster.updatePupil(pupils['小林']!, { picturePassword: ['sun', 'tree', 'car'] });
  core.close();
});
const app = useKiteAndBrowser({ dataDir });

/** Each syllable's box centred over its own character, and the words' pinyin set apart. */
async function pinyinLayout(scope: Locator) {
  return scope.evaluate((root) => {
    const words = [...root.querySelectorAll('ruby.pinyin-word')];
    const boxOf = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    const misplaced: string[] = [];
    const rtBoxes: { left: number; right: number; top: number }[][] = [];
    for (const word of words) {
      const boxes: { left: number; right: number; top: number }[] = [];
      for (const rt of word.querySelectorAll('rt')) {
        const base = rt.previousSibling?.previousSibling; // the character, then <rp>(</rp>
        if (!base || base.nodeType !== Node.TEXT_NODE) continue;
        const c = boxOf(base);
        const r = rt.getBoundingClientRect();
        const middle = (r.left + r.right) / 2;
        if (middle < c.left - 1 || middle > c.right + 1 || r.top >= c.top) misplaced.push(`${base.textContent}/${rt.textContent}`);
        boxes.push(r);
      }
      rtBoxes.push(boxes);
    }
    // The gap between one word's last syllable and the next word's first, on the same line.
    const gaps: number[] = [];
    for (let i = 1; i < rtBoxes.length; i++) {
      const last = rtBoxes[i - 1]?.at(-1);
      const first = rtBoxes[i]?.[0];
      if (last && first && Math.abs(last.top - first.top) < 2 && words[i - 1]?.nextSibling === words[i]) gaps.push(first.left - last.right);
    }
    return { words: words.length, misplaced, gaps };
  });
}

const rtTexts = (scope: Locator) => scope.locator('rt').allTextContents();

async function openLesson(page: Page, lang: Lang, who: string) {
  await setLanguage(page, lang);
  await signIn(page, who);
  await page.goto(`${app.kite.url}/#/lesson/${PLAYER_PACK_ID}/${ALL_LESSON}`);
  await page.reload();
}

describe('the player speaks to a six-year-old in words they can read and hear', () => {
  it('puts each syllable over its character, word by word, and screen readers read the characters once', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await openLesson(page, 'zh-CN', pupils['小兰']!);
    const title = page.locator('.player-title');
    // Pinyin comes from the dictionary (the lesson title has no markup) once it has loaded.
    await expect.poll(() => rtTexts(title)).toEqual(['shàng', 'wǎng', 'ān', 'quán', 'xiǎo', 'néng', 'shǒu']);
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('class')).toContain('player-title');
    expect(await page.getByRole('heading', { level: 1, name: '上网安全小能手', exact: true }).count()).toBe(1);
    const layout = await pinyinLayout(title);
    expect(layout.misplaced).toEqual([]);
    expect(layout.words).toBeGreaterThanOrEqual(3); // 上网 / 安全 / 小能手 (ICU may split 小 / 能手)
    expect(layout.gaps.length).toBeGreaterThan(0);
    for (const gap of layout.gaps) expect(gap).toBeGreaterThanOrEqual(4);
    // Explicit markup in the lesson ({小风筝|xiǎo fēng zheng}) is aligned the same way.
    const slideTitle = page.locator('.step').getByRole('heading').first();
    await expect.poll(() => rtTexts(slideTitle)).toEqual(expect.arrayContaining(['xiǎo', 'fēng', 'zheng']));
    expect((await pinyinLayout(slideTitle)).misplaced).toEqual([]);
    expect(await slideTitle.textContent()).toContain('小风筝');
    expect(await page.getByRole('heading', { name: '你好，小风筝', exact: true }).count()).toBe(1);
    await context.close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`gives the player's own words pinyin and a speaker (${lang})`, async () => {
      for (const [viewport, size] of [[VIEWPORTS.laptop, 'laptop'], [VIEWPORTS.fullHd, 'fullHd']] as const) {
        const { page, context } = await openPage(app.browser, app.kite.url, viewport);
        await openLesson(page, lang, pupils[lang === 'zh-CN' ? (size === 'laptop' ? '小青' : '小白') : size === 'laptop' ? '小红' : '小兰']!);
        const { t, L, button, press, feedback } = player(page, 'touch', lang);
        const next = page.locator('.nav-next');
        await expect.poll(() => rtTexts(next)).toEqual(lang === 'zh-CN' ? ['xià', 'yí', 'bù'] : []);
        await press(next);
        // Must answer first: the reminder can be read and heard.
        const reminder = page.locator('.nav-help');
        await seeText(page, '.nav-help', t('answerFirst'));
        expect(await reminder.getByRole('button', { name: t('listen.instruction') }).isVisible()).toBe(true);
        // A wrong answer: kind words with pinyin, and one speaker reads the words and the hint.
        const s = STEPS.singleChoice;
        await press(button(L(s.options[0]!.text)));
        await feedback(t('feedback.tryAgain'));
        const box = page.locator('.feedback');
        if (lang === 'zh-CN') {
          expect(await rtTexts(box.locator('.feedback-title'))).toEqual(['hái', 'chà', 'yì', 'diǎn', 'zài', 'shì', 'yí', 'cì']);
          expect((await pinyinLayout(box)).misplaced).toEqual([]);
        } else expect(await rtTexts(box)).toEqual([]);
        expect(await box.getByRole('button', { name: t('listen.play') }).isVisible()).toBe(true);
        await screenshot(page, `words-try-again-${lang}-${size}`);
        await press(button(L(s.options[1]!.text)));
        await feedback(t('feedback.right'));
        if (lang === 'zh-CN') expect(await rtTexts(box.locator('.feedback-title'))).toEqual(['dá', 'duì', 'le', 'zhēn', 'bàng']);
        // The Check button reads 检查 to a screen reader, and shows jiǎn chá to a child.
        await press(next);
        const check = page.locator('.check-button');
        expect(await page.getByRole('button', { name: t('check'), exact: true }).count()).toBe(1);
        expect(await rtTexts(check)).toEqual(lang === 'zh-CN' ? ['jiǎn', 'chá'] : []);
        // The step's instruction too.
        const instruction = page.locator('.instruction').first();
        await seeText(page, '.instruction', t('multipleChoice.pickAll'));
        expect(await instruction.getByRole('button', { name: t('listen.instruction') }).isVisible()).toBe(true);
        if (lang === 'zh-CN') expect((await rtTexts(instruction)).length).toBeGreaterThan(10);
        await screenshot(page, `words-instruction-${lang}-${size}`);
        expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
        await context.close();
      }
    });
  }

  it('reads the welcome-back banner and the picture-password prompt and its error aloud, with pinyin', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await openLesson(page, 'zh-CN', pupils['小芳']!);
    const { t, L, button, press } = player(page, 'touch', 'zh-CN');
    await press(page.locator('.nav-next'));
    await press(button(L(STEPS.singleChoice.options[1]!.text)));
    await press(page.locator('.nav-next'));
    await page.goto(`${app.kite.url}/#/lessons`);
    await page.goto(`${app.kite.url}/#/lesson/${PLAYER_PACK_ID}/${ALL_LESSON}`);
    await seeText(page, '.welcome-back', t('resumed', { n: 3 }));
    const banner = page.locator('.welcome-back');
    expect(await rtTexts(banner)).toEqual(expect.arrayContaining(['huān', 'yíng', 'huí', 'lái']));
    expect(await banner.getByRole('button', { name: t('listen.instruction') }).isVisible()).toBe(true);
    await screenshot(page, 'words-welcome-back-zh-CN-laptop');

    // Sign out, then the pupil with a picture password taps their name.
    await page.evaluate(() => fetch('/api/pupils.signOut', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
    await page.goto(app.kite.url);
    await page.getByRole('button', { name: /小林/ }).tap();
    const prompt = page.getByRole('heading', { level: 1 });
    await prompt.getByText('小林').waitFor();
    await expect.poll(() => rtTexts(prompt)).toEqual(expect.arrayContaining(['qǐng', 'àn', 'shùn', 'xù']));
    expect(await page.getByRole('button', { name: '听一听' }).first().isVisible()).toBe(true);
    // The right pictures in the wrong order.
    for (const picture of ['tree', 'sun', 'car'] as const) await page.locator('.picture-grid button').nth(PICTURES.indexOf(picture)).tap();
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await rtTexts(error)).toEqual(expect.arrayContaining(['tú', 'piàn', 'mì', 'mǎ']));
    expect(await error.getByRole('button', { name: '听一听' }).isVisible()).toBe(true);
    await screenshot(page, 'words-picture-password-zh-CN-laptop');
    await context.close();
  });
});
