import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { chooseFile, openPage, overflowsHorizontally, readableText, runKite, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';

const PIN = '3579';
const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords', packVersion: '1.0.0' };
const LESSON2 = { packId: 'org.kite.safe-online', lessonId: 'strangers', packVersion: '1.0.0' };
const CLASS_CSV = '\uFEFF姓名,班级\r\n小明,三年级一班\r\n小红,三年级一班\r\n小刚,三年级一班\r\n王芳,三年级一班\r\n';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-progress-'));
const app = useKiteAndBrowser({ dataDir });

/** Serious or critical accessibility problems axe-core finds on the page. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Call the API from the page, as the lesson player does (same session cookie). */
async function call<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const envelope = await page.evaluate(
    async ([m, i]) => (await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) })).json(),
    [method, input] as const,
  );
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

const attempt = (lesson: typeof LESSON, stepId: string, correct: boolean | null) => ({
  attemptId: crypto.randomUUID(),
  packId: lesson.packId,
  packVersion: lesson.packVersion,
  lessonId: lesson.lessonId,
  stepId,
  activityType: 'single-choice',
  answer: { chosen: ['b'] },
  correct,
  hintsUsed: 0,
  timeMs: 4000,
});

async function teacherSignIn(page: Page, first = false) {
  await page.getByRole('link', { name: '老师' }).click();
  if (first) {
    await page.getByLabel('新密码').fill(PIN);
    await page.getByLabel('再输入一次').fill(PIN);
    await page.getByRole('button', { name: '设置密码' }).click();
  } else {
    await page.getByLabel('老师密码').fill(PIN);
    await page.getByRole('button', { name: '登录' }).click();
  }
  await page.getByRole('heading', { name: '老师工作台' }).waitFor();
}

describe('pupils, progress and the class report', () => {
  it('a teacher imports a class from CSV; a pupil signs in by avatar, works, resumes after a restart; the teacher sees the grid and exports CSV', async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    // A new PC: the sign-in screen says what to do, and the teacher link is there.
    await page.getByRole('heading', { name: '老师还没有添加班级' }).waitFor();
    await teacherSignIn(page, true);

    await page.getByRole('link', { name: '班级与学生' }).click();
    await chooseFile(page, '选择名单文件（CSV）', { name: '三年级一班.csv', mimeType: 'text/csv', buffer: Buffer.from(CLASS_CSV) });
    await page.getByText('可以添加 4 名学生。', { exact: false }).waitFor();
    expect(await page.getByRole('cell', { name: '小红' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '添加 4 名学生' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'classes-import-preview-zh-CN-laptop');
    await page.getByRole('button', { name: '添加 4 名学生' }).click();
    await page.getByText('已添加 4 名学生。').waitFor();
    await page.getByRole('button', { name: '修改 小明' }).waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'classes-zh-CN-laptop');

    // Back to the pupils' screen.
    await page.getByRole('button', { name: '退出老师模式' }).click();
    await page.getByRole('link', { name: '首页' }).click();
    await expect.poll(() => readableText(page, 'h1')).toBe('你是谁？点一下你的名字');
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'signin-zh-CN-laptop');
    await page.getByRole('button', { name: '小明' }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe('你好！今天想学什么？');
    expect(await page.locator('.pupil-badge').textContent()).toContain('小明');

    // The lesson player's calls (its screens are built separately): answer, finish one lesson, stop mid-way in another.
    expect(await call(page, 'attempts.record', attempt(LESSON, 'q1', false))).toEqual({ saved: true });
    await call(page, 'attempts.record', attempt(LESSON, 'q1', true));
    await call(page, 'attempts.record', attempt(LESSON, 'q2', true));
    await call(page, 'attempts.record', attempt(LESSON, 'q3', true));
    expect(await call(page, 'progress.finishLesson', LESSON)).toEqual({ saved: true, score: 67, stars: 2 });
    await call(page, 'attempts.record', attempt(LESSON2, 'q1', true));
    await call(page, 'progress.savePosition', { ...LESSON2, stepId: 'q2' });
    await context.close();

    // The app restarts (a power cut, or the end of the day).
    await app.restart();

    const again = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await again.page.getByRole('button', { name: '小明' }).tap();
    await expect.poll(() => readableText(again.page, 'h1')).toBe('你好！今天想学什么？');
    expect(await call(again.page, 'progress.position', { packId: LESSON2.packId, lessonId: LESSON2.lessonId })).toMatchObject({ stepId: 'q2', status: 'in-progress' });
    expect(await call(again.page, 'progress.position', { packId: LESSON.packId, lessonId: LESSON.lessonId })).toMatchObject({ stepId: null, status: 'done' });
    // Signing out returns to the sign-in screen.
    await again.page.getByRole('button', { name: '退出' }).click();
    await expect.poll(() => readableText(again.page, 'h1')).toBe('你是谁？点一下你的名字');

    // The teacher sees it in the grid.
    await teacherSignIn(again.page);
    await again.page.getByRole('link', { name: '学习进度' }).click();
    await again.page.getByRole('heading', { name: '三年级一班 的学习情况' }).waitFor();
    const grid = again.page.getByRole('table');
    expect(await grid.getByRole('row', { name: /小明/ }).getByLabel('已完成, 2 颗星').isVisible()).toBe(true);
    expect(await grid.getByRole('row', { name: /小明/ }).getByLabel('学习中').isVisible()).toBe(true);
    // 小红 has started nothing: 没开始 under every lesson the grid offers (the class's and the started ones).
    expect(await grid.getByRole('row', { name: /小红/ }).getByLabel('没开始').count()).toBe((await grid.getByRole('columnheader').count()) - 1);
    expect(await again.page.getByText('完成 25% · 平均 67 分').isVisible()).toBe(true);
    expect(await again.page.getByRole('img', { name: /全班共完成 1 节课/ }).isVisible()).toBe(true);
    expect(await smallTouchTargets(again.page)).toEqual([]);
    await screenshot(again.page, 'progress-grid-zh-CN-laptop');

    const [download] = await Promise.all([again.page.waitForEvent('download'), again.page.getByRole('button', { name: '导出表格（CSV）' }).click()]);
    const csv = fs.readFileSync((await download.path()) as string);
    expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csv.toString('utf8')).toContain('三年级一班,小明,org.kite.safe-online,passwords,,已完成,2,67');

    // The pupil's own page: what they found hard.
    await again.page.getByRole('link', { name: '小明' }).click();
    await again.page.getByRole('heading', { name: '觉得难的题' }).waitFor();
    expect(await again.page.getByText('org.kite.safe-online / passwords · q1（答错 1 次，答对 1 次）').isVisible()).toBe(true);
    await screenshot(again.page, 'progress-pupil-zh-CN-laptop');

    // Certificates for printing.
    await again.page.getByRole('link', { name: '← 返回全班' }).click();
    await again.page.getByRole('button', { name: '打印奖状' }).click();
    await again.page.getByRole('article', { name: '小明 的奖状' }).waitFor();
    await again.page.emulateMedia({ media: 'print' });
    await screenshot(again.page, 'certificate-print-zh-CN-laptop');
    expect(await again.page.locator('.app-header').isVisible()).toBe(false);
    await again.page.emulateMedia({ media: 'screen' });

    expect(external).toEqual([]);
    expect([...consoleErrors, ...again.consoleErrors]).toEqual([]);
    expect(again.external).toEqual([]);
    await again.context.close();
  });

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    it(`lays out sign-in and the grid at ${viewport.width}×${viewport.height} in both languages`, async () => {
      const { page, context } = await openPage(app.browser, app.kite.url, viewport);
      await expect.poll(() => readableText(page, 'h1')).toBe('你是谁？点一下你的名字');
      if (viewportName === 'fullHd') await screenshot(page, 'signin-zh-CN-fullHd');
      await page.getByRole('button', { name: '切换到英文' }).click();
      await page.getByRole('heading', { name: 'Who are you? Tap your name' }).waitFor();
      expect(await smallTouchTargets(page)).toEqual([]);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `signin-en-${viewportName}`);

      // Guest mode is clearly labelled.
      await page.getByRole('button', { name: 'Come in as a guest' }).click();
      await page.getByText('Guest · not saved').waitFor();
      expect(await call(page, 'attempts.record', attempt(LESSON, 'q1', true))).toEqual({ saved: false });
      await screenshot(page, `home-guest-en-${viewportName}`);

      await page.getByRole('link', { name: 'Teacher' }).click();
      await page.getByLabel('Teacher PIN').fill(PIN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Progress' }).click();
      await page.getByRole('heading', { name: 'How 三年级一班 is doing' }).waitFor();
      await page.getByRole('img', { name: /By \d{4}/ }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `progress-grid-en-${viewportName}`);
      await page.getByRole('button', { name: 'Switch to Chinese' }).click();
      if (viewportName === 'fullHd') {
        await page.getByRole('heading', { name: '三年级一班 的学习情况' }).waitFor();
        await screenshot(page, 'progress-grid-zh-CN-fullHd');
      }
      await page.getByRole('button', { name: '退出老师模式' }).click();
      await context.close();
    });
  }

  it('asks for the picture password the teacher set', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacherSignIn(page);
    await page.getByRole('link', { name: '班级与学生' }).click();
    await page.getByRole('button', { name: '修改 王芳' }).click();
    for (const picture of ['太阳', '苹果', '星星']) await page.getByRole('group', { name: '王芳' }).getByRole('button', { name: picture }).click();
    await page.getByRole('group', { name: '王芳' }).getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('有图片密码').waitFor();
    // Resetting a pupil's progress asks first.
    await page.getByRole('button', { name: '修改 小刚' }).click();
    await page.getByRole('group', { name: '小刚' }).getByRole('button', { name: '清除学习进度' }).click();
    await page.getByRole('alertdialog').getByText('确定要清除 小刚 的全部学习进度吗？', { exact: false }).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定清除' }).click();
    await page.getByText('小刚 的学习进度已清除。').waitFor();
    await page.getByRole('button', { name: '退出老师模式' }).click();
    await page.getByRole('link', { name: '首页' }).click();
    await page.getByRole('button', { name: '王芳' }).tap();
    await page.getByRole('heading', { name: '王芳，请按顺序点你的 3 张图片' }).waitFor();
    await screenshot(page, 'signin-pictures-zh-CN-laptop');
    for (const picture of ['太阳', '星星', '苹果']) await page.getByRole('button', { name: picture }).tap();
    await expect.poll(() => readableText(page, '[role=alert]')).toBe('图片密码不对，再试一次。');
    for (const picture of ['太阳', '苹果', '星星']) await page.getByRole('button', { name: picture }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe('你好！今天想学什么？');
    await context.close();
  });

  it('signs an idle pupil out after the idle time set by the teacher (5 minutes by default)', async () => {
    const context = await app.browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(app.kite.url);
    await page.getByRole('button', { name: '小明' }).tap();
    await expect.poll(() => readableText(page, 'h1')).toBe('你好！今天想学什么？');
    await page.clock.fastForward('04:00');
    await page.mouse.click(5, 300); // any input restarts the wait
    await page.clock.fastForward('04:00');
    expect(await page.locator('.pupil-badge').textContent()).toContain('小明');
    await page.clock.fastForward('01:05');
    await expect.poll(() => readableText(page, 'h1')).toBe('你是谁？点一下你的名字');
    expect(await call(page, 'pupils.current')).toEqual({ mode: 'none' });
    await context.close();
  });

  it('exports and merges progress files and backs up from the command line', async () => {
    await app.kite.stop();
    const file = path.join(dataDir, 'export.kiteprogress');
    const exported = await runKite(['progress', 'export', '--format', 'json', '--out', file, '--data', dataDir]);
    expect(exported.code, exported.stderr).toBe(0);
    const merged = await runKite(['progress', 'merge', file, '--data', dataDir]);
    expect(merged.stdout).toContain('0 new events');
    const csv = await runKite(['progress', 'export', '--format', 'csv', '--data', dataDir]);
    expect(csv.stdout.startsWith('\uFEFF班级,学生')).toBe(true);
    const other = path.join(dataDir, 'other.kiteprogress');
    fs.writeFileSync(other, '{"app":"someone-else","kind":"progress","formatVersion":1}\n');
    const refused = await runKite(['progress', 'merge', other, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('kite progress: This is not a Kite Classroom progress file. Nothing was changed.');

    const made = await runKite(['backup', 'create', '--data', dataDir]);
    expect(made.stdout).toMatch(/^backup made: kite-\S+-manual\.db/);
    const list = await runKite(['backup', 'list', '--data', dataDir]);
    const name = list.stdout.split('\t')[0] as string;
    const restored = await runKite(['backup', 'restore', name, '--data', dataDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`restored ${name}`);
    const missing = await runKite(['backup', 'restore', 'nope.db', '--data', dataDir]);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    await app.restart();
  });
});
