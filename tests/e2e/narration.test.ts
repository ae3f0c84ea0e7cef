import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { InstalledPack, LessonView } from '../../src/shared/contract';
import { axeProblems } from './support/axe';
import { call, fakeMicrophone, inLanguage, openPage, openPupilPage, screenshot, signInAsTeacher, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';

/**
 * Teacher narration: in the lesson notes, the teacher records their voice for a step (Chromium's
 * fake microphone plays a tone made with ffmpeg), listens back, saves; a pupil's speaker button
 * then plays that recording instead of speech synthesis. Needs `npm run build` first.
 */

const PIN = '2468';
const WAV = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-voice-')), 'voice.wav');
beforeAll(() => {
  // Two seconds of a tone that rises and falls, as the microphone hears it (Chromium loops the file).
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=2', '-af', 'volume=0.8,tremolo=f=3:d=0.7', '-ac', '1', '-ar', '48000', WAV]);
});
const app = useKiteAndBrowser({ browserArgs: () => fakeMicrophone(WAV) });

const WORDS = {
  'zh-CN': { step: (n: number) => `第 ${n} 步`, record: '录音', stop: /停止/, listen: /试听/, save: '保存', again: /重新录/, discard: '不要了', saved: /您的声音/, title: '录下您的声音' },
  en: { step: (n: number) => `Step ${n}`, record: 'Record', stop: /Stop/, listen: /Listen/, save: 'Save', again: /Record again/, discard: 'Discard', saved: /Your voice/, title: 'Record your voice' },
} as const;

/** Every media element the page plays, by its src, in window.kitePlayed (the assertion of which voice was heard). */
async function watchPlayback(context: BrowserContext, page: Page): Promise<void> {
  await context.addInitScript(() => {
    const played: string[] = [];
    (window as unknown as { kitePlayed: string[] }).kitePlayed = played;
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      played.push(this.src);
      return play.call(this);
    };
  });
  await page.reload();
}
const played = (page: Page) => page.evaluate(() => [...(window as unknown as { kitePlayed: string[] }).kitePlayed]);

let lesson: { packId: string; lessonId: string };

async function openVoiceSection(page: Page, lang: 'zh-CN' | 'en') {
  await page.goto(`${app.kite.url}/#/teacher/lesson-notes/${lesson.packId}/${lesson.lessonId}`);
  const section = page.getByRole('region', { name: WORDS[lang].title });
  await section.waitFor();
  return section;
}

describe('teacher narration recording', () => {
  it('the teacher records step 1, listens back and saves; a pupil\'s speaker button then plays the teacher\'s voice', { timeout: 180_000 }, async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(page, app.kite.url, PIN);
    const packs = await call<InstalledPack[]>(page, 'packs.list');
    const pack = packs[0] as InstalledPack;
    lesson = { packId: pack.id, lessonId: pack.lessons[0]?.id as string };
    await watchPlayback(context, page);
    const w = WORDS['zh-CN'];
    const section = await openVoiceSection(page, 'zh-CN');
    const step = section.getByRole('group', { name: w.step(1) });

    await step.getByRole('button', { name: w.record }).click();
    const timer = step.getByRole('timer');
    await expect.poll(() => timer.textContent(), { timeout: 10_000 }).toMatch(/0:0[1-9]/);
    await step.getByRole('button', { name: w.stop }).click();
    await step.getByRole('button', { name: w.listen }).click();
    await expect.poll(() => played(page)).toEqual([expect.stringMatching(/^blob:/)]);
    await step.getByRole('button', { name: w.save }).click();
    await step.getByText(w.saved).waitFor();

    const view = await call<LessonView>(page, 'lessons.get', lesson);
    const [saved] = view.recordings ?? [];
    expect(view.recordings).toHaveLength(1);
    expect(saved).toMatchObject({ stepId: view.lesson.steps[0]?.id, language: 'zh-CN', type: 'audio/webm' });
    expect(saved?.bytes).toBeGreaterThan(1000);
    const served = await page.request.get(`${app.kite.url}${saved?.url}`);
    expect(served.headers()['content-type']).toBe('audio/webm');
    // Kept after a reload: the saved voice, ready to hear again.
    await page.reload();
    await (await openVoiceSection(page, 'zh-CN')).getByRole('group', { name: w.step(1) }).getByText(w.saved).waitFor();
    expect(external).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();

    // A pupil (a guest) opens the lesson: the step is read aloud at once (auto-narration, on by
    // default) in the teacher's voice, and again when the pupil taps the speaker.
    const pupil = await openPupilPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await watchPlayback(pupil.context, pupil.page);
    await pupil.page.goto(`${app.kite.url}/#/lesson/${lesson.packId}/${lesson.lessonId}`);
    const teacherVoice = `${app.kite.url}${saved?.url}`;
    await expect.poll(() => played(pupil.page)).toEqual([teacherVoice]);
    await pupil.page.getByRole('button', { name: '再听一遍' }).click();
    await expect.poll(() => played(pupil.page)).toEqual([teacherVoice, teacherVoice]);
    // The next step has no recording: no sound file plays for it (the pack has none; speech synthesis reads it).
    await pupil.page.getByRole('button', { name: '下一步' }).click();
    await pupil.page.getByRole('button', { name: '再听一遍' }).click();
    expect(await played(pupil.page)).toEqual([teacherVoice, teacherVoice]);
    expect(pupil.consoleErrors, pupil.consoleErrors.join('\n')).toEqual([]);
    await pupil.context.close();
  });

  it('the recording screens (ready, recording with level and time, recorded) read well at 1366×768 and 1920×1080 in zh-CN and en', { timeout: 300_000 }, async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const viewport of ['laptop', 'fullHd'] as const) {
        const w = WORDS[lang];
        const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[viewport]);
        await call(page, 'auth.teacherSignIn', { pin: PIN });
        await inLanguage(page, lang);
        const section = await openVoiceSection(page, lang);
        const step = section.getByRole('group', { name: w.step(2) });
        await step.scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector('.lesson-voice')?.scrollIntoView({ block: 'start' }));
        expect(await axeProblems(page, '.lesson-voice')).toEqual([]);
        expect(await smallTouchTargets(page)).toEqual([]);
        await screenshot(page, `narration-ready-${lang}-${viewport}`);

        await step.getByRole('button', { name: w.record }).click();
        await expect.poll(() => step.getByRole('timer').textContent(), { timeout: 10_000 }).toMatch(/0:0[1-9]/);
        // The level meter moves with the voice.
        await expect.poll(() => step.locator('.voice-meter > span').evaluate((el) => parseFloat((el as HTMLElement).style.width))).toBeGreaterThan(5);
        await screenshot(page, `narration-recording-${lang}-${viewport}`);
        await step.getByRole('button', { name: w.stop }).click();
        await step.getByRole('button', { name: w.save }).waitFor();
        expect(await axeProblems(page, '.lesson-voice')).toEqual([]);
        expect(await smallTouchTargets(page)).toEqual([]);
        await screenshot(page, `narration-recorded-${lang}-${viewport}`);
        await step.getByRole('button', { name: w.discard }).click();
        await step.getByRole('button', { name: w.record }).waitFor();
        expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
        await context.close();
      }
    }
  });
});
