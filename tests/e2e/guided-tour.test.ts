import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SessionDashboard } from '../../src/shared/contract';
import { lookVector, type Look } from '../../src/shared/tour';
import { makeJpeg } from '../support/media';
import { callApi, inLanguage, openPage, runKite, screenshot, signInAsTeacher, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { inVr, lookAlong, wearHeadset } from './support/headset';

// A guided tour (issue 19) on one `kite serve`: the teacher in one Chromium context, two pupils in
// emulated headsets (IWER, in VR) and one at a PC, each in their own context, in a class session.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-tour-'));
beforeAll(async () => {
  const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-tour-card-'));
  makeJpeg(path.join(card, 'DCIM', '100MEDIA', 'DJI_0002.JPG'), '2048x1024');
  const imported = await runKite(['media', 'import', card, '--data', dataDir]);
  expect(imported.stdout.trim()).toBe('1 imported, 0 already in the gallery, 0 failed');
  fs.rmSync(card, { recursive: true, force: true });
}, 120_000);
const app = useKiteAndBrowser({ dataDir });
const PIN = '2468';
const LESSON = { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' };
const DEG = Math.PI / 180;
const SLOW = { timeout: 60_000, interval: 250 };

const board = (teacher: Page) => callApi<SessionDashboard>(teacher, 'session.dashboard');
/** Which way the arrow points: in the headset (its status line) or on the PC's flat view; "none" or null: no arrow. */
const vrArrow = (page: Page) => page.locator('p[data-tour-found]');
const arrowOf = (page: Page) => vrArrow(page).getAttribute('data-tour-arrow');
const pcArrow = (page: Page) => page.locator('.tour-marks [data-tour-arrow]');
const gazeOf = async (teacher: Page, name: string) => (await board(teacher)).tour?.gazes.find((g) => g.name === name);

async function pupilAt(name: string, headset: boolean, viewport = VIEWPORTS.laptop) {
  const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, viewport);
  if (headset) {
    await wearHeadset(context);
    await page.reload();
  }
  await page.getByRole('button', { name }).click();
  await page.getByRole('button', { name: '举手' }).waitFor();
  return { page, consoleErrors };
}

/** On a headset: the tour's picture is open; put it on. */
async function enterVr(page: Page, label: string) {
  await page.locator('.tour-layer .panorama-view[data-ready="true"] canvas').waitFor(SLOW);
  await page.getByRole('button', { name: label }).click();
  await expect.poll(() => inVr(page), SLOW).toBe(true);
}

/** Turn a headset to look at `look` in the picture, the picture being turned by `turn` (where the flat view was, or the last "look at me"). */
const lookInVr = (page: Page, look: Look, turn = 0) => lookAlong(page, lookVector({ yaw: look.yaw - turn, pitch: look.pitch }));

describe('a guided tour with two headsets and a PC (issue 19)', () => {
  it('opens the photo everywhere, shows the spot, the gaze map and who found it, and brings every view to the teacher', { timeout: 300_000 }, async () => {
    const { page: teacher } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(teacher, app.kite.url, PIN);
    const cls = await callApi<{ id: string }>(teacher, 'classes.create', { name: '三年级一班', grade: 3 });
    for (const name of ['小明', '小红', '小刚']) await callApi(teacher, 'pupils.add', { classId: cls.id, name });
    await callApi(teacher, 'session.start', { classId: cls.id, ...LESSON, mode: 'free' });
    const ming = await pupilAt('小明', true);
    const hong = await pupilAt('小红', true);
    const gang = await pupilAt('小刚', false);

    // 带大家看: the teacher opens the 360° photo for the class; every pupil's screen opens it.
    await teacher.goto(`${app.kite.url}/#/teacher/session`);
    await teacher.getByRole('button', { name: '带大家看：DJI_0002' }).click();
    await teacher.locator('.session-tour .panorama-view[data-ready="true"] canvas').waitFor();
    for (const p of [ming, hong, gang]) await p.page.getByRole('dialog', { name: /跟老师一起看/ }).waitFor();
    await enterVr(ming.page, '进入 VR');
    await enterVr(hong.page, '进入 VR');

    // The teacher taps a spot left of the middle of their view.
    const view = teacher.locator('.session-tour .panorama-view');
    const box = (await view.boundingBox())!;
    await view.click({ position: { x: box.width * 0.3, y: box.height * 0.45 } });
    await expect.poll(async () => (await board(teacher)).state.live?.tour?.target ?? null).not.toBeNull();
    const target = (await board(teacher)).state.live!.tour!.target!;
    expect(target.yaw).toBeGreaterThan(10 * DEG);

    // 小明 looks right at it: found, in kind words. 小红 looks 70° to its right: her arrow says turn left; 70° to its left: turn right.
    await lookInVr(ming.page, target);
    await expect.poll(() => arrowOf(ming.page), SLOW).toBe('none');
    await expect.poll(() => vrArrow(ming.page).getAttribute('data-tour-found'), SLOW).toBe('true');
    expect(await vrArrow(ming.page).textContent()).toBe('找到了！你真棒！');
    await lookInVr(hong.page, { yaw: target.yaw - 70 * DEG, pitch: 0 });
    await expect.poll(() => arrowOf(hong.page), SLOW).toBe('left');
    expect(await vrArrow(hong.page).textContent()).toBe('向左转');
    await lookInVr(hong.page, { yaw: target.yaw + 70 * DEG, pitch: 0 });
    await expect.poll(() => arrowOf(hong.page), SLOW).toBe('right');
    expect(await vrArrow(hong.page).textContent()).toBe('向右转');

    // The PC: the ring is on screen; dragged away to the right, an arrow points back left.
    await gang.page.locator('.tour-layer [data-tour-ring]').waitFor();
    const pcView = gang.page.locator('.tour-layer .panorama-view');
    const pcBox = (await pcView.boundingBox())!;
    await gang.page.mouse.move(pcBox.x + pcBox.width * 0.55, pcBox.y + pcBox.height / 2);
    await gang.page.mouse.down();
    await gang.page.mouse.move(pcBox.x + pcBox.width * 0.55 - 300, pcBox.y + pcBox.height / 2, { steps: 10 });
    await gang.page.mouse.up();
    await expect.poll(() => pcArrow(gang.page).getAttribute('data-tour-arrow')).toBe('left');
    await gang.page.getByRole('status').filter({ hasText: '向左转' }).waitFor();
    expect(await smallTouchTargets(gang.page)).toEqual([]);

    // The teacher's screen: a dot for each of the three, and who found the spot.
    await expect.poll(() => teacher.locator('.gaze-map .gaze-dot').count(), SLOW).toBe(3);
    await teacher.getByText('1 / 3 人找到了').waitFor(SLOW);
    await teacher.getByRole('button', { name: '小明：找到了' }).waitFor();
    await teacher.getByRole('button', { name: '小红：还在找' }).click();
    await expect.poll(() => teacher.locator('.gaze-dot.named .gaze-dot-name').textContent()).toBe('小红');
    expect(await smallTouchTargets(teacher)).toEqual([]);

    // The screenshots: 小红's headset with the arrow and the ring (the spot 40° to her left), and the gaze map.
    await lookInVr(hong.page, { yaw: target.yaw - 40 * DEG, pitch: 0 });
    await expect.poll(() => arrowOf(hong.page), SLOW).toBe('left');
    await hong.page.waitForTimeout(500);
    await screenshot(hong.page, 'tour-headset-zh-CN-laptop');
    await teacher.locator('.session-tour').scrollIntoViewIfNeeded();
    await screenshot(teacher, 'tour-teacher-zh-CN-laptop');
    await screenshot(gang.page, 'tour-pc-zh-CN-laptop');

    // Both languages at both sizes: the headset view (in VR again after the reload), before she finds the spot and the teacher's map.
    for (const [language, size] of [['en', 'laptop'], ['zh-CN', 'fullHd'], ['en', 'fullHd']] as const) {
      for (const page of [teacher, hong.page]) {
        await page.setViewportSize(VIEWPORTS[size]);
        await inLanguage(page, language);
      }
      await enterVr(hong.page, language === 'en' ? 'Enter VR' : '进入 VR');
      await lookInVr(hong.page, { yaw: target.yaw - 40 * DEG, pitch: 0 });
      await expect.poll(() => arrowOf(hong.page), SLOW).toBe('left');
      expect(await vrArrow(hong.page).textContent()).toBe(language === 'en' ? 'Turn left' : '向左转');
      await hong.page.waitForTimeout(500);
      await screenshot(hong.page, `tour-headset-${language}-${size}`);
      await expect.poll(() => teacher.locator('.gaze-map .gaze-dot').count(), SLOW).toBe(3);
      await teacher.locator('.session-tour').scrollIntoViewIfNeeded();
      await screenshot(teacher, `tour-teacher-${language}-${size}`);
    }

    for (const page of [teacher, hong.page]) {
      await page.setViewportSize(VIEWPORTS.laptop);
      await inLanguage(page, 'zh-CN');
    }
    await enterVr(hong.page, '进入 VR');

    // 大家看我: the teacher turns their view, and every view turns to it; there, all three find the spot.
    await view.focus();
    for (let i = 0; i < 4; i++) await teacher.keyboard.press('ArrowLeft');
    await teacher.getByRole('button', { name: '大家看我' }).click();
    const recentre = (await board(teacher)).state.live!.tour!.recentre!;
    expect(recentre.yaw).toBeCloseTo(0.4, 1);
    for (const name of ['小明', '小红', '小刚']) await expect.poll(async () => Math.abs(((await gazeOf(teacher, name))?.yaw ?? 9) - recentre.yaw), SLOW).toBeLessThan(0.05);
    await teacher.getByText('3 / 3 人找到了').waitFor(SLOW);
    expect(await pcArrow(gang.page).count()).toBe(0);
    await expect.poll(() => vrArrow(hong.page).textContent(), SLOW).toBe('找到了！你真棒！');
    // All three look at one place: their dots are spread round it, none hidden under another, each its own tap.
    const dots = teacher.locator('.gaze-map .gaze-dot');
    await expect.poll(async () => {
      const boxes = await Promise.all((await dots.all()).map(async (dot) => (await dot.boundingBox())!));
      return Math.min(...boxes.flatMap((a, i) => boxes.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y))));
    }).toBeGreaterThanOrEqual(40);
    await teacher.getByRole('button', { name: '小红：找到了' }).click();
    await expect.poll(() => teacher.locator('.gaze-dot.named .gaze-dot-name').textContent()).toBe('小红');
    await teacher.locator('.tour-lead').evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
    await screenshot(teacher, 'tour-teacher-all-found-zh-CN-laptop');

    // Closing the tour closes it on every screen.
    await teacher.getByRole('button', { name: '结束带看' }).click();
    for (const p of [ming, gang]) await expect.poll(() => p.page.getByRole('dialog', { name: /跟老师一起看/ }).count()).toBe(0);
    for (const p of [ming, hong, gang]) expect(p.consoleErrors.join('\n')).toBe('');
  });
});
