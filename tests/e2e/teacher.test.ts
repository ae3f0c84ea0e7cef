import { describe, expect, it } from 'vitest';
import { openPage, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';

const app = useKiteAndBrowser();

describe('the teacher console', () => {
  it('sets the PIN on first start, signs in and out, and saves settings the home screen shows', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.getByRole('link', { name: '老师' }).click();
    await page.getByRole('heading', { name: '第一次使用：设置老师密码' }).waitFor();
    await screenshot(page, 'teacher-set-pin-zh-CN-laptop');
    await page.getByLabel('新密码').fill('2468');
    await page.getByLabel('再输入一次').fill('2469');
    await page.getByRole('button', { name: '设置密码' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('两次输入的密码不一样。');
    await page.getByLabel('再输入一次').fill('2468');
    await page.getByRole('button', { name: '设置密码' }).click();
    await page.getByRole('heading', { name: '老师工作台' }).waitFor();

    await page.getByLabel('学校名称').fill('青山小学');
    await page.getByLabel('教室名称').fill('网络教室');
    await page.getByRole('button', { name: '保存设置' }).click();
    expect(await page.getByRole('status').textContent()).toBe('已保存。');
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'teacher-console-zh-CN-laptop');

    await page.getByRole('button', { name: '退出老师模式' }).click();
    await page.getByRole('heading', { name: '老师登录' }).waitFor();
    await page.getByLabel('老师密码').fill('1111');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('密码不对。还可以再试 4 次。');
    await page.getByLabel('老师密码').fill('2468');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '老师工作台' }).waitFor();

    await page.getByRole('link', { name: '首页' }).click();
    await expect.poll(() => page.getByText('青山小学 · 网络教室').isVisible()).toBe(true);
    await context.close();
  });

  it('is laid out for a Full HD screen in English', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.fullHd);
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('link', { name: 'Teacher' }).click();
    await page.getByRole('heading', { name: 'Teacher sign-in' }).waitFor();
    await screenshot(page, 'teacher-sign-in-en-fullHd');
    await page.getByLabel('Teacher PIN').fill('2468');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Teacher console' }).waitFor();
    await page.getByText('Lesson packs').waitFor();
    await screenshot(page, 'teacher-console-en-fullHd');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await context.close();
  });

  it('locks the window after five wrong PINs, in the server, not the page; the teacher at another window still signs in', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.goto(`${app.kite.url}/#/teacher`);
    await page.getByRole('heading', { name: '老师登录' }).waitFor();
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('老师密码').fill('0000');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').waitFor();
    }
    expect(await page.getByRole('alert').textContent()).toBe('密码错误次数太多，请 1 分钟后再试。');
    const response = await page.request.post(`${app.kite.url}/api/auth.teacherSignIn`, { data: { pin: '2468' } });
    expect(response.status()).toBe(429);
    await screenshot(page, 'teacher-pin-locked-window-zh-CN-laptop');

    // Another window (the teacher's, its own session) is not locked out by the pupil's tries.
    const teacher = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await teacher.page.goto(`${app.kite.url}/#/teacher`);
    await teacher.page.getByLabel('老师密码').fill('2468');
    await teacher.page.getByRole('button', { name: '登录' }).click();
    await teacher.page.getByRole('button', { name: '退出老师模式' }).waitFor();
    await teacher.context.close();
    await context.close();
  });
});
