import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { becomeGuest, chooseFile, openPage, overflowsHorizontally, ROOT, runKite, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { buildFixturePack, fixtureKeys, fixtureLesson, writeFixtureFolder } from '../support/packs';

// Only the packs this test imports: the built-in ones (from lessons/) would be on the shelf too.
const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
let work: string;
const PIN = '1357';
const TITLE = { 'zh-CN': '{网络|wǎng luò}安全小课堂', en: 'Online safety basics' };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-packs-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

async function signInAsTeacher(page: Page, firstTime: boolean, language: 'zh-CN' | 'en' = 'zh-CN') {
  await page.goto(`${app.kite.url}/#/teacher/lessons`);
  if (firstTime) {
    await page.getByLabel('新密码').fill(PIN);
    await page.getByLabel('再输入一次').fill(PIN);
    await page.getByRole('button', { name: '设置密码' }).click();
  } else {
    await page.getByLabel(language === 'zh-CN' ? '老师密码' : 'Teacher PIN').fill(PIN);
    await page.getByRole('button', { name: language === 'zh-CN' ? '登录' : 'Sign in' }).click();
  }
  await page.getByRole('heading', { name: language === 'zh-CN' ? '导入课程包' : 'Import a lesson pack' }).waitFor();
}

describe('lesson packs in the app', () => {
  it('a teacher imports a pack file, sees the preview, confirms with the PIN, and pupils see its lessons', async () => {
    const file = await buildFixturePack(work, {
      title: TITLE,
      media: { 'media/video.mp4': Buffer.alloc(3 * 2 ** 20, 5) },
      lessons: [fixtureLesson('meet-the-internet', { title: { 'zh-CN': '{认识|rèn shi}{网络|wǎng luò}', en: 'Meet the internet' } }), fixtureLesson('strong-passwords', { minutes: 15, grades: { from: 3, to: 4 }, title: { 'zh-CN': '{设|shè}{密码|mì mǎ}', en: 'Strong passwords' } })],
    });
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(page, true);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'packs-teacher-empty-zh-CN-laptop');

    await chooseFile(page, '选择课程包文件…', file);
    await page.getByRole('heading', { name: /安全小课堂/ }).waitFor();
    expect(await page.getByText('⚠ 没有签名').isVisible()).toBe(true);
    expect(await page.getByText('认识网络 · 10 分钟').isVisible()).toBe(true);
    await screenshot(page, 'packs-teacher-preview-zh-CN-laptop');
    await page.getByLabel(/请输入老师密码后安装/).fill('0000');
    await page.getByRole('button', { name: '安装', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('密码不对。');
    await page.getByLabel(/请输入老师密码后安装/).fill(PIN);
    await page.getByRole('button', { name: '安装', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/已安装“网络安全小课堂”1\.0\.0 版/);
    await page.getByRole('button', { name: '卸载 网络安全小课堂' }).waitFor();
    await screenshot(page, 'packs-teacher-installed-zh-CN-laptop');

    // Pupils: the lesson shelf.
    await becomeGuest(page, app.kite.url);
    await page.goto(`${app.kite.url}/#/lessons`);
    await page.reload(); // the app reads who is signed in when it starts
    const card = page.getByRole('link', { name: '设密码, 15 分钟, 3–4 年级' });
    await card.waitFor();
    await expect.poll(() => page.locator('.lesson-cover img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'packs-lessons-zh-CN-laptop');
    expect(await card.getAttribute('href')).toBe('#/lesson/org.example.test-pack/strong-passwords');
    const video = await page.request.get(`${app.kite.url}/packs/org.example.test-pack/1.0.0/media/video.mp4`, { headers: { range: 'bytes=100-199' } });
    expect(video.status()).toBe(206);
    expect((await video.body()).length).toBe(100);
    expect(external).toEqual([]);
    // The wrong PIN above is answered 401, which Chromium logs; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });

  it('refuses a hostile pack with its own message and keeps what is installed', async () => {
    const evil = await buildFixturePack(work, { hostile: 'zip-slip' });
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(page, false);
    await chooseFile(page, '选择课程包文件…', evil);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/这个课程包不安全，已拒绝：其中的文件“\.\.\/\.\.\/evil\.txt”会写到课程包文件夹以外/);
    await screenshot(page, 'packs-teacher-hostile-zh-CN-laptop');
    const bomb = await buildFixturePack(work, { hostile: 'bomb' });
    await chooseFile(page, '选择课程包文件…', bomb);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/压缩炸弹/);
    // tmp/ holds one staging folder per running process (here: kite serve's): nothing left in it.
    const tmp = path.join(app.kite.dataDir, 'tmp');
    expect(fs.readdirSync(tmp).flatMap((own) => fs.readdirSync(path.join(tmp, own)))).toEqual([]);
    expect(fs.existsSync(path.join(app.kite.dataDir, '..', 'evil.txt'))).toBe(false);
    await page.getByRole('button', { name: '卸载 网络安全小课堂' }).waitFor();
    await context.close();
  });

  it('imports a signed upgrade from a USB folder path in English on a Full HD screen, then uninstalls', async () => {
    const usb = path.join(work, 'usb');
    fs.mkdirSync(usb);
    await buildFixturePack(usb, { version: '1.1.0', title: TITLE, signWith: fixtureKeys().privateKeyPem, lessons: [fixtureLesson('meet-the-internet', { minutes: 12 }), fixtureLesson('new-lesson')] });
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.fullHd);
    await page.getByRole('button', { name: '切换到英文' }).click();
    await signInAsTeacher(page, false, 'en');

    await page.getByLabel('Publisher\'s name').fill('County education office');
    await page.getByLabel('Publisher\'s public key (from IT staff)').fill(fixtureKeys().publicKey.publicKey);
    await page.getByRole('button', { name: 'Add publisher' }).click();
    await page.getByText(`Added County education office (${fixtureKeys().publicKey.keyId}).`).waitFor();

    await page.getByLabel('Or: a folder on the USB stick').fill(usb);
    await page.getByRole('button', { name: 'Find packs' }).click();
    await page.getByRole('button', { name: 'Check org.example.test-pack-1.1.0.kpack' }).click();
    await page.getByText('✔ From a trusted publisher: County education office').waitFor();
    expect(await page.getByText('Updates version 1.0.0 to 1.1.0.').isVisible()).toBe(true);
    expect(await page.getByText('New lessons: Lesson new-lesson').isVisible()).toBe(true);
    expect(await page.getByText('Lessons to be removed: strong-passwords').isVisible()).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'packs-teacher-upgrade-en-fullHd');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByText('Installed “Online safety basics” version 1.1.0.').waitFor();
    await becomeGuest(page, app.kite.url);
    await page.goto(`${app.kite.url}/#/lessons`);
    await page.reload(); // the app reads who is signed in when it starts
    await page.getByRole('link', { name: 'Lesson new-lesson, 10 min, Grades 1–3' }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'packs-lessons-en-fullHd');
    await page.goto(`${app.kite.url}/#/teacher/lessons`);

    await page.getByRole('button', { name: /^Uninstall / }).click();
    await page.getByRole('button', { name: 'Yes, uninstall' }).click();
    await page.getByText('No lesson packs are installed yet.').waitFor();
    await page.goto(`${app.kite.url}/#/lessons`);
    await page.getByRole('heading', { name: 'No lessons installed yet' }).waitFor();
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await context.close();
  });

  it('round-trips through the CLI: build, sign, validate, install, list, and names every problem of a broken folder', async () => {
    const folder = writeFixtureFolder(work, { id: 'org.example.cli-pack' });
    const keyBase = path.join(work, 'author');
    expect((await runKite(['pack', 'keygen', '-o', keyBase])).code).toBe(0);
    const kpack = path.join(work, 'cli.kpack');
    const built = await runKite(['pack', 'build', folder, '-o', kpack, '--sign', `${keyBase}.pem`]);
    expect(built.stdout).toMatch(/built .*cli\.kpack: org\.example\.cli-pack 1\.0\.0, 1 lesson\(s\), \d+ bytes, signed/);
    const data = path.join(work, 'cli-data');
    expect((await runKite(['pack', 'trust', 'add', `${keyBase}.pub`, '--name', 'Author', '--data', data])).code).toBe(0);
    const valid = await runKite(['pack', 'validate', kpack, '--data', data]);
    expect(valid).toMatchObject({ code: 0, stdout: expect.stringMatching(/valid pack org\.example\.cli-pack 1\.0\.0, 1 lesson\(s\), signed by Author \([a-f0-9]{16}\), signature good/) });
    const installed = await runKite(['pack', 'install', kpack, '--data', data]);
    expect(installed.stdout).toMatch(/installed org\.example\.cli-pack 1\.0\.0: 1 lesson\(s\), trusted/);
    expect((await runKite(['pack', 'list', '--data', data])).stdout).toMatch(/org\.example\.cli-pack {2}1\.0\.0 {2}trusted {2}1 lesson\(s\)/);

    const evil = await buildFixturePack(work, { hostile: 'hash-mismatch' });
    const refused = await runKite(['pack', 'install', evil, '--data', data, '--trust-unsigned']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^kite pack: The file media\/cover\.svg does not match its SHA-256 in manifest\.json\.\n$/);

    fs.writeFileSync(path.join(folder, 'lessons', 'first-lesson.json'), JSON.stringify({ ...fixtureLesson('first-lesson'), minutes: 2, cover: { src: 'media/none.png', alt: { 'zh-CN': '无' } } }));
    const invalid = await runKite(['pack', 'validate', folder]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.split('\n').filter(Boolean)).toEqual([
      'lessons/first-lesson.json#/minutes: Too small: expected number to be >=5',
      `1 problem(s) in ${folder}`,
    ]);
  });

  it('an import killed mid-way leaves the previous version and nothing in tmp', async () => {
    const data = path.join(work, 'killed-data');
    const v1 = await buildFixturePack(work, { id: 'org.example.killed', fileName: 'killed-1.kpack' });
    expect((await runKite(['pack', 'install', v1, '--data', data, '--trust-unsigned'])).code).toBe(0);
    const media: Record<string, Buffer> = {};
    for (let i = 0; i < 6; i++) media[`media/video-${i}.mp4`] = crypto.randomBytes(32 * 2 ** 20);
    const v2 = await buildFixturePack(work, { id: 'org.example.killed', version: '2.0.0', fileName: 'killed-2.kpack', media });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'pack', 'install', v2, '--data', data, '--trust-unsigned'], { stdio: 'ignore' });
    // Each process stages in its own tmp/<pid>-<random>/.
    const tmp = path.join(data, 'tmp');
    const staged = () => fs.readdirSync(tmp).flatMap((own) => fs.readdirSync(path.join(tmp, own)).filter((n) => n.startsWith('stage-')).map((n) => path.join(tmp, own, n)));
    await expect.poll(() => staged().some((d) => fs.existsSync(path.join(d, 'media'))), { timeout: 30_000, interval: 20 }).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(staged().length).toBe(1);
    const list = await runKite(['pack', 'list', '--data', data]);
    expect(list.stdout).toMatch(/org\.example\.killed {2}1\.0\.0 {2}unsigned/);
    expect(fs.readdirSync(path.join(data, 'tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(data, 'packs', 'org.example.killed'))).toEqual(['1.0.0']);
  });
});
