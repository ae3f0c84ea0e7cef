import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callApi, inLanguage, overflowsHorizontally, SCREENSHOTS, smallTouchTargets, openPage, screenshot, signInAsTeacher, useKiteAndBrowser, VIEWPORTS } from './support/app';

// A live class session on one `kite serve`: the teacher in one Chromium context (PIN), three pupils
// in three others (each signed in by tapping their name). Lesson: "Codes are keys" (slide, slide, question…).
const app = useKiteAndBrowser();
const PIN = '2468';
const LESSON = { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' };
const NAMES = ['小明', '小红', '小刚'];

/** The step a pupil's lesson player shows (1-based), from the stepping stones. */
const currentStone = (page: Page) => page.locator('.progress-path [aria-current="step"]').textContent();
const chartCounts = (page: Page) => page.locator('.session-poll .poll-chart-count').allTextContents();

async function pupilScreen(name: string) {
  const { page } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
  await page.getByRole('button', { name }).click();
  await page.getByRole('button', { name: '举手' }).waitFor();
  return page;
}

describe('live class session', () => {
  it('follow-me, a poll, pause-all and raised hands across a teacher and three pupils', { timeout: 240_000 }, async () => {
    const { page: teacher, context: teacherContext } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(teacher, app.kite.url, PIN);
    const cls = await callApi<{ id: string }>(teacher, 'classes.create', { name: '三年级一班', grade: 3 });
    for (const name of NAMES) await callApi(teacher, 'pupils.add', { classId: cls.id, name });

    // The teacher starts a follow-me session for the class with the lesson.
    await teacher.goto(`${app.kite.url}/#/teacher/session`);
    await teacher.getByRole('link', { name: '课堂', exact: true }).waitFor();
    await teacher.getByLabel('课程').selectOption(`${LESSON.packId}/${LESSON.lessonId}`);
    await teacher.getByRole('button', { name: '开始上课' }).click();
    await teacher.getByRole('heading', { name: /课堂 · 三年级一班/ }).waitFor();

    // Pupils sign in: follow-me takes each straight to the teacher's lesson and step.
    const pupils: Page[] = [];
    for (const name of NAMES) pupils.push(await pupilScreen(name));
    for (const pupil of pupils) await expect.poll(() => currentStone(pupil)).toBe('1');
    await expect.poll(() => teacher.getByRole('heading', { name: '点名：3 人中到了 3 人' }).count()).toBe(1);
    expect(await smallTouchTargets(teacher)).toEqual([]);

    // Pupils cannot go ahead of the teacher, even on a slide.
    const first = pupils[0] as Page;
    await expect.poll(() => first.locator('.nav-next').getAttribute('aria-disabled')).toBe('true');
    await first.getByText('等老师带大家往下走。').waitFor();
    await first.locator('.nav-next').click({ force: true });
    await first.locator('.progress-path button').nth(2).click({ force: true });
    expect(await currentStone(first)).toBe('1');
    expect(await callApi<{ hands: unknown[] }>(teacher, 'session.dashboard')).toMatchObject({ hands: [] });
    await screenshot(first, 'session-pupil-follow-zh-CN-laptop');
    // The teacher moves on two steps with a quick double tap (both taps land before the screen redraws): every screen follows.
    await teacher.getByRole('button', { name: '下一步 →' }).evaluate((next: HTMLElement) => {
      next.click();
      next.click();
    });
    await expect.poll(() => teacher.locator('.session-step-now strong').textContent()).toBe('第 3 步，共 10 步');
    for (const pupil of pupils) await expect.poll(() => currentStone(pupil)).toBe('3');

    // Quick poll from the lesson: answers count live in the teacher's chart, one per pupil.
    await teacher.getByRole('button', { name: '问全班' }).click();
    const picks = ['谁也不念，交给妈妈', '谁也不念，交给妈妈', '游戏里的好朋友'];
    for (const [i, pupil] of pupils.entries()) {
      await pupil.getByRole('dialog').getByRole('button', { name: picks[i] }).click();
      await pupil.getByText(`谢谢！你选的是：${picks[i]}`).waitFor();
    }
    await screenshot(first, 'session-pupil-poll-zh-CN-laptop');
    expect(await smallTouchTargets(first)).toEqual([]);
    await expect.poll(() => chartCounts(teacher)).toEqual(['0', '0', '1', '2']);
    // A pupil who answered may put the question aside and bring it back from the session bar.
    const second = pupils[1] as Page;
    await second.getByRole('button', { name: '回到我的课' }).click();
    await expect.poll(() => second.getByRole('dialog').count()).toBe(0);
    await second.getByRole('button', { name: '老师的问题' }).click();
    await second.getByRole('dialog').getByText('谢谢！你选的是：谁也不念，交给妈妈').waitFor();
    // Each answer shows in the teacher's dashboard: right or wrong, and the choice.
    const card = (name: string) => teacher.locator('.dash-card', { has: teacher.getByText(name, { exact: true }) });
    await card('小明').getByText('✓ 上一题答对了').waitFor();
    await card('小刚').getByText('✗ 上一题答错了').waitFor();
    // The chart on every screen, and one answer shown with the name hidden.
    await teacher.getByRole('button', { name: '在每个屏幕上显示图表' }).click();
    await card('小刚').getByRole('button', { name: '把小刚的回答给全班看' }).click();
    await expect.poll(() => first.locator('.poll-overlay .poll-chart-count').allTextContents()).toEqual(['0', '0', '1', '2']);
    await first.getByText('一位同学的回答：').waitFor();

    // Raised hands: a queue on the teacher's screen, in the order raised.
    await (pupils[2] as Page).getByRole('button', { name: '举手' }).click();
    await (pupils[1] as Page).getByRole('button', { name: '举手' }).click();
    await expect.poll(async () => (await teacher.locator('.hands-queue li').allTextContents()).map((t) => t.replace(/[^小刚红明]/g, ''))).toEqual(['小刚', '小红']);
    await (pupils[2] as Page).getByText('老师看到你举手了。').waitFor();

    // The projector: the step everyone is on and the poll's chart.
    const projector = await teacherContext.newPage();
    await projector.goto(`${app.kite.url}/#/projector`);
    await projector.getByText('第 3 步，共 10 步').waitFor();
    await expect.poll(() => projector.locator('.projector-poll .poll-chart-count').allTextContents()).toEqual(['0', '0', '1', '2']);

    // Pause all screens with a countdown: every pupil screen is covered, also after a reload.
    await teacher.getByLabel('倒计时').selectOption('120');
    await teacher.getByRole('button', { name: '黑屏肃静' }).click();
    for (const pupil of pupils) await pupil.getByRole('dialog', { name: '请看老师' }).waitFor();
    expect(await first.getByRole('timer').textContent()).toMatch(/^[12]:\d\d$/);
    await first.reload();
    await first.getByRole('dialog', { name: '请看老师' }).waitFor();
    // Nothing behind the pause can be used.
    expect(await first.locator('.app').evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    await expect(first.getByRole('button', { name: '举手' }).click({ trial: true, timeout: 1500 })).rejects.toThrow(/intercepts pointer events|Timeout/);

    // Screenshots of the three screens in both languages at both sizes.
    for (const [language, size] of [['zh-CN', 'laptop'], ['en', 'fullHd'], ['en', 'laptop'], ['zh-CN', 'fullHd']] as const) {
      for (const page of [teacher, first, projector]) {
        await page.setViewportSize(VIEWPORTS[size]);
        await inLanguage(page, language);
      }
      await teacher.locator('.dash-card').first().waitFor();
      await screenshot(teacher, `session-teacher-${language}-${size}`);
      await teacher.screenshot({ path: `${SCREENSHOTS}/session-teacher-full-${language}-${size}.png`, fullPage: true });
      await first.getByRole('timer').waitFor();
      await screenshot(first, `session-paused-pupil-${language}-${size}`);
      await projector.locator('.projector-poll').waitFor();
      await screenshot(projector, `session-projector-${language}-${size}`);
      for (const page of [teacher, first, projector]) expect(await overflowsHorizontally(page)).toBe(false);
    }
    await inLanguage(teacher, 'zh-CN');

    // Released: the pupil screens are theirs again.
    await teacher.getByRole('button', { name: '让学生继续' }).click();
    for (const pupil of pupils.slice(1)) await expect.poll(() => pupil.getByRole('dialog', { name: '请看老师' }).count()).toBe(0);

    // Free mode: pupils may go ahead at their own pace.
    await teacher.getByRole('button', { name: '自由学' }).click();
    await teacher.getByRole('button', { name: '结束这道题' }).click();
    await expect.poll(() => second.getByText('等老师带大家往下走。').count()).toBe(0);
    await expect.poll(() => second.getByRole('dialog').count()).toBe(0);
  });
});
