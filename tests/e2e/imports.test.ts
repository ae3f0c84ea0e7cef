import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildFixturePack } from '../support/packs';
import { makeH264, makeHevc } from '../support/media';
import { chooseFile, enterAsGuest, inView, openPage, overflowsHorizontally, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS, signInAsTeacher } from './support/app';

// Plugged-in drives for this test: every folder in `mounts` is a USB stick or card the app lists.
const mounts = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-mounts-'));
const stick = path.join(mounts, 'KINGSTON');
const card = path.join(mounts, 'DJI_SD');
const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1', KITE_DRIVES_ROOT: mounts } });
const PIN = '2580';

beforeAll(async () => {
  // A stick with a pack in a subfolder (usb/课程) and a broken one beside it.
  const built = await buildFixturePack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-build-')));
  fs.mkdirSync(path.join(stick, '课程'), { recursive: true });
  fs.copyFileSync(built, path.join(stick, '课程', '安全小课堂.kpack'));
  fs.writeFileSync(path.join(stick, '课程', '坏的课程包.kpack'), 'this is not a zip file');
  // A drone card: an HEVC clip with its H.264 small copy (.LRF), an HEVC clip without one, an H.264 clip.
  const media = path.join(card, 'DCIM', '100MEDIA');
  makeHevc(path.join(media, 'DJI_0001.MP4'));
  makeH264(path.join(media, 'DJI_0001.LRF'), { seconds: 1, size: '256x144' });
  makeHevc(path.join(media, 'DJI_0002.MP4'), { seconds: 2 });
  makeH264(path.join(media, 'DJI_0003.MP4'), { seconds: 1 });
}, 120_000);
afterAll(() => fs.rmSync(mounts, { recursive: true, force: true }));

async function teacherConsole(page: Page, tab: string) {
  await signInAsTeacher(page, app.kite.url, PIN);
  await page.getByRole('link', { name: tab, exact: true }).click();
}

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: '切换到英文' }).click();
  await page.getByRole('button', { name: 'Switch to Chinese' }).waitFor();
}

const csv = (text: string | Buffer, name = '名单.csv') => ({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text });
const FORTY = ['姓名,班级', ...Array.from({ length: 40 }, (_, i) => `学生${i + 1},三年级一班`)].join('\r\n');
// As Excel leaves it: blank ",," rows, an empty line, a name too long, a line with an extra column, good lines.
const MESSY = '姓名,班级\r\n,,\r\n小华,三年级一班\r\n\r\n一个名字长得超过了二十个字符的非常非常长的名字,三年级一班\r\n,,\r\n小丽,三年级一班,多余\r\n小强\r\n';

describe('imports that forgive a teacher’s files', () => {
  it('a class list with blank rows and a bad line adds the good lines and names each skipped line (zh-CN, then en)', async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherConsole(page, '班级与学生');
    // No class yet: the import is the first thing on the page.
    await chooseFile(page, '选择名单文件（CSV）', csv(FORTY, '三年级一班.csv'));
    await page.getByRole('button', { name: '添加 40 名学生' }).click();
    await page.getByText('已添加 40 名学生。').waitFor();

    // A class of forty: the import sits at the top, beside "添加学生", not below the whole list.
    await page.evaluate(() => window.scrollTo(0, 0));
    const importButton = page.getByRole('button', { name: '导入名单' });
    const where = await importButton.boundingBox();
    expect(where && where.y + where.height <= VIEWPORTS.laptop.height).toBe(true);
    await importButton.click();
    await chooseFile(page, '选择名单文件（CSV）', csv(MESSY));
    await page.getByText('可以添加 2 名学生。', { exact: false }).waitFor();
    expect(await page.locator('.file-picker-name').textContent()).toBe('名单.csv');
    // Our own button: the browser's "Choose File" box is never shown.
    expect(await page.locator('input[type=file]:visible').count()).toBe(0);
    const skipped = page.getByRole('list', { name: '跳过的行（2）：' }).first();
    expect(await skipped.getByRole('listitem').allTextContents()).toEqual([
      '第 5 行（一个名字长得超过了二十个字符的非常非常长的名字）：名字太长（最多 20 个字）',
      '第 7 行（小丽）：列太多（只要“名字,班级”）',
    ]);
    expect(await page.getByText('2 个空行已略过。', { exact: false }).isVisible()).toBe(true);
    // No jargon: nothing about the file's encoding (UTF-8) for a teacher to puzzle over.
    expect(await page.locator('.roster-preview > p').textContent()).not.toMatch(/编码|UTF|BOM/);
    // The preview is scrolled into view, and its button works (never disabled without a reason).
    await expect.poll(() => inView(page, '.roster-preview > p')).toBe(true);
    expect(await inView(page, '.roster-preview button.primary')).toBe(true);
    // …with the name of the file it comes from still in sight above it.
    expect(await inView(page, '.roster-import .file-picker-name')).toBe(true);
    const add = page.getByRole('button', { name: '添加 2 名学生' });
    expect(await add.isEnabled()).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'imports-roster-messy-zh-CN-laptop');
    await add.click();
    await page.getByText('已添加 2 名学生。').waitFor();
    expect(await page.getByRole('list', { name: '跳过的行（2）：' }).getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: '修改 小强' }).waitFor();
    await page.getByRole('button', { name: '修改 小华' }).waitFor();
    expect(await page.getByRole('button', { name: '修改 小丽' }).count()).toBe(0);

    // A list saved by Chinese Excel (GBK) is read as such, and the teacher is asked to look at the names, in plain words.
    await chooseFile(page, '选择名单文件（CSV）', csv(Buffer.from('cdf5cee52cb6fec4eabcb6d2bbb0e00d0a', 'hex')));
    await page.getByRole('cell', { name: '王五' }).waitFor();
    expect(await page.locator('.roster-preview > p').textContent()).toBe('这个文件是中文 Excel 保存的，已经自动读出。请看一下下面的名字对不对。 可以添加 1 名学生。 将新建班级：二年级一班。');

    // A list where no line can be added: no button, and the reason is given.
    await chooseFile(page, '选择名单文件（CSV）', csv(',,\r\n,三年级一班\r\n'));
    await page.getByText('没有可以添加的学生：每一行都有问题。', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: /^添加 \d+ 名学生$/ }).count()).toBe(0);

    await toEnglish(page);
    await chooseFile(page, 'Choose a list file (CSV)', csv(MESSY.replace('小华', '小明').replace('小强', '小军'), 'class-3-1.csv'));
    await page.getByText('Pupils to add: 2.', { exact: false }).waitFor();
    expect(await page.getByRole('list', { name: 'Lines skipped (2):' }).first().getByRole('listitem').allTextContents()).toEqual([
      'Line 5 (一个名字长得超过了二十个字符的非常非常长的名字): The name is too long (20 characters at most)',
      'Line 7 (小丽): Too many columns (just "name,class")',
    ]);
    await expect.poll(() => inView(page, '.roster-preview > p')).toBe(true);
    expect(await page.locator('.roster-preview > p').textContent()).not.toMatch(/encoding|UTF|BOM/);
    // English quotes are drawn narrow, not as the Chinese fonts' full-width ones ("Pupil’ s name").
    const header = page.getByRole('columnheader', { name: 'Pupil’s name' });
    expect(await header.evaluate((th) => {
      const quote = th.appendChild(document.createElement('span'));
      quote.textContent = '’';
      const width = quote.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize);
      quote.remove();
      return width;
    })).toBeLessThan(0.5);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'imports-roster-messy-en-laptop');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('lists plugged-in USB sticks for packs, finds packs in subfolders, and says plainly what went wrong', async () => {
    const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherConsole(page, '课程');
    const folder = page.getByLabel('或者：U 盘上的文件夹');

    // A wrong path is named, and the message goes away with the next search that works.
    await folder.fill('/没有这个/课程');
    await page.getByRole('button', { name: '查找课程包' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('找不到“/没有这个/课程”。请检查 U 盘或存储卡是否插好，路径有没有写错。');
    await page.getByRole('group', { name: '插着的 U 盘：' }).getByRole('button', { name: `在 ${stick} 里找` }).click();
    await page.getByText(`在“${stick}”里找到 2 个课程包：`).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const found = page.getByRole('list', { name: '找到的课程包' });
    expect(await found.getByText('在“课程”文件夹里').count()).toBe(2);
    expect(await folder.inputValue()).toBe(stick);
    expect(await page.locator('input[type=file]:visible').count()).toBe(0);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'imports-packs-usb-zh-CN-laptop');

    // A failed check names the file, and keeps the list and the path.
    await page.getByRole('button', { name: '检查 坏的课程包.kpack' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^“坏的课程包\.kpack”没有通过检查：这不是课程包/);
    expect(await folder.inputValue()).toBe(stick);
    expect(await found.getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: '检查 安全小课堂.kpack' }).click();
    await page.getByRole('button', { name: '不安装' }).click();

    await toEnglish(page);
    await page.getByRole('button', { name: `Look in ${stick}` }).click();
    await page.getByText(`Lesson packs found in “${stick}”: 2`).waitFor();
    expect(await page.getByText('in the folder “课程”').count()).toBe(2);
    await screenshot(page, 'imports-packs-usb-en-laptop');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    // The refusals above are HTTP errors the browser logs; nothing else may go wrong.
    expect(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (404|422)/.test(e))).toEqual([]);
    await context.close();
  });

  it('warns at scan time about a video this PC cannot play, uses the small copy when the card has one, and hides the rest from pupils', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherConsole(page, '无人机视频');
    await page.getByRole('button', { name: `${card}（相机存储卡）` }).click();
    // Headless Chromium cannot decode HEVC, like many classroom PCs.
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('注意：有 1 个视频这台电脑放不了，卡上也没有可以代替的小视频。导入后学生看不到它们（下面标了 ⚠）。');
    const rows = page.locator('.scan-list li');
    expect(await rows.filter({ hasText: 'DJI_0001.MP4' }).textContent()).toContain('这台电脑放不了原视频，会用卡上的小视频代替');
    expect(await rows.filter({ hasText: 'DJI_0002.MP4' }).textContent()).toContain('⚠ 这台电脑放不了这个视频，卡上也没有小视频：导入后学生看不到它');
    expect(await rows.filter({ hasText: 'DJI_0003.MP4' }).textContent()).not.toContain('放不了');
    expect(await page.locator('.import-panel').textContent()).not.toMatch(/hvc1|avc1|HEVC|H\.26/);
    // Sizes a teacher can read: KB for small clips, GB for a big disk, never "77877 MB" or "0.01 MB".
    const found = (await page.getByRole('status').filter({ hasText: '要复制' }).textContent()) as string;
    expect(found).toMatch(/要复制 [\d.]+ KB（剩余空间 [\d.,]+ (MB|GB|KB)）。$/);
    expect(found).not.toMatch(/\d{4,} MB|0\.0\d MB/);
    expect(await rows.filter({ hasText: 'DJI_0003.MP4' }).textContent()).toMatch(/ · [\d.]+ KB$/);
    await page.getByRole('alert').evaluate((alert) => alert.scrollIntoView());
    await screenshot(page, 'imports-video-warning-zh-CN-laptop');

    await toEnglish(page);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Note: this PC can't play 1 of the videos/);
    await page.getByRole('alert').evaluate((alert) => alert.scrollIntoView());
    await screenshot(page, 'imports-video-warning-en-laptop');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();

    // With nothing ticked the button is off, and says why.
    for (const box of await page.locator('.scan-list').getByRole('checkbox').all()) await box.uncheck();
    expect(await page.getByRole('button', { name: /导入选中的文件/ }).isDisabled()).toBe(true);
    await page.getByText('先勾选要导入的文件，按钮才能用。').waitFor();
    for (const box of await page.locator('.scan-list').getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: /导入选中的文件/ }).click();
    await page.getByText('完成：导入 3 个，0 个已经在视频墙里，0 个没能导入。').waitFor({ timeout: 60_000 });
    await page.getByText('其中 1 个视频这台电脑放不了，学生看不到：DJI_0002.MP4。').waitFor();
    const library = page.locator('.library-row', { hasText: 'DJI_0002' });
    await library.getByText('学生看不到：这台电脑放不了这个视频，卡上也没有小视频。').waitFor();
    await screenshot(page, 'imports-video-imported-zh-CN-laptop');

    await page.getByRole('button', { name: '退出老师模式' }).click();
    await context.close();

    // A pupil sees the two that play here (the HEVC clip through its small copy).
    const pupil = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await enterAsGuest(pupil.page);
    await pupil.page.goto(`${app.kite.url}/#/gallery`);
    await expect.poll(() => pupil.page.getByRole('listitem').count()).toBe(2);
    expect(await pupil.page.getByRole('link', { name: /DJI_0002/ }).count()).toBe(0);
    await pupil.page.getByRole('link', { name: /DJI_0001/ }).click();
    await pupil.page.locator('video').waitFor();
    expect(await pupil.page.locator('video').getAttribute('src')).toMatch(/^\/media\/[a-f0-9]{64}\.mp4$/);
    await pupil.page.getByText('正在播放无人机自己录的小视频', { exact: false }).waitFor();
    await pupil.context.close();
  });
});
