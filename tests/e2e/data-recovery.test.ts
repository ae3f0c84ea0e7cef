import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCore } from '../../src/core';
import { inLanguage, openPage, overflowsHorizontally, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-recovery-'));

beforeAll(() => {
  // Yesterday's classroom, backed up; then a power cut on the FAT32 stick leaves kite.db at zero bytes.
  const core = createCore({ dataDir });
  core.pin.set('2468');
  const cls = core.progress.roster.createClass('三年级一班', 3);
  core.progress.roster.addPupil(cls.id, '小明');
  core.backups.createNow('daily');
  core.close();
  fs.writeFileSync(path.join(dataDir, 'kite.db'), '');
});
const app = useKiteAndBrowser({ dataDir, env: { KITE_NO_BUILTIN_PACKS: '1' } });

async function signInAsTeacher(page: Page, language: 'zh-CN' | 'en') {
  await page.getByRole('link', { name: language === 'en' ? 'Teacher' : '老师' }).click();
  // The PIN survived: the console asks for it, it does not offer to set a new one.
  const pinField = page.getByLabel(language === 'en' ? 'Teacher PIN' : '老师密码');
  await pinField.fill('2468');
  await page.locator('form button[type=submit]').click();
  await page.getByRole('heading', { name: language === 'en' ? 'Teacher console' : '老师工作台' }).waitFor();
}

describe('a zero-byte kite.db after a power cut', () => {
  for (const [language, viewport] of [['zh-CN', 'laptop'], ['en', 'fullHd'], ['en', 'laptop'], ['zh-CN', 'fullHd']] as const) {
    it(`is restored from the backup and the teacher is told (${language}, ${viewport})`, async () => {
      const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[viewport]);
      await inLanguage(page, language);
      await signInAsTeacher(page, language);
      const warning = page.getByRole('region', { name: language === 'en' ? 'Needs attention' : '需要注意' });
      await expect
        .poll(() => warning.textContent())
        .toMatch(language === 'en' ? /The progress database was damaged and was restored from the backup of .*The damaged file was kept as kite\.db\.corrupt-/ : /学习记录数据库损坏了，已用 .* 的备份恢复。.*损坏的文件留作 kite\.db\.corrupt-/);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, `data-recovery-warning-${language}-${viewport}`);
      await page.getByRole('link', { name: language === 'en' ? /Classes/ : /班级/ }).first().click();
      await expect.poll(() => page.getByText('三年级一班').count()).toBeGreaterThan(0);
      expect(external).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
