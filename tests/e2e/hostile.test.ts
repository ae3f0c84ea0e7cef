import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseFile, openPage, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { buildFixturePack } from '../support/packs';

// Lesson content is data, never script: in real Chromium, against the built `kite serve`.
const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
const PIN = '1357';
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-hostile-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * A picture that, if its script ran, would mark itself and try to change the school's name through
 * the API: inline, and from a script file beside it (same origin, which the app's own CSP allows).
 */
const HELPER_JS = "document.documentElement.setAttribute('data-ran', 'yes');";
const SCRIPTED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"><rect width="160" height="90" fill="#8ecae6"/><script href="helper.js"/><script>
document.documentElement.setAttribute('data-ran', 'yes');
fetch('/api/settings.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"schoolName":"changed by a picture"}' });
</script></svg>`;

async function teacherImports(page: Page, file: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  await page.goto(`${app.kite.url}/#/teacher/lessons`);
  const setPin = page.getByLabel('新密码');
  const signIn = page.getByLabel(language === 'zh-CN' ? '老师密码' : 'Teacher PIN');
  await Promise.race([setPin.waitFor(), signIn.waitFor()]);
  if (await setPin.isVisible()) {
    await setPin.fill(PIN);
    await page.getByLabel('再输入一次').fill(PIN);
    await page.getByRole('button', { name: '设置密码' }).click();
  } else {
    await signIn.fill(PIN);
    await page.getByRole('button', { name: language === 'zh-CN' ? '登录' : 'Sign in' }).click();
  }
  await chooseFile(page, language === 'zh-CN' ? '选择课程包文件…' : 'Choose a pack file…', file);
}

describe('hostile lesson content in the browser', () => {
  it('a picture carrying a script, installed by the teacher, runs nothing even when opened directly', async () => {
    const file = await buildFixturePack(work, { media: { 'media/scripted.svg': SCRIPTED_SVG } });
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherImports(page, file);
    await page.getByLabel(/请输入老师密码后安装/).fill(PIN);
    await page.getByRole('button', { name: '安装', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/已安装/);

    // As if an older app had let a script file in beside the picture.
    fs.writeFileSync(path.join(app.kite.dataDir, 'packs', 'org.example.test-pack', '1.0.0', 'media', 'helper.js'), HELPER_JS);
    const url = `${app.kite.url}/packs/org.example.test-pack/1.0.0/media/scripted.svg`;
    const opened = await context.newPage();
    const response = await opened.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    await opened.waitForTimeout(300);
    expect(await opened.evaluate(() => document.documentElement.getAttribute('data-ran'))).toBeNull();
    await screenshot(opened, 'hostile-scripted-svg-opened-laptop');
    const settings = await page.evaluate(async () => (await (await fetch('/api/settings.get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { result: { schoolName: string } });
    expect(settings.result.schoolName).not.toBe('changed by a picture');

    // The control: the same file, served without the app's headers, does run its script in this browser.
    const bare = await app.browser.newContext();
    const control = await bare.newPage();
    await control.route('http://control.test/scripted.svg', (route) => route.fulfill({ contentType: 'image/svg+xml', body: SCRIPTED_SVG }));
    await control.route('http://control.test/api/**', (route) => route.fulfill({ status: 204 }));
    await control.route('http://control.test/helper.js', (route) => route.fulfill({ contentType: 'text/javascript', body: HELPER_JS }));
    await control.goto('http://control.test/scripted.svg');
    await expect.poll(() => control.evaluate(() => document.documentElement.getAttribute('data-ran'))).toBe('yes');
    await bare.close();
    await context.close();
  });

  it('refuses a pack carrying a web page or a script, or a name Windows cannot hold, in the teacher language', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    const html = await buildFixturePack(work, { hostile: 'extra-entry', extraEntry: { name: 'media/page.html', data: '<script>alert(1)</script>' }, fileName: 'page.kpack' });
    await teacherImports(page, html);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/这个课程包已拒绝：“media\/page\.html”不是图片、声音、视频、字幕或字体文件/);
    await screenshot(page, 'hostile-pack-html-zh-CN-laptop');
    const js = await buildFixturePack(work, { hostile: 'extra-entry', extraEntry: { name: 'media/app.js', data: 'alert(1)' }, fileName: 'js.kpack' });
    await chooseFile(page, '选择课程包文件…', js);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/“media\/app\.js”不是图片/);
    await context.close();

    const en = await openPage(app.browser, app.kite.url, VIEWPORTS.fullHd);
    await en.page.goto(app.kite.url);
    await en.page.evaluate(() => fetch('/api/auth.setLanguage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"language":"en"}' }));
    await en.page.reload();
    const reserved = await buildFixturePack(work, { hostile: 'extra-entry', extraEntry: { name: 'media/aux.png', data: 'x' }, fileName: 'aux.kpack' });
    await teacherImports(en.page, reserved, 'en');
    await expect.poll(() => en.page.getByRole('alert').textContent()).toMatch(/the file name "media\/aux\.png" cannot be stored on Windows/);
    await screenshot(en.page, 'hostile-pack-windows-name-en-fullhd');
    await en.page.evaluate(() => fetch('/api/auth.setLanguage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"language":"zh-CN"}' }));
    // Nothing staged is left behind (the running app keeps its own empty staging folder in tmp/).
    const tmp = path.join(app.kite.dataDir, 'tmp');
    expect(fs.readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(tmp, f)).isFile())).toEqual([]);
    await en.context.close();
  });
});
