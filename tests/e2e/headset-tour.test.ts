import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MediaItem, SessionDashboard } from '../../src/shared/contract';
import { callApi, inLanguage, launchBrowser, overflowsHorizontally, screenshot, signInAsTeacher, smallTouchTargets, VIEWPORTS, type KiteServer } from './support/app';
import { HEADSET_WINDOW, headsetBrowser, hubJoinInfo, inVr, startHubWithPictures } from './support/headset';

// A headset that joined the hub over /headset (issue 19) follows the teacher's guided tour: the card on
// its home, the picture with the ring and arrow, its gaze on the teacher's map as VR-01, home again on close.

const PIN = '2580';
const LESSON = { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' };
const SLOW = { timeout: 60_000, interval: 250 };
let hub: KiteServer;
let browser: Browser;
beforeAll(async () => {
  hub = await startHubWithPictures('headset-tour', { 'DJI_0360.JPG': '1024x512' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const board = (teacher: Page) => callApi<SessionDashboard>(teacher, 'session.dashboard');

describe('a joined headset follows the guided tour', () => {
  it('shows the teacher\'s tour on its home, opens it with the ring, reports its gaze as VR-01, and goes home when it closes', { timeout: 240_000 }, async () => {
    const { address, code } = await hubJoinInfo(hub);

    // The headset joins with the code (the QR code's address).
    const { context, page, errors } = await headsetBrowser(browser);
    await page.goto(`${address}/headset/#code=${code}`);
    await page.getByText('这副眼镜：VR-01').waitFor();
    expect(await page.getByRole('heading', { name: /老师带大家看/ }).count()).toBe(0);

    // The teacher starts a session and takes the class into the 360° photo.
    const teacherContext = await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
    const teacher = await teacherContext.newPage();
    await signInAsTeacher(teacher, hub.url, PIN);
    const cls = await callApi<{ id: string }>(teacher, 'classes.create', { name: '三年级一班', grade: 3 });
    await callApi(teacher, 'pupils.add', { classId: cls.id, name: '小明' });
    await callApi(teacher, 'session.start', { classId: cls.id, ...LESSON, mode: 'free' });
    const [photo] = await callApi<MediaItem[]>(teacher, 'media.list');
    await callApi(teacher, 'session.openTour', { sha256: photo!.sha256 });

    // At once, without a reload: the big card on the headset's home.
    await page.getByRole('heading', { name: /老师带大家看/ }).waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'headset-tour-card-zh-CN-1280x720');
    await page.setViewportSize(VIEWPORTS.fullHd);
    await screenshot(page, 'headset-tour-card-zh-CN-1920x1080');
    await page.setViewportSize(HEADSET_WINDOW);
    await page.getByRole('region', { name: /老师带大家看/ }).getByRole('link', { name: /去看.*DJI_0360/ }).click();
    await page.locator('.panorama-view[data-ready="true"] canvas').waitFor(SLOW);

    // The teacher points at a spot behind the pupil: the headset is told which way to turn.
    await callApi(teacher, 'session.pointTour', { target: { yaw: 2.5, pitch: 0 } });
    await page.locator('.tour-marks [data-tour-arrow="left"]').waitFor(SLOW);
    await page.getByRole('status').filter({ hasText: '找一找老师指的地方' }).waitFor();
    await screenshot(page, 'headset-tour-view-zh-CN-1280x720');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Your teacher is showing: DJI_0360/ }).waitFor();
    await page.setViewportSize(VIEWPORTS.laptop);
    await screenshot(page, 'headset-tour-view-en-1366x768');
    await page.setViewportSize(HEADSET_WINDOW);
    await page.getByRole('button', { name: '中文' }).click();
    // Its gaze is on the teacher's map under the headset's name, not found yet.
    await expect.poll(async () => (await board(teacher)).tour?.gazes.map((g) => [g.name, g.found]), SLOW).toEqual([['VR-01', false]]);
    // "Everyone look at me" to the spot: the headset's view turns there, and it has found it.
    await callApi(teacher, 'session.recentreTour', { yaw: 2.5, pitch: 0 });
    await expect.poll(async () => (await board(teacher)).tour?.gazes.map((g) => [g.name, g.found]), SLOW).toEqual([['VR-01', true]]);
    // The classroom's big screen shows the whole picture with the ring where the teacher points.
    const projectorContext = await browser.newContext({ viewport: VIEWPORTS.laptop });
    const projector = await projectorContext.newPage();
    await projector.goto(`${hub.url}/#/projector`);
    for (const [language, viewport, words] of [
      ['zh-CN', 'laptop', { title: `全班在看：${photo!.title}`, map: '整张 360° 照片，圆圈是老师指的地方', find: '老师指的地方在圆圈里。转过去找一找！' }],
      ['en', 'fullHd', { title: `The class is looking at: ${photo!.title}`, map: "The whole 360° picture; the ring is where your teacher is pointing", find: 'The ring is where your teacher is pointing. Turn and find it!' }],
    ] as const) {
      await inLanguage(projector, language);
      await projector.setViewportSize(VIEWPORTS[viewport]);
      await projector.getByRole('heading', { name: words.title }).waitFor(SLOW);
      const map = projector.getByRole('img', { name: words.map });
      await expect.poll(() => map.evaluate((el) => getComputedStyle(el).backgroundImage), SLOW).toContain(photo!.sha256);
      // The ring sits where yaw 2.5 (behind, to the left) lies on the flat picture (lib/panoramaLook picturePoint).
      const [ring, whole] = await Promise.all([map.locator('.gaze-map-spot').boundingBox(), map.boundingBox()]);
      expect((ring!.x + ring!.width / 2 - whole!.x) / whole!.width).toBeCloseTo(0.75 - 2.5 / (2 * Math.PI), 1);
      await projector.getByText(words.find).waitFor();
      expect(await overflowsHorizontally(projector)).toBe(false);
      await screenshot(projector, `headset-tour-projector-${language}-${VIEWPORTS[viewport].width}x${VIEWPORTS[viewport].height}`);
    }
    await projectorContext.close();

    await teacher.goto(`${hub.url}/#/teacher/session`);
    const dot = teacher.locator('.gaze-map').getByRole('button', { name: /VR-01/ });
    await dot.waitFor(SLOW);
    await dot.click();
    await teacher.locator('.gaze-map-figure').scrollIntoViewIfNeeded();
    await screenshot(teacher, 'headset-tour-teacher-map-zh-CN-1366x768');

    // In VR (the pupil's tap: browsers start VR only from one).
    await page.getByRole('button', { name: '进入 VR' }).click();
    await expect.poll(() => inVr(page), SLOW).toBe(true);
    await page.waitForTimeout(500);
    await screenshot(page, 'headset-tour-in-vr-zh-CN');

    // The teacher closes the tour: the headset leaves VR and is home again.
    await callApi(teacher, 'session.closeTour');
    await page.getByRole('heading', { name: /选一个，戴上眼镜看/ }).waitFor(SLOW);
    await expect.poll(() => inVr(page), SLOW).toBe(false);
    expect(await page.getByRole('heading', { name: /老师带大家看/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await teacherContext.close();
    await context.close();
  });
});
