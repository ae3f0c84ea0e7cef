import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCore } from '../../src/core';
import { plainText } from '../../src/shared/markup';
import type { LocalizedText, Step } from '../../src/shared/pack';
import { ALL_LESSON, ALL_STEPS, BROKEN_LESSON, buildPlayerPack, PLAYER_PACK_ID, PLAYER_PACK_VERSION, STEPS } from '../support/player-fixture';
import { openPage, ROOT, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { player, seeText, seriousAxeViolations, setLanguage, signIn, signInGuest, stableBox, tabTo, type Lang, type Mode } from './support/player';

// Not tempDir(): that one is emptied after each test, and these tests share one app.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-player-e2e-'));
const pupils: Record<string, string> = {};

// Registered before useKiteAndBrowser, so the pack and the class are there when kite starts.
beforeAll(async () => {
  const core = createCore({ dataDir, backgroundBackups: false });
  await core.packs.install(await buildPlayerPack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-player-pack-'))), { trustConfirmed: true });
  const klass = core.progress.roster.createClass('一年级一班', 1);
  for (const name of ['小明', '小红', '小刚']) pupils[name] = core.progress.roster.addPupil(klass.id, name).id;
  core.close();
});
const app = useKiteAndBrowser({ dataDir });

const lessonUrl = (lessonId: string) => `${app.kite.url}/#/lesson/${PLAYER_PACK_ID}/${lessonId}`;

/** Complete one step the way a pupil would; some answers are wrong on purpose (touch) to see hint and reveal. */
async function playStep(page: Page, step: Step, mode: Mode, lang: Lang) {
  const { t, L, button, press, feedback } = player(page, mode, lang);
  const touch = mode === 'touch';
  switch (step.id) {
    case STEPS.slide.id: {
      if (lang === 'zh-CN') {
        // Pinyin: explicit markup wins ({小风筝|xiǎo fēng zheng}, even over non-Han text), the dictionary annotates the rest.
        const rts = () => page.locator('.step rt').allTextContents();
        await expect.poll(rts).toContain('nǐ');
        // One syllable over each character; Wi-Fi (five letters, two syllables) keeps its reading whole.
        expect(await rts()).toEqual(expect.arrayContaining(['xiǎo', 'fēng', 'zheng', 'shàng', 'wǎng', 'wài fài']));
        await press(page.getByRole('button', { name: t('pinyin') }));
        await expect.poll(rts).toEqual([]);
        await press(page.getByRole('button', { name: t('pinyin') }));
        await expect.poll(rts).toContain('nǐ');
      }
      expect(await button(t('listen.replay')).isVisible()).toBe(true);
      return;
    }
    case STEPS.singleChoice.id: {
      const s = STEPS.singleChoice;
      if (touch) {
        await press(button(L(s.options[0]!.text)));
        await feedback(L(s.hint));
      }
      await press(button(L(s.options[1]!.text)));
      return feedback(t('feedback.right'));
    }
    case STEPS.multipleChoice.id: {
      const s = STEPS.multipleChoice;
      await press(button(L(s.options[0]!.text)), 'Space');
      await press(button(L(s.options[2]!.text)), 'Space');
      await press(button(t('check')));
      return feedback(t('feedback.right'));
    }
    case STEPS.trueFalse.id: {
      if (touch) {
        await press(button(t('trueFalse.true')));
        await feedback(L(STEPS.trueFalse.hint));
      }
      await press(button(t('trueFalse.false')));
      return feedback(t('feedback.right'));
    }
    case STEPS.sortBins.id: {
      const s = STEPS.sortBins;
      for (const item of s.items) {
        await press(button(L(item.text)));
        await press(button(t('sort.putIn', { bin: L(s.bins.find((b) => b.id === item.bin)!.label) })));
      }
      await press(button(t('check')));
      return feedback(t('feedback.right'));
    }
    case STEPS.sequence.id: {
      const s = STEPS.sequence;
      if (touch) {
        // Two wrong checks: the right order is shown and explained.
        await press(button(t('check')));
        await feedback(L(s.hint));
        await press(button(t('check')));
        await feedback(t('feedback.reveal'));
        await seeText(page, '.feedback', L(s.explanation));
        const shown = await page.locator('.sequence-item').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
        expect(shown).toEqual(s.items.map((item, i) => t('sequence.item', { position: i + 1, name: L(item.text) })));
        return;
      }
      for (let i = 0; i < s.items.length; i++) {
        const names = await page.locator('.sequence-item').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^[^:：]*[:：]\s*/, '')));
        const want = L(s.items[i]!.text);
        const at = names.indexOf(want);
        if (at === i) continue;
        await press(button(t('sequence.item', { position: at + 1, name: want })));
        await press(button(t('sequence.item', { position: i + 1, name: names[i]! })));
      }
      await press(button(t('check')));
      return feedback(t('feedback.right'));
    }
    case STEPS.match.id: {
      const s = STEPS.match;
      const name = (face: { text?: LocalizedText; image?: { alt: LocalizedText } }) => L(face.text ?? face.image?.alt);
      if (touch) {
        await press(button(name(s.pairs[0]!.left)));
        await press(button(name(s.pairs[1]!.right)));
        await feedback(t('match.notAPair'));
      }
      for (const pair of s.pairs) {
        await press(button(name(pair.left), page.getByRole('group', { name: t('match.left') })));
        await press(button(name(pair.right), page.getByRole('group', { name: t('match.right') })));
      }
      return feedback(t('match.allFound'));
    }
    case STEPS.memory.id: {
      const s = STEPS.memory;
      const faceName = (face: { text?: LocalizedText; image?: { alt: LocalizedText } }) => L(face.text ?? face.image?.alt);
      const partner = new Map(s.pairs.flatMap((p) => [[faceName(p.left), faceName(p.right)], [faceName(p.right), faceName(p.left)]]));
      const cards = page.locator('.memory-card');
      const count = await cards.count();
      const known = new Map<number, string>();
      const matched = new Set<number>();
      const flip = async (i: number) => {
        await press(cards.nth(i));
        const label = (await cards.nth(i).getAttribute('aria-label')) ?? '';
        const face = label.replace(/^[^:：]*[:：]\s*/, '');
        known.set(i, face);
        return face;
      };
      while (matched.size < count) {
        const first = [...Array(count).keys()].find((i) => !matched.has(i))!;
        const face = await flip(first);
        const other = [...known].find(([i, f]) => i !== first && !matched.has(i) && f === partner.get(face));
        const second = other ? other[0] : [...Array(count).keys()].find((i) => i !== first && !matched.has(i) && !known.has(i))!;
        const secondFace = await flip(second);
        if (partner.get(face) === secondFace) matched.add(first).add(second);
      }
      return feedback(t('match.allFound'));
    }
    case STEPS.findHotspots.id: {
      const s = STEPS.findHotspots;
      const image = page.locator('.hotspot-image');
      if (touch) {
        const tapAt = async (x: number, y: number) => {
          const box = await stableBox(image.locator('img'));
          await page.touchscreen.tap(box.x + (box.width * x) / 100, box.y + (box.height * y) / 100);
        };
        await tapAt(50, 45);
        await feedback(t('hotspots.notThere'));
        for (const spot of s.hotspots) await tapAt(spot.region.x + spot.region.w / 2, spot.region.y + spot.region.h / 2);
      } else {
        await tabTo(page, image);
        let at = { x: 50, y: 50 };
        for (const spot of s.hotspots) {
          const goal = { x: spot.region.x + spot.region.w / 2, y: spot.region.y + spot.region.h / 2 };
          const dx = (goal.x - at.x) / 5;
          const dy = (goal.y - at.y) / 5;
          for (let i = 0; i < Math.abs(dx); i++) await page.keyboard.press(dx > 0 ? 'ArrowRight' : 'ArrowLeft');
          for (let i = 0; i < Math.abs(dy); i++) await page.keyboard.press(dy > 0 ? 'ArrowDown' : 'ArrowUp');
          await page.keyboard.press('Enter');
          at = goal;
        }
      }
      await page.getByText(t('hotspots.found', { found: 2, total: 2 })).waitFor();
      return feedback(t('hotspots.allFound'));
    }
    case STEPS.explore.id: {
      const s = STEPS.explore;
      for (const [i, spot] of s.hotspots.entries()) {
        await press(button(`${i + 1}. ${L(spot.title)}`));
        await seeText(page, '.explore-note', L(spot.note));
      }
      return feedback(t('explore.allSeen'));
    }
    case STEPS.markWords.id: {
      for (const word of STEPS.markWords.words[lang]!.filter((w) => w.target)) await press(button(plainText(word.text)), 'Space');
      await press(button(t('check')));
      return feedback(t('feedback.right'));
    }
    case STEPS.fillBlanks.id: {
      const s = STEPS.fillBlanks;
      const bank = page.getByRole('group', { name: t('fill.bank') });
      for (const blank of s.blanks) await press(button(L(s.bank.find((w) => w.id === blank.answer)!.text), bank));
      await press(button(t('check')));
      return feedback(t('feedback.right'));
    }
    case STEPS.chat.id: {
      const hello = STEPS.chat.nodes.hello;
      if (touch) {
        await press(button(L(hello.choices![0]!.text)));
        await page.getByText(t('chat.unsafe')).waitFor();
        await press(button(t('chat.retry')));
      }
      await press(button(L(hello.choices![1]!.text)));
      await page.getByText(t('chat.safe')).waitFor();
      return;
    }
    case STEPS.video.id: {
      const cue = STEPS.video.cues[0]!.activity;
      // The pupil turns the sound off with the big button, then taps the picture (touch) or presses play (keyboard).
      const controls = page.getByRole('group', { name: lang === 'en' ? 'Video buttons' : '视频按钮' });
      await press(button(lang === 'en' ? 'Mute' : '静音', controls));
      if (touch) await page.locator('.video-tap').tap();
      else await press(button(lang === 'en' ? 'Play' : '播放', controls));
      const question = page.getByRole('region', { name: t('video.question') });
      await question.waitFor({ timeout: 20_000 });
      await seeText(page, '.video-cue', L(cue.prompt));
      expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
      await press(button(t('trueFalse.true'), question));
      await press(button(t('video.continue')));
      await page.getByText(t('video.finished')).waitFor({ timeout: 20_000 });
      // Subtitles load in the lesson's language (zh-CN ships SRT, converted in the renderer).
      expect(await page.locator('video track').getAttribute('srclang')).toBe(lang);
      return;
    }
    case STEPS.password.id: {
      const field = page.getByLabel(t('password.label'));
      await expect.poll(() => field.isEnabled(), { timeout: 20_000 }).toBe(true);
      if (touch) await field.tap();
      else await tabTo(page, field);
      await page.keyboard.type('abc123');
      await expect.poll(() => page.getByRole('meter').getAttribute('aria-valuenow')).toBe('0');
      await page.getByText(t('password.tips.longer')).waitFor();
      await field.fill('');
      await page.keyboard.type(SECRET_PASSWORD);
      await expect.poll(async () => Number(await page.getByRole('meter').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(3);
      await press(button(t('password.reachedDone')));
      await page.getByText(t('password.reached')).waitFor();
      expect(await field.inputValue()).toBe('');
      return;
    }
    case STEPS.flashcards.id: {
      const s = STEPS.flashcards;
      const card = page.locator('.flashcard');
      await press(card);
      await expect.poll(() => card.getAttribute('aria-label')).toContain(L(s.cards[0]!.back.text));
      await press(button(t('flashcards.next')));
      await press(card);
      return feedback(t('flashcards.allSeen'));
    }
    case STEPS.selfCheck.id: {
      const s = STEPS.selfCheck;
      for (const q of s.questions) {
        const option = page.getByRole('radio', { name: L(q.options[0]), exact: true });
        if (touch) await option.tap();
        else {
          await tabTo(page, option);
          await page.keyboard.press('Space');
        }
        expect(await option.isChecked()).toBe(true);
      }
      await press(button(t('selfCheck.done')));
      await seeText(page, '.reflection', L(s.reflection));
      return;
    }
    case STEPS.demo.id: {
      // The demo itself is embedded (loaded on demand); its Done button hands over to Next.
      const demo = page.locator('section.demo.embedded');
      await demo.getByRole('heading', { level: 2 }).waitFor({ timeout: 30_000 });
      const doneLabel = (JSON.parse(fs.readFileSync(path.join(ROOT, 'src/renderer/src/i18n/locales', lang, 'demos.json'), 'utf8')) as { demos: { common: { done: string } } }).demos.common.done;
      await press(button(doneLabel, demo));
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('nav-next'))).toBe(true);
      return;
    }
  }
  throw new Error(`no driver for step ${step.id}`);
}

/** By touch some steps are answered wrong first on purpose: 2 stars (60–89 % right at the first try). */
const TOUCH_STARS = 2;

const SECRET_PASSWORD = 'purple-tiger-eats-42-mangoes!';

const shotName = (step: Step) => (step.type === 'match-pairs' && step.id === STEPS.memory.id ? 'match-pairs-memory' : step.type);

const RUNS: { mode: Mode; lang: Lang; size: keyof typeof VIEWPORTS; pupil?: string }[] = [
  { mode: 'touch', lang: 'zh-CN', size: 'laptop', pupil: '小明' },
  { mode: 'keyboard', lang: 'en', size: 'fullHd' },
  { mode: 'touch', lang: 'en', size: 'laptop' },
  { mode: 'keyboard', lang: 'zh-CN', size: 'fullHd', pupil: '小红' },
];

describe('the lesson player', () => {
  for (const run of RUNS) {
    it(`plays every step type by ${run.mode} (${run.lang}, ${run.size}${run.pupil ? ', signed-in pupil' : ', guest'})`, { timeout: 600_000 }, async () => {
      const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[run.size]);
      const { t, button, press } = player(page, run.mode, run.lang);
      await setLanguage(page, run.lang);
      if (run.pupil) await signIn(page, pupils[run.pupil]!);
      else await signInGuest(page);
      const sent: Record<string, unknown>[] = [];
      const saved: boolean[] = [];
      page.on('request', (r) => r.url().endsWith('/api/attempts.record') && sent.push(r.postDataJSON() as Record<string, unknown>));
      page.on('response', (r) => r.url().endsWith('/api/attempts.record') && void r.json().then((b: { result?: { saved: boolean } }) => saved.push(!!b.result?.saved)));
      await page.goto(lessonUrl(ALL_LESSON));
      await page.reload();

      const axe: Record<string, string[]> = {};
      for (const [index, step] of ALL_STEPS.entries()) {
        await page.getByRole('button', { name: t('path.stone', { n: index + 1, total: ALL_STEPS.length, state: t('path.current') }) }).waitFor();
        await playStep(page, step, run.mode, run.lang);
        const next = page.locator('.nav-next');
        await expect.poll(() => next.getAttribute('aria-disabled')).toBeNull();
        axe[shotName(step)] = await seriousAxeViolations(page);
        expect((await smallTouchTargets(page, run.lang === 'zh-CN' ? 48 : 48)).filter((s) => !s.startsWith('input')), step.id).toEqual([]);
        await screenshot(page, `player-${shotName(step)}-${run.lang}-${run.size}`);
        await press(next);
      }

      // The calm finish: a badge and stars.
      await page.getByRole('heading', { name: t('finish.title') }).waitFor();
      const starsShown = await page.locator('.stars').getAttribute('aria-label');
      axe.finish = await seriousAxeViolations(page);
      await screenshot(page, `player-finish-${run.lang}-${run.size}`);
      fs.writeFileSync(path.join(ROOT, 'test-results', `player-axe-${run.lang}-${run.size}.json`), JSON.stringify(axe, null, 2));
      expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);

      // Every answer went through the contract as an attempt, with what the progress store needs.
      await expect.poll(() => saved.length).toBe(sent.length);
      for (const a of sent) {
        expect(a).toMatchObject({ packId: PLAYER_PACK_ID, packVersion: PLAYER_PACK_VERSION, lessonId: ALL_LESSON });
        expect(a.attemptId).toMatch(/^[0-9a-f-]{36}$/);
        expect(typeof a.timeMs).toBe('number');
        expect(typeof a.hintsUsed).toBe('number');
      }
      expect(new Set(sent.map((a) => a.attemptId)).size).toBe(sent.length);
      const byStep = (id: string) => sent.filter((a) => a.stepId === id);
      const answered = [...ALL_STEPS.filter((s) => s.type !== 'slide' && s.type !== 'demo').map((s) => s.id), STEPS.video.cues[0]!.activity.id];
      for (const id of answered) expect(byStep(id).length, id).toBeGreaterThan(0);
      for (const s of ALL_STEPS) for (const a of byStep(s.id)) expect(a.activityType).toBe(s.type);
      const last = (id: string) => byStep(id).at(-1)!;
      for (const id of [STEPS.singleChoice.id, STEPS.trueFalse.id, STEPS.multipleChoice.id, STEPS.sortBins.id, STEPS.markWords.id, STEPS.fillBlanks.id, STEPS.chat.id, STEPS.video.id]) expect(last(id).correct, id).toBe(true);
      for (const id of [STEPS.explore.id, STEPS.flashcards.id, STEPS.selfCheck.id, STEPS.password.id]) expect(last(id).correct, id).toBeNull();
      if (run.mode === 'touch') {
        expect(byStep(STEPS.singleChoice.id).map((a) => a.correct)).toEqual([false, true]);
        expect(byStep(STEPS.sequence.id).map((a) => [a.correct, a.hintsUsed])).toEqual([[false, 0], [false, 1]]);
        expect(byStep(STEPS.chat.id).map((a) => a.correct)).toEqual([false, true]);
      } else {
        expect(byStep(STEPS.sequence.id).map((a) => a.correct)).toEqual([true]);
      }
      // The stars the pupil saw are the ones these answers earn: the share of graded steps right at the
      // first try (3 from 90 %, 2 from 60 %). By keyboard every first try is right.
      const firstTry = new Map<string, boolean>();
      for (const a of sent) if (a.correct !== null && !firstTry.has(a.stepId as string)) firstTry.set(a.stepId as string, a.correct === true);
      const share = [...firstTry.values()].filter(Boolean).length / firstTry.size;
      const earned = share >= 0.9 ? 3 : share >= 0.6 ? 2 : 1;
      expect(earned).toBe(run.mode === 'touch' ? TOUCH_STARS : 3);
      expect(starsShown).toBe(t('finish.starsLabel', { count: earned }));
      // The password never leaves the screen: the attempt carries the score only.
      expect(last(STEPS.password.id).answer).toEqual({ score: expect.any(Number), target: 3 });
      expect(JSON.stringify(sent)).not.toContain(SECRET_PASSWORD);
      expect(JSON.stringify(sent)).not.toContain('abc123');
      expect(fs.readFileSync(path.join(app.kite.dataDir, 'logs', fs.readdirSync(path.join(app.kite.dataDir, 'logs'))[0]!), 'utf8')).not.toContain(SECRET_PASSWORD);

      if (run.pupil) {
        expect(saved.every(Boolean)).toBe(true);
        const db = new Database(path.join(app.kite.dataDir, 'kite.db'), { readonly: true });
        const stored = db.prepare("SELECT count(*) AS n FROM progress_events WHERE kind = 'attempt' AND pupil_id = ?").get(pupils[run.pupil]) as { n: number };
        db.close();
        expect(stored.n).toBe(sent.length);
      } else {
        expect(saved.every((s) => !s)).toBe(true);
      }
      expect(await button(t('finish.again')).isVisible()).toBe(true);
      expect(external).toEqual([]);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await context.close();
    });
  }

  it('resumes where a pupil stopped', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.fullHd);
    await setLanguage(page, 'zh-CN');
    await signIn(page, pupils['小刚']!);
    const { t, button, press } = player(page, 'touch', 'zh-CN');
    await page.goto(lessonUrl(ALL_LESSON));
    await page.reload();
    await press(page.locator('.nav-next'));
    await press(button(plainText(STEPS.singleChoice.options[1]!.text['zh-CN']!)));
    await press(page.locator('.nav-next'));
    await page.getByRole('button', { name: t('path.stone', { n: 3, total: ALL_STEPS.length, state: t('path.current') }) }).waitFor();
    await page.goto(`${app.kite.url}/#/lessons`);
    await page.goto(lessonUrl(ALL_LESSON));
    await seeText(page, '.welcome-back', t('resumed', { n: 3 }));
    await page.getByRole('button', { name: t('path.stone', { n: 3, total: ALL_STEPS.length, state: t('path.current') }) }).waitFor();
    await screenshot(page, 'player-resume-zh-CN-fullHd');
    await press(button(t('restart')));
    await page.getByRole('button', { name: t('path.stone', { n: 1, total: ALL_STEPS.length, state: t('path.current') }) }).waitFor();
    await context.close();
  });

  it('shows a friendly card for a damaged step and lets the pupil skip it', async () => {
    // Damage the installed lesson on disk (what validation at install would have refused).
    const file = path.join(app.kite.dataDir, 'packs', PLAYER_PACK_ID, PLAYER_PACK_VERSION, 'lessons', `${BROKEN_LESSON}.json`);
    const lesson = JSON.parse(fs.readFileSync(file, 'utf8'));
    lesson.steps[2].start = 'missing-node';
    fs.writeFileSync(file, JSON.stringify(lesson));

    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await setLanguage(page, 'en');
    await signInGuest(page);
    const { t, button, press } = player(page, 'touch', 'en');
    await page.goto(lessonUrl(BROKEN_LESSON));
    await page.reload();
    await press(page.locator('.nav-next'));
    await press(button(t('trueFalse.false')));
    await press(page.locator('.nav-next'));
    await page.getByRole('alert').filter({ hasText: t('broken.title') }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'player-broken-en-laptop');
    await press(button(t('broken.skip')));
    await page.getByRole('heading', { name: plainText(STEPS.singleChoice.prompt.en ?? "") }).waitFor();
    await press(button(plainText(STEPS.singleChoice.options[1]!.text.en!)));
    await press(page.locator('.nav-next'));
    // A gallery video this PC does not have: a friendly card, and the pupil goes on.
    await page.getByText(t('video.gallery')).waitFor();
    await screenshot(page, 'player-gallery-missing-en-laptop');
    await press(button(t('skip')));
    await press(page.locator('.nav-next'));
    await page.getByRole('heading', { name: t('finish.title') }).waitFor();
    await setLanguage(page, 'zh-CN');
    await context.close();
  });
});
