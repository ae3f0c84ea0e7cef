import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inLanguage, openPupilPage, screenshot, signInAsTeacher, smallTouchTargets, systemVoicesScript, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { axeProblems } from './support/axe';

const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
const PIN = '1357';

const words = {
  'zh-CN': { listen: '听一听', none: '这台电脑不会用中文朗读，请老师帮你读', cue: '请老师读给你听', tab: '设备检查', voices: '朗读声音', missing: '中文：没有朗读声音', has: '中文：有（Stand-in Mandarin voice）' },
  en: { listen: 'Listen', none: 'This computer cannot read aloud in English: ask your teacher to read it', cue: 'Ask your teacher to read it to you', tab: 'Health check', voices: 'Reading-aloud voices', missing: '中文: no voice', has: '中文: yes (Stand-in Mandarin voice)' },
} as const;

async function openHealth(page: Page, lang: 'zh-CN' | 'en') {
  await inLanguage(page, 'zh-CN');
  await signInAsTeacher(page, app.kite.url, PIN);
  await inLanguage(page, lang);
  await page.getByRole('link', { name: words[lang].tab, exact: true }).click();
  return page.getByRole('region', { name: words[lang].voices });
}

describe('a PC without a Chinese speech voice', () => {
  for (const [lang, size] of [['zh-CN', 'laptop'], ['en', 'fullHd']] as const) {
    const w = words[lang];
    it(`the pupil sees a crossed-out speaker and a picture, the teacher a warning with how to add a voice (${lang}, ${size})`, async () => {
      // Headless Chromium really has no voices: this is the missing case as it is, nothing made up.
      const { page, context } = await openPupilPage(app.browser, app.kite.url, VIEWPORTS[size], { voices: false });
      await inLanguage(page, lang);
      expect(await page.evaluate(() => new Promise<number>((done) => setTimeout(() => done(speechSynthesis.getVoices().length), 3000)))).toBe(0);
      const noVoice = page.getByRole('button', { name: w.none }).first();
      await noVoice.waitFor();
      expect(await page.getByRole('button', { name: w.listen, exact: true }).count()).toBe(0);
      await noVoice.tap();
      await page.getByRole('img', { name: w.cue }).waitFor();
      expect(await smallTouchTargets(page)).toEqual([]);
      await screenshot(page, `voice-missing-pupil-${lang}-${size}`);
      expect(await axeProblems(page, 'body')).toEqual([]);

      const section = await openHealth(page, lang);
      await section.getByText(w.missing).waitFor();
      expect(await section.textContent()).toContain('Windows 10 / 11');
      expect(await section.textContent()).toContain('sudo apt install speech-dispatcher espeak-ng');
      await section.evaluate((el) => el.scrollIntoView());
      await screenshot(page, `voice-missing-teacher-${lang}-${size}`);
      expect(await axeProblems(page, '.voice-health')).toEqual([]);
      await inLanguage(page, 'zh-CN');
      await context.close();
    }, 90_000);
  }
});

describe('a PC with a Chinese voice (a stand-in voice list: headless Chromium has none)', () => {
  it('the speaker reads aloud once the voices arrive late (voiceschanged), and the teacher sees the voice', async () => {
    const { page, context } = await openPupilPage(app.browser, app.kite.url, VIEWPORTS.laptop, { voices: false });
    // The list is empty at first and filled 800 ms later with a voiceschanged event, as Chromium does.
    await context.addInitScript(systemVoicesScript(800));
    // Remember what is sent to speech synthesis (the browser's own speak() still runs).
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => (spoken.push({ text: u.text, lang: u.lang }), speak(u));
    });
    await page.reload();
    const listen = page.getByRole('button', { name: '听一听', exact: true }).first();
    await listen.waitFor();
    expect(await page.getByRole('button', { name: words['zh-CN'].none }).count()).toBe(0);
    await listen.tap();
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    await expect.poll(async () => (await spoken()).length).toBeGreaterThan(0);
    expect((await spoken())[0]!.lang).toBe('zh-CN');

    const section = await openHealth(page, 'zh-CN');
    await section.getByText(words['zh-CN'].has).waitFor();
    expect(await section.textContent()).not.toContain('speech-dispatcher');
    await screenshot(page, 'voice-present-teacher-zh-CN-laptop');
    await context.close();
  }, 90_000);
});
