import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi, inLanguage, launchBrowser, openPage, openPupilPage, readableText, runKite, screenshot, signInAsTeacher, startKite, VIEWPORTS, type KiteServer } from './support/app';
import { freePort, startHubKite, until } from './support/hub';

const started: KiteServer[] = [];
let browser: Browser;
beforeAll(async () => void (browser = await launchBrowser()));
afterAll(async () => browser?.close());
afterEach(async () => {
  for (const kite of started.splice(0)) await kite.stop();
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kite-hubchaos-'));

describe('a pupil PC whose hub is killed (kill -9) mid-class', () => {
  it('shows a calm banner on its screens, keeps them working, and drops the banner when the hub is back', { timeout: 180_000 }, async () => {
    const hubDir = tmp();
    const port = await freePort();
    const hub = await startHubKite(hubDir, port);
    started.push(hub.kite);
    const pupilDir = tmp();
    expect((await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir])).code).toBe(0);
    const pc = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pc);
    await until(() => pc.output().includes("Connected to the teacher's PC"), pc, 'the pupil PC online');

    const { page } = await openPupilPage(browser, pc.url, VIEWPORTS.laptop);
    const banner = page.getByRole('status').filter({ hasText: /老师的电脑暂时连不上|Can't reach the teacher's PC/ });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'online' });
    expect(await banner.count()).toBe(0);

    // No goodbye (a killed process never stops again; the helper's stop() would wait for it).
    started.splice(started.indexOf(hub.kite), 1);
    hub.kite.process.kill('SIGKILL');
    await banner.waitFor({ timeout: 30_000 });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'offline' });
    for (const language of ['zh-CN', 'en'] as const) {
      await inLanguage(page, language);
      await banner.waitFor({ timeout: 15_000 });
      expect(await readableText(page, '.hub-offline-banner')).toContain(language === 'zh-CN' ? '老师的电脑暂时连不上，你可以继续学习。' : "Can't reach the teacher's PC just now. You can keep learning.");
      // Like the app's other pupil words: pinyin over the Chinese (none in English) and a speaker.
      if (language === 'zh-CN') await banner.locator('rt', { hasText: /^nǎo$/ }).first().waitFor({ timeout: 15_000 });
      else expect(await banner.locator('rt').count()).toBe(0);
      await banner.getByRole('button', { name: /^(听一听|Listen)$/ }).waitFor();
      for (const viewport of [VIEWPORTS.laptop, VIEWPORTS.fullHd]) {
        await page.setViewportSize(viewport);
        await screenshot(page, `hub-offline-banner-${language}-${viewport.width}`);
      }
      await page.setViewportSize(VIEWPORTS.laptop);
    }
    // It blocks nothing: no dialog, the pupil's screen stays in reach.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('main#main').isVisible()).toBe(true);

    const back = await startHubKite(hubDir, port);
    started.push(back.kite);
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await callApi(page, 'room.link')).toEqual({ hub: 'online' });
  });
});

describe('a pupil PC killed (kill -9) with a signed-in pupil\'s answers not yet sent', () => {
  it('sends them after its next start: the hub ends with the union of its events, none lost, none doubled', { timeout: 180_000 }, async () => {
    const hubDir = tmp();
    const port = await freePort();
    const hub = await startHubKite(hubDir, port);
    started.push(hub.kite);
    const teacher = await (await browser.newContext({ viewport: VIEWPORTS.laptop })).newPage();
    await signInAsTeacher(teacher, hub.kite.url, '2580');
    const cls = await callApi<{ id: string }>(teacher, 'classes.create', { name: '三年级一班', grade: 3 });
    await callApi(teacher, 'pupils.add', { classId: cls.id, name: '小明' });
    await teacher.context().close();

    const pupilDir = tmp();
    expect((await runKite(['join', hub.address, '--code', hub.code, '--data', pupilDir])).code).toBe(0);
    let pc = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pc);
    await until(() => pc.output().includes("Connected to the teacher's PC"), pc, 'the pupil PC online');
    const { page } = await openPage(browser, pc.url, VIEWPORTS.laptop);
    await page.getByRole('button', { name: '小明' }).click();
    await page.getByText('小明', { exact: true }).first().waitFor();
    const record = async (stepId: string) => {
      const id = crypto.randomUUID();
      await callApi(page, 'attempts.record', { attemptId: id, packId: 'org.example.pack', packVersion: '1.0.0', lessonId: 'lesson', stepId, activityType: 'single-choice', answer: { option: 'a' }, correct: true, hintsUsed: 0, timeMs: 900 });
      return id;
    };
    const hubEvents = () => eventsIn(hubDir);

    // Two answers reach the hub; then the hub is gone (killed) and two more wait on the PC only.
    const sent = [await record('q1'), await record('q2')];
    await expect.poll(() => sent.every((id) => hubEvents().includes(id)), { timeout: 20_000 }).toBe(true);
    started.splice(started.indexOf(hub.kite), 1);
    hub.kite.process.kill('SIGKILL');
    await offlineBanner(page).waitFor({ timeout: 30_000 });
    const waiting = [await record('q3'), await record('q4')];
    // The PC loses power right after the pupil's last answer: no goodbye, nothing flushed on the way out.
    started.splice(started.indexOf(pc), 1);
    pc.process.kill('SIGKILL');
    await new Promise((resolve) => (pc.process.exitCode !== null || pc.process.signalCode !== null ? resolve(null) : pc.process.once('exit', resolve)));
    const onPc = eventsIn(pupilDir);
    expect(onPc).toEqual([...sent, ...waiting].sort());

    // Both come back: the hub where it was, the PC on its data folder. The waiting answers arrive, once each.
    const back = await startHubKite(hubDir, port);
    started.push(back.kite);
    pc = await startKite(pupilDir, { args: ['--no-builtin-packs'] });
    started.push(pc);
    await expect.poll(() => waiting.every((id) => hubEvents().includes(id)), { timeout: 60_000 }).toBe(true);
    expect(hubEvents()).toEqual(onPc);
    expect(rowsIn(hubDir)).toBe(onPc.length);
  });
});

/** The progress event ids in a data folder's database (read-only, beside the running app), sorted. */
function eventsIn(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'kite.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM progress_events ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}
function rowsIn(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'kite.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM progress_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const offlineBanner = (page: Page) => page.getByRole('status').filter({ hasText: /老师的电脑暂时连不上|Can't reach the teacher's PC/ });
