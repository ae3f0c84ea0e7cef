import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage, overflowsHorizontally, runKite, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';

const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-config-'));
const configFile = path.join(configDir, 'config.json');

beforeAll(() => {
  // A config with one bad key: the app must start on the good keys and say what is wrong.
  fs.writeFileSync(configFile, JSON.stringify({ schoolName: '青山村小学', classroomName: '网络教室 1', idleTimeoutMinutes: 500 }));
});
const app = useKiteAndBrowser({ env: { KITE_CONFIG: configFile } });

/** The UI language of a browser's session (a pupil's pick; the teacher console keeps it): set it before opening a page. */
async function useLanguage(context: BrowserContext, language: 'zh-CN' | 'en') {
  const response = await context.request.post(`${app.kite.url}/api/auth.setLanguage`, { data: { language } });
  expect(response.ok()).toBe(true);
}

async function signInAsTeacher(page: Page, language: 'zh-CN' | 'en') {
  await page.getByRole('link', { name: language === 'en' ? 'Teacher' : '老师' }).click();
  const firstStart = page.getByLabel(language === 'en' ? 'Type it again' : '再输入一次');
  const pinField = page.getByLabel(language === 'en' ? /^(New PIN|Teacher PIN)$/ : /^(新密码|老师密码)$/);
  await pinField.waitFor();
  await pinField.fill('2468');
  if (await firstStart.isVisible()) await firstStart.fill('2468');
  await page.locator('form button[type=submit]').click();
  await page.getByRole('heading', { name: language === 'en' ? 'Teacher console' : '老师工作台' }).waitFor();
}

describe('machine config at start (kite serve with KITE_CONFIG)', () => {
  it('applies the good keys and shows the bad one to the teacher', async () => {
    const { page, context, external } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await useLanguage(context, 'zh-CN');
    await page.reload();
    await page.getByText('青山村小学 · 网络教室 1').waitFor();
    await signInAsTeacher(page, 'zh-CN');
    const warning = page.getByRole('region', { name: '需要注意' });
    await expect.poll(() => warning.textContent()).toContain('"idleTimeoutMinutes"');
    await screenshot(page, 'kiosk-config-warning-zh-CN-laptop');
    expect(external).toEqual([]);
    await context.close();
  });
});

describe('the Health check section', () => {
  for (const [language, viewport] of [['zh-CN', 'laptop'], ['en', 'fullHd'], ['en', 'laptop'], ['zh-CN', 'fullHd']] as const) {
    it(`shows the doctor report (${language}, ${viewport})`, async () => {
      const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[viewport]);
      await useLanguage(context, language);
      await page.reload();
      await signInAsTeacher(page, language);
      await page.getByRole('link', { name: language === 'en' ? 'Health check' : '设备检查' }).click();
      const section = page.getByRole('region', { name: language === 'en' ? 'Health check of this computer' : '本机设备检查' });
      await section.getByRole('status').filter({ hasNotText: /Checking|正在检查/ }).waitFor();
      // A fresh data folder: no packs yet (a warning) and the config problem (a failure).
      expect(await section.getByRole('status').textContent()).toMatch(language === 'en' ? /Something is broken/ : /有问题/);
      // Findings in the teacher's language; in Chinese the English fact stays on a details line.
      const problems = section.getByRole('list');
      if (language === 'en') expect(await problems.textContent()).toContain('Config problem');
      else {
        expect(await problems.textContent()).toContain('设置文件有问题');
        expect(await problems.textContent()).not.toContain('Config problem');
        expect(await problems.getByText(/^技术细节：.*idleTimeoutMinutes/).count()).toBeGreaterThan(0);
      }
      await section.getByText(language === 'en' ? 'Full report' : '完整报告').click();
      // The full report for IT staff is in the teacher's language too; in Chinese the English facts stay on details lines.
      const full = (await section.locator('pre').textContent()) as string;
      if (language === 'en') expect(full).toMatch(/^Kite Classroom health report[^]*\nResult: BROKEN: 1 problem/);
      else {
        expect(full).toMatch(/^风筝课堂 设备检查报告[^]*\n结果：有故障：1 个故障/);
        expect(full).not.toMatch(/^ {2}(OK|WARN|FAIL) /m);
        expect(full).toMatch(/^ {8}技术细节：.*idleTimeoutMinutes/m);
      }
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, `kiosk-health-${language}-${viewport}`);
      await section.locator('pre').evaluate((pre) => pre.scrollIntoView({ block: 'center' }));
      await screenshot(page, `kiosk-health-report-${language}-${viewport}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('the kiosk exit dialog', () => {
  it('stays closed in a browser: corner taps do nothing when the app is not in kiosk mode', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    for (let i = 0; i < 6; i++) await page.mouse.click(10, 10);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await context.close();
  });

  // Electron cannot run here. The page gets the same bridge the preload gives it, forwarding every
  // call to this browser host over HTTP, except that kiosk.status reports kiosk mode (what the
  // desktop shell would say). kiosk.exit goes to the real host, which answers that it only applies
  // in the desktop app: the dialog must show that and stay usable.
  for (const [language, viewport] of [['zh-CN', 'laptop'], ['en', 'fullHd']] as const) {
    it(`opens after 5 quick taps in the top-left corner and asks for the teacher PIN (${language}, ${viewport})`, async () => {
      const context = await app.browser.newContext({ viewport: VIEWPORTS[viewport], hasTouch: true });
      await useLanguage(context, language);
      await context.addInitScript(() => {
        (window as unknown as { kite: unknown }).kite = {
          async invoke(method: string, input: unknown) {
            if (method === 'kiosk.status') return { ok: true, result: { desktop: true, kiosk: true } };
            const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
            return response.json();
          },
          on: () => () => undefined,
        };
      });
      const page = await context.newPage();
      await page.goto(app.kite.url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Four taps, then one in the middle: starts over.
      for (let i = 0; i < 4; i++) await page.mouse.click(12, 12);
      await page.mouse.click(600, 400);
      expect(await page.getByRole('dialog').count()).toBe(0);
      for (let i = 0; i < 5; i++) await page.touchscreen.tap(20, 20);
      const dialog = page.getByRole('dialog', { name: language === 'en' ? 'Leave kiosk mode' : '退出锁定模式' });
      await dialog.waitFor();
      const pin = dialog.getByLabel(language === 'en' ? 'Teacher PIN' : '老师密码');
      expect(await pin.evaluate((el) => el === document.activeElement)).toBe(true);
      await pin.fill('2468');
      await dialog.getByRole('button', { name: language === 'en' ? 'Close the app' : '关闭软件' }).click();
      expect(await dialog.getByRole('alert').textContent()).toBe(language === 'en' ? 'Kiosk mode only applies in the desktop app.' : '锁定模式只在桌面版软件中使用。');
      expect(await smallTouchTargets(page)).toEqual([]);
      await screenshot(page, `kiosk-exit-dialog-${language}-${viewport}`);
      await page.keyboard.press('Escape');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await context.close();
    });
  }
});

describe('the built kite command', () => {
  it('config example prints JSONC that config validate accepts', async () => {
    const example = await runKite(['config', 'example']);
    expect(example.code).toBe(0);
    const file = path.join(configDir, 'example.jsonc');
    fs.writeFileSync(file, example.stdout);
    const check = await runKite(['config', 'validate', file]);
    expect(check.stdout).toMatch(/problem: .*packsFolder|is valid/); // the example's D:\ folders do not exist here
    expect(check.stdout).not.toMatch(/not valid JSON|unknown key/);
  });

  it('doctor exits 0 on a healthy folder and 1 on a corrupt database, and saves the report', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-doctor-'));
    const empty = path.join(configDir, 'empty.json');
    fs.writeFileSync(empty, '{}');
    const healthy = await runKite(['doctor', '--data', app.kite.dataDir, '--config', empty]);
    expect(healthy.stdout).toContain('Result: OK');
    expect(healthy.code).toBe(0);
    fs.writeFileSync(path.join(dataDir, 'kite.db'), 'this is not a database');
    const out = path.join(dataDir, 'report.txt');
    const broken = await runKite(['doctor', '--data', dataDir, '--config', empty, '--out', out]);
    expect(broken.code).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/FAIL {2}Database cannot be read/);
    // On a Chinese PC the IT person reads it in Chinese; the English fact stays on a details line.
    const zh = await runKite(['doctor', '--data', dataDir, '--config', empty], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^风筝课堂 设备检查报告/);
    expect(zh.stdout).toMatch(/^ {2}故障 {2}无法读取数据库\n {8}请从 backups\/ 恢复最新的备份（见备份说明）。\n {8}技术细节：/m);
    expect(zh.stdout).not.toMatch(/^ {2}(OK|WARN|FAIL) /m);
  });
});
