import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi, inLanguage, launchBrowser, overflowsHorizontally, runKite, screenshot, signInAsTeacher, smallTouchTargets, startKite, VIEWPORTS, type KiteServer } from './support/app';
import { startHubKite, until } from './support/hub';
import { seeText } from './support/player';

// The room seen from its two ends: the hub's projector with the join code and QR, and the teacher
// console of a pupil PC, whose classes and pupils come from the hub and are shown read-only.

const PIN = '2580';
const started: KiteServer[] = [];
let browser: Browser;
beforeAll(async () => void (browser = await launchBrowser()));
afterAll(async () => browser?.close());
afterEach(async () => {
  for (const kite of started.splice(0)) await kite.stop();
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kite-hubrest-'));
const spaced = (code: string) => code.split('').join(' ');

async function bothSizes(page: Page, name: string): Promise<void> {
  for (const viewport of [VIEWPORTS.laptop, VIEWPORTS.fullHd]) {
    await page.setViewportSize(viewport);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, `${name}-${viewport.width}x${viewport.height}`);
  }
  await page.setViewportSize(VIEWPORTS.laptop);
}

describe('the room from the hub and from a pupil PC', () => {
  it("the projector shows the join code in large type with the room's QR code", { timeout: 120_000 }, async () => {
    const hub = await startHubKite(tmp());
    started.push(hub.kite);
    const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
    const page = await context.newPage();
    await signInAsTeacher(page, hub.kite.url, PIN);
    await page.goto(`${hub.kite.url}/#/projector`);
    for (const [language, label, qr] of [
      ['zh-CN', `加入码 ${spaced(hub.code)}`, '包含本机地址和加入码的二维码'],
      ['en', `Join code ${spaced(hub.code)}`, "QR code with this PC's address and join code"],
    ] as const) {
      await inLanguage(page, language);
      await page.getByLabel(label).waitFor();
      await page.getByRole('img', { name: qr }).waitFor();
      expect(await page.getByLabel(label).textContent()).toBe(`${hub.code.slice(0, 3)}\u2009${hub.code.slice(3)}`);
      // The PCs' address in the join line (the headsets' card below has its own, ending in /headset).
      await page.locator('.projector-hub-address').filter({ hasText: new URL(hub.address).host }).waitFor();
      // Large: readable from the back of the room.
      expect(Number.parseFloat(await page.getByLabel(label).evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(56);
      await bothSizes(page, `hub-projector-code-${language}`);
    }
    // A screen that is not the teacher's (a pupil's browser) sees no join code.
    const other = await (await browser.newContext({ viewport: VIEWPORTS.laptop })).newPage();
    await other.goto(`${hub.kite.url}/#/projector`);
    await other.locator('.projector-idle').waitFor();
    expect(await other.locator('.projector-room, .projector-code').count()).toBe(0);
    // Nor an address it could not open: this PC's loopback is shown to nobody.
    expect(await other.locator('.projector-address').count()).toBe(0);
    await other.context().close();
    await context.close();
  });

  it("a pupil PC's console shows the hub's classes and pupils read-only, saying they are managed on the teacher's PC", { timeout: 180_000 }, async () => {
    const hub = await startHubKite(tmp());
    started.push(hub.kite);
    const hubPage = await (await browser.newContext({ viewport: VIEWPORTS.laptop })).newPage();
    await signInAsTeacher(hubPage, hub.kite.url, PIN);
    const cls = await callApi<{ id: string }>(hubPage, 'classes.create', { name: '三年级一班', grade: 3 });
    for (const name of ['小明', '小红', '小刚']) await callApi(hubPage, 'pupils.add', { classId: cls.id, name });

    const pupilDir = tmp();
    expect((await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir])).code).toBe(0);
    const pc = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pc);
    await until(() => pc.output().includes("Connected to the teacher's PC"), pc, 'the pupil PC online');

    const page = await (await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true })).newPage();
    await signInAsTeacher(page, pc.url, PIN);
    for (const [language, tab, note, newClass] of [
      ['zh-CN', '班级与学生', '这是一台学生电脑。班级和学生在老师的电脑上管理', '新建班级'],
      ['en', 'Classes & pupils', "This is a pupil PC. Its classes and pupils are managed on the teacher's PC", 'New class'],
    ] as const) {
      await inLanguage(page, language);
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('note').filter({ hasText: note }).waitFor();
      await page.getByRole('heading', { name: '三年级一班' }).waitFor();
      await expect.poll(() => page.locator('.pupil-name').allTextContents()).toEqual(['小明', '小红', '小刚']);
      // Nothing to change: no new class, no renaming, no adding or editing pupils, no list import.
      expect(await page.getByRole('heading', { name: newClass }).count()).toBe(0);
      expect(await page.locator('.classes-layout input, .classes-layout select, .classes-layout form').count()).toBe(0);
      expect(await page.locator('.pupil-row button').count()).toBe(0);
      await bothSizes(page, `hub-pupil-pc-roster-${language}`);
    }
    // The lessons given to each class come from the hub too.
    await page.getByRole('link', { name: 'Assign lessons', exact: true }).click();
    await page.getByRole('note').filter({ hasText: "the lessons given to each class come from the teacher's PC" }).waitFor();
    await page.getByRole('link', { name: 'Classes & pupils', exact: true }).click();
    await page.locator('.pupil-name').first().waitFor();
    // And the core says no as well, in the teacher's language, changing nothing.
    const refused = await page.request.post(`${pc.url}/api/pupils.add`, { data: { classId: cls.id, name: '小新' } });
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('roster_from_hub');
    expect(await page.locator('.pupil-name').count()).toBe(3);
    await page.context().close();
    await hubPage.context().close();
  });

  it("shows one pupil's answer to any step (not only a poll) on every screen, calmly, the name hidden", { timeout: 180_000 }, async () => {
    const kite = await startKite(tmp());
    started.push(kite);
    const { LESSON, STEP } = { LESSON: { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' }, STEP: 'do-or-dont' };
    const teacher = await (await browser.newContext({ viewport: VIEWPORTS.laptop })).newPage();
    await signInAsTeacher(teacher, kite.url, PIN);
    const cls = await callApi<{ id: string }>(teacher, 'classes.create', { name: '三年级一班', grade: 3 });
    const xiaoming = await callApi<{ id: string }>(teacher, 'pupils.add', { classId: cls.id, name: '小明' });
    await callApi(teacher, 'session.start', { classId: cls.id, ...LESSON, mode: 'follow' });
    await callApi(teacher, 'session.goToStep', { index: 7 });

    const pupil = await (await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true })).newPage();
    await pupil.goto(kite.url);
    await pupil.getByRole('button', { name: '小明' }).click();
    await pupil.getByRole('button', { name: '举手' }).waitFor();
    // 小明 sorts the cards (one in the wrong pile): recorded as his answer to this step.
    const placement = { 'hand-phone': 'do', 'read-out': 'dont', 'scan-toy': 'do', 'ask-first': 'do', 'type-number': 'dont', 'tell-teacher': 'do' };
    await callApi(pupil, 'attempts.record', { attemptId: crypto.randomUUID(), ...LESSON, packVersion: '1.1.0', stepId: STEP, activityType: 'sort-bins', answer: { placement }, correct: false, hintsUsed: 0, timeMs: 9000 });

    await teacher.goto(`${kite.url}/#/teacher/session`);
    const card = teacher.locator('.dash-card', { has: teacher.getByText('小明', { exact: true }) });
    await card.getByRole('button', { name: '把小明的回答给全班看' }).click();
    const shown = pupil.locator('.shown-answer');
    await shown.getByRole('heading', { name: /一位同学的答案/ }).waitFor();
    await seeText(pupil, '.shown-answer li', '这样做：看到验证码短信，把手机交给妈妈、扫海报上的码领玩具、想扫码时，先问大人、把奇怪的海报告诉老师');
    await seeText(pupil, '.shown-answer li', '不要做：把验证码念给打电话的人、在网页上填爸爸的手机号');
    await shown.locator('rt').first().waitFor();
    // Calm: no right or wrong on the class's screens, nothing covered or blocked.
    expect(await shown.textContent()).not.toMatch(/错|对|✗|✓/);
    expect(await pupil.getByRole('dialog').count()).toBe(0);
    const projector = await teacher.context().newPage();
    await projector.goto(`${kite.url}/#/projector`);
    await projector.locator('.shown-answer').getByText('一位同学的答案').waitFor();
    for (const language of ['zh-CN', 'en'] as const) {
      for (const page of [pupil, projector]) await inLanguage(page, language);
      await pupil.locator('.shown-answer li').first().waitFor();
      await projector.locator('.shown-answer li').first().waitFor();
      await bothSizes(pupil, `hub-shown-answer-pupil-${language}`);
      await bothSizes(projector, `hub-shown-answer-projector-${language}`);
    }
    expect(await pupil.locator('.shown-answer h2').textContent()).toContain("A classmate's answer");
    // A pupil may put it aside; the teacher stops showing it: gone from every screen.
    expect(await smallTouchTargets(pupil)).toEqual([]);
    await shown.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => pupil.locator('.shown-answer').count()).toBe(0);
    await projector.locator('.shown-answer').waitFor();
    await callApi(teacher, 'session.showAnswer', { pupilId: null, hideName: true });
    await expect.poll(() => projector.locator('.shown-answer').count()).toBe(0);
    expect(xiaoming.id).toBeTruthy();
  });
});
