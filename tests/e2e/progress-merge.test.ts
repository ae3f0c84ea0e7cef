import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCore } from '../../src/core';
import { chooseFile, inLanguage, openPage, overflowsHorizontally, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-merge-'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-merge-files-'));
let spoiledLine = 0;
const BIG_EVENTS = 4000;

beforeAll(() => {
  // This PC: one class. Another PC: its own class and two pupils with some work.
  const here = createCore({ dataDir });
  here.pin.set('3579');
  here.progress.roster.addPupil(here.progress.roster.createClass('三年级一班', 3).id, '小明');
  here.close();
  const other = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-merge-other-')) });
  const cls = other.progress.roster.createClass('五年级一班', 5);
  for (const name of ['小红', '小刚']) {
    const pupil = other.progress.roster.addPupil(cls.id, name);
    other.progress.store.recordAttempt(pupil.id, {
      attemptId: crypto.randomUUID(), packId: 'org.kite.safe-online', packVersion: '1.0.0', lessonId: 'passwords', stepId: 'q1',
      activityType: 'single-choice', answer: { chosen: ['a'] }, correct: true, hintsUsed: 0, timeMs: 3000,
    });
  }
  const lines = [...other.progress.transfer.fileLines()].map((l) => JSON.parse(l) as Record<string, unknown>);
  other.close();
  fs.writeFileSync(path.join(work, 'good.kiteprogress'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  // A big school's PC: a term of answers, more than the app's API takes in one call (1 MB).
  const big = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-merge-big-')) });
  const bigPupil = big.progress.roster.addPupil(big.progress.roster.createClass('六年级三班', 6).id, '小强');
  big.db.transaction(() => {
    for (let i = 0; i < BIG_EVENTS; i++) {
      big.progress.store.recordAttempt(bigPupil.id, {
        attemptId: crypto.randomUUID(), packId: 'org.kite.safe-online', packVersion: '1.0.0', lessonId: 'passwords', stepId: `q${i % 12}`,
        activityType: 'single-choice', answer: { chosen: ['a'] }, correct: i % 2 === 0, hintsUsed: 0, timeMs: 3000,
      });
    }
  })();
  fs.writeFileSync(path.join(work, 'big.kiteprogress'), [...big.progress.transfer.fileLines()].join(''));
  big.close();
  // A file edited by hand: 小刚 moved to a class that exists nowhere.
  spoiledLine = lines.findIndex((l) => l.t === 'pupil' && l.name === '小刚') + 1;
  lines[spoiledLine - 1] = { ...lines[spoiledLine - 1], classId: 'no-such-class' };
  fs.writeFileSync(path.join(work, 'spoiled.kiteprogress'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
});
const app = useKiteAndBrowser({ dataDir, env: { KITE_NO_BUILTIN_PACKS: '1' } });

const TEXT = {
  'zh-CN': { teacher: '老师', pin: '老师密码', console: '老师工作台', tab: '维护', merge: '合并其他电脑的进度文件', refused: (n: number) => `进度文件第 ${n} 行的学生所在的班级既不在文件里，也不在这台电脑上。什么都没有改动。` },
  en: { teacher: 'Teacher', pin: 'Teacher PIN', console: 'Teacher console', tab: 'Maintenance', merge: 'Merge a progress file from another PC', refused: (n: number) => `Line ${n} of the progress file puts a pupil in a class that is neither in the file nor on this PC. Nothing was changed.` },
} as const;

/** Sign in as the teacher and open 维护 / Maintenance, as a teacher would. */
async function openMaintenance(page: Page, language: keyof typeof TEXT): Promise<void> {
  const text = TEXT[language];
  await inLanguage(page, language);
  await page.getByRole('link', { name: text.teacher }).click();
  await page.getByLabel(text.pin).fill('3579');
  await page.locator('form button[type=submit]').click();
  await page.getByRole('heading', { name: text.console }).waitFor();
  await page.getByRole('link', { name: text.tab }).click();
}

async function classNames(page: Page): Promise<string[]> {
  const envelope = await page.evaluate(async () => (await fetch('/api/classes.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json());
  return (envelope.result as { name: string }[]).map((c) => c.name).sort();
}

describe('merging a progress file in the teacher console', () => {
  for (const [language, viewport] of [['zh-CN', 'laptop'], ['en', 'fullHd']] as const) {
    it(`refuses a spoiled file whole, naming the line (${language}, ${viewport})`, async () => {
      const text = TEXT[language];
      const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[viewport]);
      await openMaintenance(page, language);
      await chooseFile(page, text.merge, path.join(work, 'spoiled.kiteprogress'));
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toBe(text.refused(spoiledLine));
      await alert.scrollIntoViewIfNeeded();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, `progress-merge-refused-${language}-${viewport}`);
      expect(await classNames(page)).toEqual(['三年级一班']);
      expect(external).toEqual([]);
      expect(consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
      await context.close();
    });
  }

  it('then merges the good file', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await openMaintenance(page, 'zh-CN');
    await chooseFile(page, '合并其他电脑的进度文件', path.join(work, 'good.kiteprogress'));
    await expect.poll(() => page.getByRole('status').filter({ hasText: '合并完成' }).textContent()).toBe('合并完成：新增 2 条记录（0 条已经有了），新增 2 名学生。');
    expect(await classNames(page)).toEqual(['三年级一班', '五年级一班'].sort());
    await context.close();
  });

  it('merges a file larger than 1 MB (a whole term of a big class), sent as an upload', async () => {
    expect(fs.statSync(path.join(work, 'big.kiteprogress')).size).toBeGreaterThan(1_500_000);
    const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.fullHd);
    await openMaintenance(page, 'en');
    await chooseFile(page, TEXT.en.merge, path.join(work, 'big.kiteprogress'));
    const done = page.getByRole('status').filter({ hasText: /^Merged/ });
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toBe(`Merged. New records: ${BIG_EVENTS} (0 were already here). New pupils: 1.`);
    expect(await classNames(page)).toEqual(['三年级一班', '五年级一班', '六年级三班'].sort());
    await screenshot(page, 'progress-merge-big-en-fullHd');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
