import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeH264 } from '../support/media';
import { ROOT, runKite, screenshot, SCREENSHOTS, smallTouchTargets, useKiteAndBrowser, VIEWPORTS, signInAsTeacher as signInAsTeacherWith } from './support/app';

// The packs the app ships with (lessons/), and the version of the one previewed from "the USB stick".
const BUILTIN_PACKS = fs.readdirSync(path.join(ROOT, 'lessons'));
const SAFE_START_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons', 'safe-start', 'manifest.json'), 'utf8')) as { version: string }).version;

// The teacher's journeys through the console at 1366×768 by touch, as issue 17 found them:
// official lessons, words instead of ids, the CSV for Excel, the date field, the class grid,
// the maintenance section and the printed certificates.

const PIN = '2580';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-console-'));
beforeAll(async () => {
  // One short clip on "the SD card", imported before the app starts.
  const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-console-card-'));
  makeH264(path.join(card, 'DCIM', '100MEDIA', 'DJI_0001.MP4'), { seconds: 2, size: '320x180' });
  const imported = await runKite(['media', 'import', card, '--data', dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
  fs.rmSync(card, { recursive: true, force: true });
}, 120_000);
const app = useKiteAndBrowser({ dataDir });

/** A touch-screen page in China's time zone, as the school's PCs are. */
async function open(browser: Browser, url: string, viewport: { width: number; height: number } = VIEWPORTS.laptop) {
  const context = await browser.newContext({ viewport, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  // Each journey starts in Chinese, whatever the one before left the PC in.
  await call(page, 'auth.setLanguage', { language: 'zh-CN' });
  await page.reload();
  return { page, context, errors };
}

async function call<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const envelope = await page.evaluate(
    async ([m, i]) => (await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) })).json(),
    [method, input] as const,
  );
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

const signInAsTeacher = (page: Page) => signInAsTeacherWith(page, app.kite.url, PIN);

async function inLanguage(page: Page, language: 'zh-CN' | 'en') {
  await call(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** How far down and up a page picture the certificate's gold frame reaches (0 = top, 1 = bottom). */
async function frameExtent(page: Page, png: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.drawImage(image, 0, 0);
    const { data: px } = g.getImageData(0, 0, canvas.width, canvas.height);
    let [top, bottom, left, right] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < px.length; i += 4) {
      // The frame's gold, #c98b00.
      if (Math.abs((px[i] as number) - 0xc9) + Math.abs((px[i + 1] as number) - 0x8b) + (px[i + 2] as number) > 60) continue;
      const x = (i / 4) % canvas.width;
      const y = Math.floor(i / 4 / canvas.width);
      [top, bottom, left, right] = [Math.min(top, y), Math.max(bottom, y), Math.min(left, x), Math.max(right, x)];
    }
    return { top: top / canvas.height, bottom: (bottom + 1) / canvas.height, left: left / canvas.width, right: (right + 1) / canvas.width };
  }, png);
}

/** Print the certificates at A4 and A5 (page.pdf), render each page to PNG (pdftoppm) and check the frame fills it. */
async function printFramedPages(page: Page, lang: string) {
  for (const format of ['A4', 'A5'] as const) {
    const name = `console-certificate-${lang}-${format}`;
    const pdf = path.join(SCREENSHOTS, `${name}.pdf`);
    await page.pdf({ path: pdf, format, printBackground: true });
    const prefix = path.join(SCREENSHOTS, name);
    const pngs = () => fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
    for (const old of pngs()) fs.rmSync(path.join(SCREENSHOTS, old));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
    const pages = pngs();
    // One pupil earned a certificate: one page, framed from top to bottom.
    expect(pages, name).toHaveLength(1);
    const extent = await frameExtent(page, fs.readFileSync(path.join(SCREENSHOTS, pages[0] as string)).toString('base64'));
    expect(extent.top, name).toBeLessThan(0.06);
    expect(extent.bottom, name).toBeGreaterThan(0.94);
    expect(extent.left, name).toBeLessThan(0.08);
    expect(extent.right, name).toBeGreaterThan(0.92);
  }
}

let classId = '';
let pupilIds: string[] = [];

describe('the teacher console, by touch at 1366×768', () => {
  it('shows the built-in packs as official lessons, with languages named, in Chinese and English', async () => {
    const { page, context, errors } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    await page.getByRole('link', { name: '课程', exact: true }).click();
    const installed = page.getByRole('region', { name: '已安装的课程包' });
    await installed.getByText('★ 官方课程').first().waitFor();
    expect(await installed.getByText('★ 官方课程').count()).toBe(BUILTIN_PACKS.length);
    expect(await installed.getByText('未签名').count()).toBe(0);

    // The same packs seen again from "the USB stick": the preview names languages and the publisher.
    await page.getByLabel('或者：U 盘上的文件夹').fill(path.join(ROOT, 'out', 'builtin-packs'));
    await page.getByRole('button', { name: '查找课程包' }).click();
    await page.getByRole('button', { name: `检查 org.kiteclassroom.safe-start-${SAFE_START_VERSION}.kpack` }).click();
    const preview = page.locator('form.pack-preview');
    await preview.getByText('★ 官方课程（风筝课堂签名）').waitFor();
    expect(await preview.getByText('中文、English', { exact: true }).isVisible()).toBe(true);
    expect(await preview.getByText('zh-CN').count()).toBe(0);
    await screenshot(page, 'console-official-pack-zh-CN-laptop');
    await preview.getByRole('button', { name: '不安装' }).click();
    await installed.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-official-badge-zh-CN-laptop');

    await inLanguage(page, 'en');
    const installedEn = page.getByRole('region', { name: 'Installed lesson packs' });
    await installedEn.getByText('★ Official lessons').first().waitFor();
    expect(await page.getByText('★ Official lessons').count()).toBe(BUILTIN_PACKS.length);
    await installedEn.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-official-badge-en-laptop');
    await inLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers every lesson for the class\'s grade in the grid, filters by pack, keeps the class average in view, and names hard questions by lesson', async () => {
    const { page, context, errors } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    const cls = await call<{ id: string }>(page, 'classes.create', { name: '三年级二班', grade: 3 });
    classId = cls.id;
    pupilIds = [];
    for (let i = 1; i <= 33; i++) pupilIds.push((await call<{ id: string }>(page, 'pupils.add', { classId, name: `学生${String(i).padStart(2, '0')}` })).id);

    // Two pupils work: one finishes a grade-3 lesson, one tries a first-grade lesson and gets a question wrong.
    const pupilSide = await open(app.browser, app.kite.url);
    const lesson = { packId: 'org.kiteclassroom.smart-explorers', packVersion: '1.0.0', lessonId: 'kind-words' };
    const young = { packId: 'org.kiteclassroom.safe-start', packVersion: '1.0.0', lessonId: 'internet-traffic-light' };
    const step = async (where: typeof lesson, stepId: string, correct: boolean) =>
      call(pupilSide.page, 'attempts.record', { attemptId: crypto.randomUUID(), ...where, stepId, activityType: 'single-choice', answer: { chosen: ['a'] }, correct, hintsUsed: 0, timeMs: 4000 });
    await call(pupilSide.page, 'pupils.signIn', { pupilId: pupilIds[0] });
    await step(lesson, 'angry-message', true);
    await call(pupilSide.page, 'progress.finishLesson', lesson);
    await call(pupilSide.page, 'pupils.signIn', { pupilId: pupilIds[1] });
    await step(young, 'prize-light', false);
    await step(young, 'prize-light', true);
    await pupilSide.context.close();

    // The teacher gives the class a first-grade lesson to revise: it comes first in the grid, though nobody has opened it.
    await page.getByRole('link', { name: '布置课程', exact: true }).click();
    await page.getByRole('combobox', { name: '班级', exact: true }).selectOption({ label: '三年级二班' });
    await page.getByRole('checkbox', { name: /^认识电脑和网络（/ }).click();
    await page.getByText('已给 三年级二班 布置 1 节课。').waitFor();

    await page.getByRole('link', { name: '学习进度' }).click();
    await page.getByRole('combobox', { name: /^班级/ }).selectOption({ label: '三年级二班' });
    const grid = page.getByRole('table');
    await grid.getByRole('row', { name: /学生01/ }).waitFor();
    const heads = await grid.getByRole('columnheader').allTextContents();
    // First the lesson the teacher gave the class; then grade 3: three lessons of 上网安全第一步, five of
    // 聪明的网上小侦探 and two of 聪明应对网络新花招 in each pack's order, though nobody has opened most of
    // them; then the first-grade lesson 学生02 started.
    expect(heads).toEqual(['学生', '认识电脑和网络', '我的小秘密', '大声说出来', '做时间的小主人', '密码小卫士', '“免费皮肤”是陷阱', '暖心的话', '是真是假？网上的谣言', '聪明地搜索', '验证码是钥匙，二维码要小心', '游戏充值和直播打赏：先问爸妈', '上网红绿灯']);

    // 33 pupils do not fit at 768 px: the class average stays in view at the bottom of the table.
    const average = grid.getByRole('row', { name: /全班平均/ });
    const last = grid.getByRole('row', { name: /学生33/ });
    // Where the row's first cell is drawn (sticky cells move; the row box does not).
    const inView = async (row: typeof average) => {
      const box = await row.getByRole('rowheader').boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= VIEWPORTS.laptop.height;
    };
    // The teacher scrolls down to the table, then through the class inside it.
    const table = page.getByRole('region', { name: '学生与课程进度表' });
    await table.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'console-grid-sticky-average-zh-CN-laptop');
    expect(await inView(average)).toBe(true);
    expect(await inView(last)).toBe(false);
    await table.evaluate((el) => el.scrollBy(0, 300));
    expect(await inView(average)).toBe(true);
    expect(await inView(grid.getByRole('row', { name: /学生01/ }))).toBe(false);
    expect(await average.getByText('完成 3% · 平均 100 分').isVisible()).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'console-grid-scrolled-zh-CN-laptop');

    await page.getByLabel('课程包').selectOption({ label: '上网安全第一步' });
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['学生', '认识电脑和网络', '我的小秘密', '大声说出来', '做时间的小主人', '上网红绿灯']);
    await screenshot(page, 'console-grid-pack-filter-zh-CN-laptop');

    // 学生02's page: the hard question by its lesson's title, never the ids.
    await page.getByRole('link', { name: '学生02' }).click();
    await page.getByRole('heading', { name: '觉得难的题' }).waitFor();
    const hard = page.getByRole('region', { name: '觉得难的题' });
    expect(await hard.getByRole('listitem').allTextContents()).toEqual(['上网红绿灯 · 平板上跳出来：“恭喜你中奖了！点这里领礼物！”这是什么灯？（答错 1 次，答对 1 次）']);
    expect(await page.getByText(/org\.kiteclassroom|prize-light/).count()).toBe(0);
    // Answer times in the app's language, whatever the browser's own.
    const when = page.getByRole('region', { name: '最近的作答' }).getByRole('cell').first();
    expect(await when.textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    await screenshot(page, 'console-pupil-hard-zh-CN-laptop');

    await inLanguage(page, 'en');
    const hardEn = page.getByRole('region', { name: 'Questions they found hard' });
    await expect.poll(() => hardEn.getByRole('listitem').allTextContents()).toEqual(['The internet traffic light · A pop-up on the tablet says: "Congratulations, you won! Tap here for your present!" Which light is it? (1 wrong, 1 right)']);
    expect(await page.getByRole('region', { name: 'Latest answers' }).getByRole('cell').first().textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    await screenshot(page, 'console-pupil-hard-en-laptop');
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.getByRole('combobox', { name: /^Class/ }).selectOption({ label: '三年级二班' });
    await page.getByRole('row', { name: /Class average/ }).waitFor();
    // Lesson titles in the teacher's language, not the PC's default (Chinese here).
    const englishHeads = await page.getByRole('columnheader').allTextContents();
    expect(englishHeads.slice(0, 3)).toEqual(['Pupil', 'Meet the computer and the internet', 'My secrets']);
    expect(englishHeads.filter((h) => /[\u4e00-\u9fff]/.test(h))).toEqual([]);
    await page.getByRole('region', { name: 'Pupils and lessons progress table' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await inView(page.getByRole('row', { name: /Class average/ }))).toBe(true);
    await screenshot(page, 'console-grid-sticky-average-en-laptop');
    // Switched back by the header's button: the titles follow without leaving the page.
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect.poll(async () => (await page.getByRole('columnheader').allTextContents()).slice(0, 3)).toEqual(['学生', '认识电脑和网络', '我的小秘密']);
    await inLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports a CSV in the teacher\'s language with China times that Excel reads', async () => {
    const { page, context } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    await page.getByRole('link', { name: '学习进度' }).click();
    await page.getByLabel('班级').selectOption({ label: '三年级二班' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出表格（CSV）' }).click()]);
    const text = fs.readFileSync((await download.path()) as string, 'utf8');
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('班级,学生,课程包,课程编号,课程,状态,星星,最好成绩（%）,学习时间（分钟）,答题次数,第一次完成时间（UTC+08:00）');
    expect(rows.find((r) => r.includes('学生01'))).toMatch(/^三年级二班,学生01,org\.kiteclassroom\.smart-explorers,kind-words,暖心的话,已完成,3,100,[\d.]+,1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.find((r) => r.includes('学生02'))).toMatch(/,上网红绿灯,学习中,0,,[\d.]+,2,$/);
    const finished = (rows.find((r) => r.includes('学生01')) as string).split(',').at(-1) as string;
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(Math.abs(Date.parse(`${now.replace(' ', 'T')}Z`) - Date.parse(`${finished.replace(' ', 'T')}Z`))).toBeLessThan(10 * 60_000);

    // The teacher opens it: save it beside the screenshots and look at it as text.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'console-export-zh-CN.csv'), text);
    const viewer = await context.newPage();
    await viewer.setViewportSize(VIEWPORTS.laptop);
    await viewer.setContent('<pre id="csv" style="font: 15px/1.5 \'Noto Sans Mono CJK SC\', monospace; margin: 16px"></pre>');
    await viewer.evaluate((t) => ((document.getElementById('csv') as HTMLElement).textContent = t), text.split('\r\n').slice(0, 6).join('\n'));
    await screenshot(viewer, 'console-export-zh-CN-text');

    // From the command line, in English.
    const cli = await runKite(['progress', 'export', '--format', 'csv', '--lang', 'en', '--data', dataDir], { env: { TZ: 'Asia/Shanghai' } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.startsWith('\uFEFFClass,Pupil,Pack,Lesson id,Lesson,Status,Stars,Best score (%),Minutes spent,Answers given,First finished (UTC+08:00)\r\n')).toBe(true);
    expect(cli.stdout).toMatch(/,kind-words,Kind Words,Done,3,100,[\d.]+,1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}\r\n/);
    await viewer.evaluate((t) => ((document.getElementById('csv') as HTMLElement).textContent = t), cli.stdout.split('\r\n').slice(0, 6).join('\n'));
    await screenshot(viewer, 'console-export-en-text');
    const wrong = await runKite(['progress', 'export', '--format', 'csv', '--lang', 'fr', '--data', dataDir]);
    expect(wrong.code).toBe(2); // a usage mistake, found before the command runs
    expect(wrong.stderr).toContain('--lang must be zh-CN or en, not "fr".');
    await context.close();
  });

  it('prints certificates that fill A4 and A5 pages, with lines for the signature and the seal', async () => {
    const { page, context } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    await call(page, 'settings.update', { schoolName: '石桥村小学' });
    await page.reload();
    await page.getByRole('link', { name: '学习进度' }).click();
    await page.getByLabel('班级').selectOption({ label: '三年级二班' });
    await page.getByRole('button', { name: '打印奖状' }).click();
    const certificate = page.getByRole('article', { name: '学生01 的奖状' });
    await certificate.waitFor();
    expect(await certificate.getByText('三年级二班的同学认真学习上网安全知识，学完了一节课，赢得了三颗星，表现真棒！特发此状，以资鼓励。').isVisible()).toBe(true);
    expect(await certificate.getByText('老师签名').isVisible()).toBe(true);
    expect(await certificate.getByText('学校（盖章）').isVisible()).toBe(true);
    await screenshot(page, 'console-certificate-screen-zh-CN-laptop');

    await printFramedPages(page, 'zh-CN');

    await inLanguage(page, 'en');
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.getByRole('combobox', { name: /^Class/ }).selectOption({ label: '三年级二班' });
    await page.getByRole('button', { name: 'Print certificates' }).click();
    const english = page.getByRole('article', { name: 'Certificate for 学生01' });
    await english.waitFor();
    // The title in English, on no more than two even lines.
    const title = english.getByRole('heading', { name: 'Young Internet Safety Guard' });
    expect(await title.evaluate((h) => {
      const range = document.createRange();
      range.selectNodeContents(h);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })).toBeLessThanOrEqual(2);
    expect(await english.getByText('A pupil of 三年级二班 who learned how to stay safe online, finished one lesson and earned three stars. Wonderful work!').isVisible()).toBe(true);
    expect(await english.getByText("Teacher's signature").isVisible()).toBe(true);
    expect(await english.getByText('School seal').isVisible()).toBe(true);
    await printFramedPages(page, 'en');
    await inLanguage(page, 'zh-CN');
    await context.close();
  });

  it('keeps backups and progress merging in 维护 / Maintenance, with reasons in words', async () => {
    const { page, context, errors } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    await page.getByRole('link', { name: '学习进度' }).click();
    await page.getByRole('heading', { name: /的学习情况/ }).waitFor();
    expect(await page.getByRole('button', { name: '现在备份' }).count()).toBe(0);
    await page.getByRole('link', { name: '维护' }).click();
    await page.getByRole('heading', { name: '在电脑之间合并进度' }).waitFor();
    await page.getByRole('button', { name: '现在备份' }).click();
    await page.getByRole('listitem').filter({ hasText: '手动备份' }).waitFor();
    expect(await page.getByText(/原因：|manual|daily/).count()).toBe(0);
    // Merging starts from our own button in the app's language, never the browser's "Choose File".
    expect(await page.getByRole('button', { name: '合并其他电脑的进度文件' }).isVisible()).toBe(true);
    expect(await page.locator('input[type=file]:visible').count()).toBe(0);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'console-maintenance-zh-CN-laptop');
    await inLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Merge progress between PCs' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Made by hand' }).first().waitFor();
    await screenshot(page, 'console-maintenance-en-laptop');
    await inLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits a drone video\'s date with big year / month / day choices in the app\'s language, and shows no codec ids', async () => {
    const { page, context, errors } = await open(app.browser, app.kite.url);
    await signInAsTeacher(page);
    await page.getByRole('link', { name: '无人机视频' }).click();
    const row = page.locator('.library-row', { hasText: 'DJI_0001' });
    await row.waitFor();
    expect(await row.textContent()).not.toMatch(/avc1|hvc1|hev1/);
    await row.getByRole('button', { name: '编辑' }).click();
    const date = row.getByRole('group', { name: '日期' });
    expect(await date.getByRole('combobox').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['年', '月', '日']);
    await date.getByRole('combobox', { name: '年' }).selectOption({ label: '2026年' });
    await date.getByRole('combobox', { name: '月' }).selectOption({ label: '2月' });
    await date.getByRole('combobox', { name: '日' }).selectOption({ label: '28日' });
    // There is no 29 February in 2026.
    expect(await date.getByRole('combobox', { name: '日' }).locator('option').last().textContent()).toBe('28日');
    expect(await smallTouchTargets(page)).toEqual([]);
    await date.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'console-date-field-zh-CN-laptop');
    await row.getByRole('button', { name: '保存' }).click();
    await row.getByText('已保存。').waitFor();
    const media = await call<{ originalName: string; takenAt: string | null }[]>(page, 'media.list', {});
    expect(media.find((m) => m.originalName.includes('DJI_0001'))?.takenAt?.slice(0, 10)).toBe('2026-02-28');

    await inLanguage(page, 'en');
    await page.goto(`${app.kite.url}/#/teacher/drone-videos`);
    const again = page.locator('.library-row', { hasText: 'DJI_0001' });
    await again.getByRole('button', { name: 'Edit' }).click();
    const group = again.getByRole('group', { name: 'Date' });
    expect(await group.getByRole('combobox').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent))).toEqual(['28', 'February', '2026']);
    await group.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'console-date-field-en-laptop');
    await inLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });
});
