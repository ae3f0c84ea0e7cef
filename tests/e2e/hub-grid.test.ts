import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createCore, type Core } from '../../src/core';
import { startServer, type RunningServer } from '../../src/server/server';
import type { PushLoop } from '../../src/core/hub/sync/push-loop';
import { inLanguage, launchBrowser, openPage, ROOT, screenshot, signInAsTeacher, VIEWPORTS } from './support/app';

// The hub's teacher console while a pupil PC pushes answers: the class grid shows them as they arrive,
// without the teacher reloading. The hub is a real core behind the browser host; the pupil PC is a second
// core whose push loop hands its batches straight to the hub's ingest (the room's HTTPS transport is
// hub-net's; here it is a function call carrying JSON).

const LESSON = { packId: 'org.kiteclassroom.smart-explorers', packVersion: '1.0.0', lessonId: 'kind-words' };
const TEXT = {
  'zh-CN': { tab: '学习进度', done: /已完成/ },
  en: { tab: 'Progress', done: /^Done/ },
} as const;

let hub: Core;
let pc: Core;
let server: RunningServer;
let browser: Browser;
let loop: PushLoop;
let url = '';
const pupils: { id: string; name: string }[] = [];

beforeAll(async () => {
  hub = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-hub-')) });
  await hub.packs.installBuiltins(path.join(ROOT, 'out/builtin-packs'));
  const cls = hub.progress.roster.createClass('三年级一班', 3);
  for (const name of ['小明', '小红']) pupils.push(hub.progress.roster.addPupil(cls.id, name));
  server = await startServer({ core: hub, rendererDir: path.join(ROOT, 'out/renderer'), port: 0 });
  url = `http://127.0.0.1:${server.port}`;
  pc = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-pupil-pc-')) });
  pc.hubSync.applyRoster(JSON.parse(JSON.stringify(hub.hubSync.rosterSnapshot())));
  loop = pc.hubSync.startPushLoop(async (events, { sentAt }) =>
    JSON.parse(JSON.stringify(hub.hubSync.ingest(pc.progress.store.deviceId, JSON.parse(JSON.stringify(events)) as unknown[], sentAt))),
  );
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await loop?.stop();
  await browser?.close();
  await server?.close();
  for (const core of [pc, hub]) {
    core?.close();
    fs.rmSync(core.layout.root, { recursive: true, force: true });
  }
});

/** A pupil on the pupil PC answers the lesson's first question and finishes it. */
function answerOnThePupilPc(pupilId: string) {
  pc.progress.store.recordAttempt(pupilId, { attemptId: crypto.randomUUID(), ...LESSON, stepId: 'q1', activityType: 'single-choice', answer: { chosen: ['a'] }, correct: true, hintsUsed: 0, timeMs: 4000 });
  pc.progress.store.finishLesson(pupilId, LESSON);
}

describe('the hub\'s class grid while pupil PCs push', () => {
  for (const [index, [language, viewport]] of ([['zh-CN', 'laptop'], ['en', 'fullHd']] as const).entries()) {
    it(`shows an answer made on a pupil PC without a reload (${language}, ${viewport})`, async () => {
      const text = TEXT[language];
      const { page, context, external, consoleErrors } = await openPage(browser, url, VIEWPORTS[viewport]);
      await signInAsTeacher(page, url, '2468');
      await inLanguage(page, language);
      await page.getByRole('link', { name: text.tab, exact: true }).click();
      const pupil = pupils[index] as { id: string; name: string };
      const row = page.getByRole('table').getByRole('row', { name: new RegExp(pupil.name) });
      await row.waitFor();
      expect(await row.getByRole('img', { name: text.done }).count()).toBe(0);

      const started = performance.now();
      answerOnThePupilPc(pupil.id);
      await row.getByRole('img', { name: text.done }).waitFor({ timeout: 10_000 });
      process.stdout.write(`hub grid (${language}): the pupil PC's answer showed after ${Math.round(performance.now() - started)} ms\n`);
      await screenshot(page, `hub-grid-pushed-answer-${language}-${viewport}`);
      expect(external).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
