import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { callApi, openPage, overflowsHorizontally, readableText, ROOT, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';

/** Every built-in lesson (lessons/): the ones not for a grade-1 pupil wait behind 更多课. */
const BUILTIN_LESSONS = fs.readdirSync(path.join(ROOT, 'lessons')).reduce((n, pack) => n + (JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons', pack, 'manifest.json'), 'utf8')) as { lessons: unknown[] }).lessons.length, 0);

// The youngest pupil's day (issue 16): a grade-1 child who reads little, at a touch screen, in a
// class of 33. Lessons are the built-in packs (5 for grades 1–2, 9 for older pupils).

const app = useKiteAndBrowser();
const PIN = '2468';
const CLASS = '一年级一班';
const NAMES = ['小明', ...Array.from({ length: 32 }, (_, i) => `同学${i + 1}`)];
const TRAFFIC = { packId: 'org.kiteclassroom.safe-start', lessonId: 'internet-traffic-light', packVersion: '1.0.0' };
const MEET = { packId: 'org.kiteclassroom.safe-start', lessonId: 'meet-the-internet', packVersion: '1.0.0' };
const PASSWORDS = { packId: 'org.kiteclassroom.smart-explorers', lessonId: 'password-guardian', packVersion: '1.0.0' };
const FOOTPRINTS = { packId: 'org.kiteclassroom.village-voices', lessonId: 'digital-footprints' };
const WHO_ARE_YOU = '你是谁？点一下你的名字';

interface Pupil {
  id: string;
  name: string;
  avatar: string;
}
let pupils: Pupil[] = [];
let classId = '';

async function axeSerious(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The pupil's way in: tap their own picture and name. */
async function tapIn(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).tap();
  await expect.poll(() => readableText(page, 'h1')).toMatch(/^(你好！今天想学什么？|Hello)/);
}

async function teacherIn(page: Page) {
  await page.getByRole('link', { name: '老师' }).tap();
  await page.getByLabel('老师密码').fill(PIN);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.getByRole('heading', { name: '老师工作台' }).waitFor();
}

/** The names screen readers (and this test) hear for the lesson cards of one shelf. */
const cardNames = (page: Page, shelf: string) =>
  page.getByRole('region', { name: shelf, exact: true }).getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('aria-label') ?? ''));

beforeAll(async () => {
  // The teacher sets the PC up: a PIN and the class list from the school's roster file.
  const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
  await callApi(page, 'auth.setPin', { pin: PIN });
  const csv = '\uFEFF姓名,班级\r\n' + NAMES.map((n) => `${n},${CLASS}\r\n`).join('');
  await callApi(page, 'classes.importCommit', { fileBase64: Buffer.from(csv).toString('base64') });
  const [cls] = await callApi<{ id: string; grade: number; pupils: Pupil[] }[]>(page, 'classes.list');
  classId = cls!.id;
  pupils = cls!.pupils;
  expect(cls!.grade).toBe(1);
  await callApi(page, 'auth.signOut');
  await context.close();
});

describe("the youngest pupil's day", () => {
  it('gives every child in a class of 33 a picture of their own, also one added later', async () => {
    expect(pupils).toHaveLength(33);
    expect(new Set(pupils.map((p) => p.avatar)).size).toBe(33);
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await callApi(page, 'auth.teacherSignIn', { pin: PIN });
    const late = await callApi<Pupil>(page, 'pupils.add', { classId, name: '插班生' });
    expect(pupils.map((p) => p.avatar)).not.toContain(late.avatar);
    // The teacher cannot give a classmate's picture to someone else.
    await expect(callApi(page, 'pupils.update', { pupilId: late.id, avatar: pupils[0]!.avatar })).rejects.toThrow(/avatar_taken/);
    await page.goto(`${app.kite.url}/#/teacher/classes`);
    await page.reload();
    await page.getByRole('button', { name: '修改 小明' }).tap();
    const editor = page.getByRole('group', { name: '小明' });
    const taken = editor.getByRole('button', { name: /（同学1 在用）$/ });
    expect(await taken.isDisabled()).toBe(true);
    await callApi(page, 'pupils.remove', { pupilId: late.id });
    await callApi(page, 'auth.signOut');

    await page.goto(app.kite.url);
    await expect.poll(() => readableText(page, 'h1')).toBe(WHO_ARE_YOU);
    // Every card shows a different picture (compared as drawn).
    const drawings = await page.locator('.pupil-card svg').evaluateAll((svgs) => svgs.map((s) => s.innerHTML));
    expect(drawings).toHaveLength(33);
    expect(new Set(drawings).size).toBe(33);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'path-signin-33-zh-CN-laptop');
    await context.close();
  });

  it('shows a grade-1 pupil their own lessons with done, at-step and new, and one big 继续学习 (touch, zh-CN)', async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await tapIn(page, '小明');
    // Nothing started yet: the big button starts the first lesson for grade 1.
    await page.getByRole('link', { name: /^开始学习, 认识电脑和网络$/ }).waitFor();

    // One lesson finished earlier, one left at step 4 (as the lesson player records them).
    await callApi(page, 'progress.finishLesson', MEET);
    await callApi(page, 'progress.savePosition', { ...TRAFFIC, stepId: 'sort-lights' });

    await page.reload();
    const resume = page.getByRole('link', { name: '继续学习, 上网红绿灯, 学到第 4 步' });
    await resume.waitFor();
    await screenshot(page, 'path-home-continue-zh-CN-laptop');
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole('link', { name: '上网小课堂' }).tap();
    await page.getByRole('region', { name: '我的课', exact: true }).waitFor();
    const mine = await cardNames(page, '我的课');
    expect(mine).toHaveLength(5);
    expect(mine.find((n) => n.startsWith('认识电脑和网络'))).toContain('已完成，3 颗星');
    expect(mine.find((n) => n.startsWith('上网红绿灯'))).toContain('学到第 4 步');
    expect(mine.filter((n) => n.includes('新课'))).toHaveLength(3);
    // Lessons for older pupils wait behind one button.
    expect(await page.getByRole('link', { name: /^网上的脚印/ }).count()).toBe(0);
    const more = page.getByRole('button', { name: `更多课（${BUILTIN_LESSONS - 5} 节）` });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'path-shelf-zh-CN-laptop');
    await more.tap();
    await page.getByRole('link', { name: /^网上的脚印, 新课/ }).waitFor();
    expect(await page.getByRole('link', { name: /新课/ }).count()).toBe(BUILTIN_LESSONS - 2); // all but the two begun

    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('brings back the steps done and the half-sorted step after a resume (touch)', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await tapIn(page, '小明');
    await page.getByRole('link', { name: '继续学习, 上网红绿灯, 学到第 4 步' }).tap();
    await page.getByText('欢迎回来！从你上次停下的第 4 步继续。').waitFor();
    for (const n of [1, 2, 3]) await page.getByRole('button', { name: `第 ${n} 步，共 10 步 （已完成）` }).waitFor();

    // Sort one thing under the green light, then leave the lesson half done.
    await page.getByRole('button', { name: '和城里的爸爸妈妈视频' }).tap();
    await page.getByRole('button', { name: '放进：绿灯：可以做' }).tap();
    await page.getByRole('region', { name: '绿灯：可以做' }).getByRole('button', { name: '和城里的爸爸妈妈视频' }).waitFor();
    await page.getByRole('link', { name: /离开这节课/ }).tap();
    await page.getByRole('region', { name: '我的课', exact: true }).waitFor();

    await page.getByRole('link', { name: /^上网红绿灯, 学到第 4 步/ }).tap();
    await page.getByText('欢迎回来！从你上次停下的第 4 步继续。').waitFor();
    await page.getByRole('region', { name: '绿灯：可以做' }).getByRole('button', { name: '和城里的爸爸妈妈视频' }).waitFor();
    await screenshot(page, 'path-resume-sorted-zh-CN-laptop');

    // Back to step 2 to look again, then away: steps 3 and 4 stay as they were on the path.
    await page.getByRole('button', { name: '第 2 步，共 10 步 （已完成）' }).tap();
    await page.getByRole('button', { name: '第 4 步，共 10 步 （可以打开）' }).waitFor();
    await page.getByRole('link', { name: /离开这节课/ }).tap();
    await page.getByRole('link', { name: /^上网红绿灯, 学到第 2 步/ }).tap();
    await page.getByText('欢迎回来！从你上次停下的第 2 步继续。').waitFor();
    await page.getByRole('button', { name: '第 3 步，共 10 步 （已完成）' }).waitFor();
    await page.getByRole('button', { name: '第 4 步，共 10 步 （可以打开）' }).tap();
    await page.getByRole('button', { name: '第 4 步，共 10 步 （你在这里）' }).waitFor();
    await context.close();
  });

  it('puts the lessons the teacher gave the class first, and 退出老师模式 hands the PC back to the pupils', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherIn(page);
    await page.getByRole('link', { name: '布置课程' }).tap();
    await page.getByRole('checkbox', { name: '网上的脚印（4–6 年级）' }).tap();
    await page.getByText(`已给 ${CLASS} 布置 1 节课。`).waitFor();
    expect(await page.getByRole('checkbox', { name: '网上的脚印（4–6 年级）' }).isChecked()).toBe(true);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'path-teacher-assign-zh-CN-laptop');
    await page.getByRole('button', { name: '退出老师模式' }).tap();
    // Straight to the pupils' sign-in, not the teacher's PIN screen.
    await expect.poll(() => readableText(page, 'h1')).toBe(WHO_ARE_YOU);

    await tapIn(page, '小明');
    await page.getByRole('link', { name: '上网小课堂' }).tap();
    const assigned = page.getByRole('region', { name: '老师布置的课', exact: true });
    await assigned.getByRole('link', { name: /^网上的脚印, 新课/ }).waitFor();
    expect(await page.locator('section.pack-shelf').first().getAttribute('aria-label')).toBe('老师布置的课');
    // Still there in the older pupils' lessons, but not twice on the pupil's shelf.
    await page.getByRole('button', { name: `更多课（${BUILTIN_LESSONS - 6} 节）` }).tap();
    expect(await page.getByRole('link', { name: /^网上的脚印/ }).count()).toBe(1);

    // Taken back by the teacher: gone from the top.
    await callApi(page, 'auth.teacherSignIn', { pin: PIN });
    await callApi(page, 'classes.assignLesson', { classId, ...FOOTPRINTS, assigned: false });
    await callApi(page, 'auth.signOut');
    await page.goto(app.kite.url);
    await tapIn(page, '小明');
    await page.getByRole('link', { name: '上网小课堂' }).tap();
    await page.getByRole('region', { name: '我的课', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: '老师布置的课', exact: true }).count()).toBe(0);
    await context.close();
  });

  it("keeps a pupil's English to their own session; the PC's language is the teacher's setting", async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await tapIn(page, '小明');
    await page.getByRole('button', { name: '切换到英文' }).tap();
    await page.getByRole('link', { name: /^Continue, The internet traffic light, At step \d+$/ }).waitFor();

    // Another window (the next pupil at another PC of the same host) is still in Chinese.
    const other = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await expect.poll(() => readableText(other.page, 'h1')).toBe(WHO_ARE_YOU);
    await other.context.close();

    await page.getByRole('button', { name: 'Sign out' }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe(WHO_ARE_YOU);
    await teacherIn(page);
    await page.getByLabel('默认语言').selectOption('en');
    await page.getByRole('button', { name: '保存设置' }).tap();
    await page.getByRole('heading', { name: 'Teacher console' }).waitFor();
    await page.getByRole('button', { name: 'Leave teacher mode' }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe('Who are you? Tap your name');
    await callApi(page, 'auth.teacherSignIn', { pin: PIN });
    await callApi(page, 'settings.update', { language: 'zh-CN' });
    await callApi(page, 'auth.signOut');
    await context.close();
  });
  it('lets the teacher see a picture password to tell the child, or make a new one and show it', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherIn(page);
    await page.getByRole('link', { name: '班级与学生' }).tap();
    await page.getByRole('button', { name: '修改 同学2', exact: true }).tap();
    const editor = page.getByRole('group', { name: '同学2' });
    for (const picture of ['太阳', '苹果', '星星']) await editor.getByRole('button', { name: picture, exact: true }).tap();
    await editor.getByRole('button', { name: '保存', exact: true }).tap();
    await page.getByRole('button', { name: '修改 同学2', exact: true }).tap();
    // Hidden until the teacher asks (a child may be looking at the screen).
    expect(await page.getByRole('list', { name: '同学2 的图片密码（按顺序）：' }).count()).toBe(0);
    await editor.getByRole('button', { name: '显示图片密码' }).tap();
    const shown = page.getByRole('list', { name: '同学2 的图片密码（按顺序）：' });
    // The pictures come from the PC after the tap: wait for them (allTextContents does not).
    await expect.poll(() => shown.getByRole('listitem').allTextContents()).toEqual(['太阳', '苹果', '星星']);
    await screenshot(page, 'path-teacher-pictures-zh-CN-laptop');
    expect(await axeSerious(page)).toEqual([]);

    await editor.getByRole('button', { name: '换一个新密码并显示' }).tap();
    await page.getByText('新的图片密码已保存。请告诉 同学2，旧的不能再用了。').waitFor();
    const fresh = await shown.getByRole('listitem').allTextContents();
    expect(fresh).toHaveLength(3);
    await page.getByRole('button', { name: '退出老师模式' }).tap();

    // The child taps the pictures the teacher told them.
    await page.getByRole('button', { name: '同学2', exact: true }).tap();
    await page.getByRole('heading', { name: '同学2，请按顺序点你的 3 张图片' }).waitFor();
    for (const picture of fresh) await page.getByRole('button', { name: picture, exact: true }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe('你好！今天想学什么？');
    await context.close();
  });

  it('puts the ✗ on a wrong gap beside the word, not over it', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await tapIn(page, '小明');
    await callApi(page, 'progress.savePosition', { ...PASSWORDS, stepId: 'remember' });
    await page.goto(`${app.kite.url}/#/lesson/${PASSWORDS.packId}/${PASSWORDS.lessonId}`);
    await page.getByText('欢迎回来！从你上次停下的第 9 步继续。').waitFor();
    const bank = page.getByRole('group', { name: '可以选的词语' });
    for (const word of ['短', '保密', '发给他']) await bank.getByRole('button', { name: word, exact: true }).tap();
    await page.getByRole('button', { name: '检查', exact: true }).tap();
    const wrong = page.locator('.blank.is-wrong');
    await expect.poll(() => wrong.count()).toBe(2);
    const overlaps = await wrong.evaluateAll((blanks) =>
      blanks.map((blank) => {
        const mark = blank.querySelector('.mark') as Element;
        const word = document.createRange();
        word.setStartBefore(blank.firstChild as Node);
        word.setEndBefore(mark);
        const w = word.getBoundingClientRect();
        const m = mark.getBoundingClientRect();
        const b = blank.getBoundingClientRect();
        const glyph = document.createRange();
        glyph.selectNodeContents(mark);
        const g = glyph.getBoundingClientRect();
        // The mark is after the word, inside the gap, and its ✗ sits in the middle of its circle (not slipping down onto the line).
        const offCentre = Math.abs(g.top + g.height / 2 - (m.top + m.height / 2)) > 3;
        return m.left < w.right - 1 || m.right > b.right + 1 || m.top < b.top - 1 || m.bottom > b.bottom + 1 || offCentre;
      }),
    );
    expect(overlaps).toEqual([false, false]);
    await wrong.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'path-fill-wrong-zh-CN-laptop');
    await context.close();
  });

  for (const [lang, size] of [['zh-CN', 'fullHd'], ['en', 'laptop'], ['en', 'fullHd']] as const) {
    it(`shows home with the big button and the shelf with states (${lang}, ${size})`, async () => {
      const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS[size]);
      await tapIn(page, '小明');
      if (lang === 'en') await page.getByRole('button', { name: '切换到英文' }).tap();
      await page.getByRole('link', { name: lang === 'en' ? /^Continue, / : /^继续学习, / }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, `path-home-continue-${lang}-${size}`);
      await page.getByRole('link', { name: lang === 'en' ? 'Internet lessons' : '上网小课堂' }).tap();
      const mine = lang === 'en' ? 'My lessons' : '我的课';
      await page.getByRole('region', { name: mine, exact: true }).waitFor();
      const names = await cardNames(page, mine);
      expect(names.some((n) => n.includes(lang === 'en' ? 'Done, 3 of 3 stars' : '已完成，3 颗星'))).toBe(true);
      expect(names.some((n) => n.includes(lang === 'en' ? 'At step' : '学到第'))).toBe(true);
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, `path-shelf-${lang}-${size}`);
      await context.close();
    });
  }
});
