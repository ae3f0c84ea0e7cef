import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createCore } from '../../src/core';
import type { Lesson } from '../../src/shared/pack';
import { buildFixturePack } from '../support/packs';
import { PLAYER_MEDIA, STEPS } from '../support/player-fixture';
import { openPage, screenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { answerCorrectly, player, seeText, setLanguage, signIn, tabTo, type Lang } from './support/player';
import { seriousAxeViolations } from './support/player';

// Real drag with a finger (issue 16): every drag activity is played with real touch events
// (CDP Input.dispatchTouchEvent in a hasTouch context, as a touch screen sends them), and by
// tap-then-tap, in a grade 1–2 lesson, so the moving hand shows too.

const PACK_ID = 'org.kiteclassroom.drag-fixture';
const LESSON = 'drag-everything';
const S = { sort: STEPS.sortBins, sequence: STEPS.sequence, match: STEPS.match, hotspots: STEPS.findHotspots, fill: STEPS.fillBlanks };
const dragLesson = (): Lesson => ({
  format: 1,
  id: LESSON,
  title: { 'zh-CN': '动手拖一拖', en: 'Drag it with your finger' },
  grades: { from: 1, to: 2 },
  minutes: 10,
  steps: Object.values(S),
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-drag-e2e-'));
const pupils: string[] = [];
beforeAll(async () => {
  const core = createCore({ dataDir, backgroundBackups: false });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-drag-pack-'));
  const kpack = await buildFixturePack(packDir, { id: PACK_ID, title: { 'zh-CN': '拖一拖', en: 'Drag' }, lessons: [dragLesson()], media: PLAYER_MEDIA });
  await core.packs.install(kpack, { trustConfirmed: true });
  const klass = core.progress.roster.createClass('一年级二班', 1);
  for (const name of ['小兰', '小亮', '小云', '小山', '小雨', '小花', '小草', '小树', '小星']) pupils.push(core.progress.roster.addPupil(klass.id, name).id);
  core.close();
});
const app = useKiteAndBrowser({ dataDir });

type Point = { x: number; y: number };
const centre = async (target: Locator): Promise<Point> => {
  const box = (await target.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Scroll so that both elements are on screen, around the middle. */
async function bothInView(page: Page, a: Locator, b: Locator) {
  const [ba, bb] = [(await a.boundingBox())!, (await b.boundingBox())!];
  const middle = (Math.min(ba.y, bb.y) + Math.max(ba.y + ba.height, bb.y + bb.height)) / 2;
  await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), middle - (await page.viewportSize())!.height / 2);
}

/**
 * Press a finger on `from`, slide it in small steps to `to` and lift it, by CDP touch events.
 * `midway` runs while the finger is still down on the target (look, assert, take a picture).
 */
async function touchDrag(page: Page, from: Locator | Point, to: Locator | Point, midway?: (scrollAtStart: number) => Promise<void>) {
  if ('boundingBox' in from && 'boundingBox' in to) await bothInView(page, from, to);
  // A step that is still sliding in would move the item from under the finger.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  const a = 'boundingBox' in from ? await centre(from) : from;
  const b = 'boundingBox' in to ? await centre(to) : to;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), id: 1 })) });
  const scrollAtStart = await page.evaluate(() => window.scrollY);
  await touch('touchStart', [a]);
  const steps = 12;
  for (let i = 1; i <= steps; i++) await touch('touchMove', [{ x: a.x + ((b.x - a.x) * i) / steps, y: a.y + ((b.y - a.y) * i) / steps }]);
  await midway?.(scrollAtStart);
  await touch('touchEnd', []);
  await cdp.detach();
  // The item glides into place (or back) before the next touch, as a child's next tap comes later.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
}

const hasClass = (target: Locator, name: string) => target.evaluate((el, n) => el.classList.contains(n), name);

const RUNS = [
  { lang: 'zh-CN', size: 'laptop' },
  { lang: 'en', size: 'laptop' },
  { lang: 'zh-CN', size: 'fullHd' },
  { lang: 'en', size: 'fullHd' },
] as const;

describe('drag with a finger', () => {
  for (const [n, run] of RUNS.entries()) {
    it(`drags by touch and by tap-tap in every drag activity (${run.lang}, ${run.size})`, { timeout: 300_000 }, async () => {
      const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS[run.size]);
      const lang: Lang = run.lang;
      const shot = (name: string) => screenshot(page, `touch-drag-${name}-${lang}-${run.size}`);
      const { t, L, button, feedback } = player(page, 'touch', lang);
      await setLanguage(page, lang);
      await signIn(page, pupils[n]!);
      await page.goto(`${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`);
    await page.reload();
      const next = async () => {
        await page.locator('.nav-next.ready').tap();
      };

      // Sorting. The first time, a moving hand shows the gesture.
      const sort = S.sort;
      const bin = (id: string) => page.getByRole('region', { name: L(sort.bins.find((b) => b.id === id)!.label), exact: true });
      const pool = page.getByRole('group', { name: t('sort.pool') });
      await page.locator('.drag-hint .drag-hint-hand').waitFor();
      await page.waitForTimeout(1200); // the hand partway along, for the picture
      await shot('sort-hint');
      const [first, second, ...rest] = sort.items;
      await touchDrag(page, button(L(first!.text), pool), bin(first!.bin), async (scrolled) => {
        // Lifted under the finger, the bin under it lit, the page still where it was.
        expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
        await expect.poll(() => hasClass(button(L(first!.text)), 'is-lifted')).toBe(true);
        await expect.poll(() => hasClass(bin(first!.bin), 'is-drop-over')).toBe(true);
        await expect.poll(() => hasClass(bin(sort.bins.find((b) => b.id !== first!.bin)!.id), 'is-drop-ready')).toBe(true);
        const item = (await button(L(first!.text)).boundingBox())!;
        const target = (await bin(first!.bin).boundingBox())!;
        expect(item.y + item.height / 2).toBeGreaterThan(target.y);
        await shot('sort-mid-drag');
      });
      await button(L(first!.text), bin(first!.bin)).waitFor();
      await expect.poll(() => page.locator('.drag-hint').count()).toBe(0);

      // Let go outside every box: it goes back to the pool.
      await touchDrag(page, button(L(second!.text), pool), { x: 8, y: 8 });
      await button(L(second!.text), pool).waitFor();
      // Tap-tap: a second tap on the item puts it down; tap it, then its box.
      await button(L(second!.text)).tap();
      await expect.poll(() => button(L(second!.text)).getAttribute('aria-pressed')).toBe('true');
      await button(L(second!.text)).tap();
      await expect.poll(() => button(L(second!.text)).getAttribute('aria-pressed')).toBe('false');
      await button(L(second!.text)).tap();
      await button(t('sort.putIn', { bin: L(sort.bins.find((b) => b.id === second!.bin)!.label) })).tap();
      await button(L(second!.text), bin(second!.bin)).waitFor();
      for (const item of rest) await touchDrag(page, button(L(item.text), pool), bin(item.bin));
      for (const item of sort.items) await button(L(item.text), bin(item.bin)).waitFor();
      await button(t('check')).tap();
      await feedback(t('feedback.right'));
      await shot('sort-after');
      await next();

      // Ordering: drag each step to its place (the others make room); one swap by tap-tap.
      const seq = S.sequence;
      const row = (i: number) => page.locator('.sequence-item').nth(i);
      const names = () => page.locator('.sequence-item').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^[^:：]*[:：]\s*/, '')));
      await row(0).waitFor();
      for (let i = 0; i < seq.items.length; i++) {
        const want = L(seq.items[i]!.text);
        const at = (await names()).indexOf(want);
        if (at === i) continue;
        if (i === 0) {
          await touchDrag(page, row(at), row(i), async () => {
            await expect.poll(() => hasClass(row(at), 'is-lifted')).toBe(true);
            await expect.poll(() => hasClass(page.locator('.sequence-row').nth(i), 'is-drop-over')).toBe(true);
            await shot('sequence-mid-drag');
          });
        } else {
          await row(at).tap();
          await row(i).tap();
        }
        await expect.poll(async () => (await names())[i]).toBe(want);
      }
      await button(t('check')).tap();
      await feedback(t('feedback.right'));
      await shot('sequence-after');
      await next();

      // Matching: drag left onto right, tap-tap (with a put-down), drag right onto left.
      const match = S.match;
      const left = page.getByRole('group', { name: t('match.left') });
      const right = page.getByRole('group', { name: t('match.right') });
      const face = (f: { text?: Record<string, string>; image?: { alt: Record<string, string> } }) => L(f.text ?? f.image!.alt);
      const [p1, p2, p3] = match.pairs;
      await touchDrag(page, button(face(p1!.left), left), button(face(p1!.right), right), async () => {
        await expect.poll(() => hasClass(button(face(p1!.left), left), 'is-lifted')).toBe(true);
        await expect.poll(() => hasClass(button(face(p1!.right), right), 'is-drop-over')).toBe(true);
        await shot('match-mid-drag');
      });
      await expect.poll(() => hasClass(button(`${face(p1!.right)} (${t('match.matched')})`, right), 'is-matched')).toBe(true);
      await button(face(p2!.left), left).tap();
      await button(face(p2!.left), left).tap();
      await expect.poll(() => button(face(p2!.left), left).getAttribute('aria-pressed')).toBe('false');
      await button(face(p2!.left), left).tap();
      await button(face(p2!.right), right).tap();
      await touchDrag(page, button(face(p3!.right), right), button(face(p3!.left), left));
      await feedback(t('match.allFound'));
      await shot('match-after');
      await next();

      // Hotspots: press beside a sign, slide the ring onto it, let go; tap the other.
      const spots = S.hotspots;
      const image = page.locator('.hotspot-image img');
      await image.waitFor();
      await image.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
      const box = (await image.boundingBox())!;
      const at = (x: number, y: number) => ({ x: box.x + (box.width * x) / 100, y: box.y + (box.height * y) / 100 });
      const [s1, s2] = spots.hotspots;
      await touchDrag(page, at(5, 95), at(s1!.region.x + s1!.region.w / 2, s1!.region.y + s1!.region.h / 2), async () => {
        await expect.poll(() => hasClass(page.locator('.hotspot-image'), 'is-aiming')).toBe(true);
        await shot('hotspots-mid-drag');
      });
      await seeText(page, '.hotspot-list', L(s1!.label));
      const p = at(s2!.region.x + s2!.region.w / 2, s2!.region.y + s2!.region.h / 2);
      await page.touchscreen.tap(p.x, p.y);
      await feedback(t('hotspots.allFound'));
      await shot('hotspots-after');
      await next();

      // Fill in: drag a word into the first gap; tap the second gap, then its word.
      const fill = S.fill;
      const word = (id: string) => button(L(fill.bank.find((w) => w.id === id)!.text), page.getByRole('group', { name: t('fill.bank') }));
      const gap = (i: number) => page.locator('.blank').nth(i);
      await touchDrag(page, word(fill.blanks[0]!.answer), gap(0), async () => {
        await expect.poll(() => hasClass(gap(0), 'is-drop-over')).toBe(true);
        await shot('fill-mid-drag');
      });
      await expect.poll(() => gap(0).getAttribute('aria-label')).toContain(L(fill.bank.find((w) => w.id === fill.blanks[0]!.answer)!.text));
      await gap(1).tap();
      await word(fill.blanks[1]!.answer).tap();
      await button(t('check')).tap();
      await feedback(t('feedback.right'));
      await shot('fill-after');

      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('keeps a half-done drag after leaving and coming back (resume)', { timeout: 120_000 }, async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    const { t, L, button } = player(page, 'touch', 'zh-CN');
    await setLanguage(page, 'zh-CN');
    await signIn(page, pupils[4]!);
    const url = `${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`;
    await page.goto(url);
    await page.reload();
    const sort = S.sort;
    const item = sort.items[0]!;
    const bin = page.getByRole('region', { name: L(sort.bins.find((b) => b.id === item.bin)!.label), exact: true });
    await touchDrag(page, button(L(item.text), page.getByRole('group', { name: t('sort.pool') })), bin);
    await button(L(item.text), bin).waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/progress.savePosition'));
    await page.getByRole('link', { name: new RegExp(t('leave')) }).tap();
    await saved;
    await page.goto(url);
    await screenshot(page, 'touch-drag-resume-zh-CN-laptop');
    // Even on the first step: the half-sorted items come back where the finger left them.
    await seeText(page, '.welcome-back', t('resumed', { n: 1 }));
    await button(L(item.text), bin).waitFor();
    await context.close();
  });

  it('shows the hand standing still, with a dotted way, to a pupil who asked for less motion', { timeout: 120_000 }, async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await setLanguage(page, 'zh-CN');
    await signIn(page, pupils[5]!);
    await page.goto(`${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`);
    await page.reload();
    const hand = page.locator('.drag-hint .drag-hint-hand');
    await hand.waitFor();
    expect(await hand.evaluate((el) => el.getAnimations().length)).toBe(0);
    expect(await page.locator('.drag-hint-path line').count()).toBe(1);
    await screenshot(page, 'touch-drag-hint-reduced-motion-zh-CN-laptop');
    // The first touch sends it away.
    await page.locator('.sort-pool .chip-item, .bin .chip-item').first().tap();
    await expect.poll(() => hand.count()).toBe(0);
    await context.close();
  });

  it('shows each pupil the hand once per activity, kept with the pupil across sign-outs, other pupils and browsers', { timeout: 180_000 }, async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    const hand = page.locator('.drag-hint .drag-hint-hand');
    const item = (target: Page) => {
      const { t, L, button } = player(target, 'touch', 'zh-CN');
      return button(L(S.sort.items[0]!.text), target.getByRole('group', { name: t('sort.pool') }));
    };
    /** Tap one's own name on the sign-in screen, open the drag lesson (sorting comes first). */
    const openAs = async (target: Page, name: string) => {
      await target.getByRole('button', { name, exact: true }).tap();
      await target.getByRole('button', { name: '退出' }).waitFor();
      const asked = target.waitForResponse((r) => r.url().endsWith('/api/pupils.hintsSeen'));
      await target.goto(`${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`);
      await asked;
      await item(target).waitFor();
      // Long enough for the hand to have come (it comes in the next frame), far short of the idle replay.
      await target.waitForTimeout(800);
    };
    const signOut = async (target: Page) => {
      await target.getByRole('button', { name: '退出' }).tap();
      await target.getByRole('button', { name: '小草', exact: true }).waitFor();
    };

    // 小草 meets sorting for the first time: the hand shows; her first touch sends it away.
    await openAs(page, '小草');
    await hand.waitFor();
    await screenshot(page, 'touch-drag-hint-first-time-zh-CN-laptop');
    await item(page).tap();
    await expect.poll(() => hand.count()).toBe(0);
    await signOut(page);

    // 小树 signs in at the same PC: it is his first time, so he sees it too.
    await openAs(page, '小树');
    await hand.waitFor();
    await item(page).tap();
    await signOut(page);

    // 小草 again, after another pupil: no hand (she has seen it).
    await openAs(page, '小草');
    expect(await hand.count()).toBe(0);
    await screenshot(page, 'touch-drag-hint-seen-zh-CN-laptop');
    await signOut(page);
    await context.close();

    // And in another browser on this PC, she still is not shown it again.
    const other = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await openAs(other.page, '小草');
    expect(await other.page.locator('.drag-hint').count()).toBe(0);
    await other.context.close();
  });

  it('takes a card placed by tap back with a second tap, by touch and by keyboard (sorting, ordering, matching)', { timeout: 180_000 }, async () => {
    const { page, context, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    const { t, L, button } = player(page, 'touch', 'zh-CN');
    await setLanguage(page, 'zh-CN');
    await signIn(page, pupils[8]!);
    await page.goto(`${app.kite.url}/#/lesson/${PACK_ID}/${LESSON}`);
    await page.reload();
    const enter = async (target: Locator) => {
      await tabTo(page, target);
      await page.keyboard.press('Enter');
    };
    const focused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

    // Sorting: tapped into its box, tapped again: back in the pool.
    const sort = S.sort;
    const pool = page.getByRole('group', { name: t('sort.pool') });
    const bin = (id: string) => page.getByRole('region', { name: L(sort.bins.find((b) => b.id === id)!.label), exact: true });
    const [a, b] = sort.items;
    await button(L(a!.text), pool).tap();
    await button(t('sort.putIn', { bin: L(sort.bins.find((x) => x.id === a!.bin)!.label) })).tap();
    await button(L(a!.text), bin(a!.bin)).waitFor();
    await screenshot(page, 'touch-drag-take-back-sort-placed-zh-CN-laptop');
    await button(L(a!.text), bin(a!.bin)).tap();
    await button(L(a!.text), pool).waitFor();
    expect(await bin(a!.bin).getByRole('button', { name: L(a!.text), exact: true }).count()).toBe(0);
    // The same by keyboard; focus follows the item back to the pool, where Enter picks it up again.
    await enter(button(L(b!.text), pool));
    await enter(button(t('sort.putIn', { bin: L(sort.bins.find((x) => x.id === b!.bin)!.label) })));
    await enter(button(L(b!.text), bin(b!.bin)));
    await button(L(b!.text), pool).waitFor();
    await expect.poll(() => focused(button(L(b!.text), pool))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => button(L(b!.text), pool).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await answerCorrectly(page, sort, 'zh-CN');
    await page.locator('.nav-next.ready').tap();

    // Ordering: two taps swap; a tap on the step just moved puts both back.
    const names = () => page.locator('.sequence-item').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^[^:：]*[:：]\s*/, '')));
    const row = (i: number) => page.locator('.sequence-item').nth(i);
    await row(0).waitFor();
    const start = await names();
    await row(0).tap();
    await row(2).tap();
    await expect.poll(names).toEqual([start[2], start[1], start[0]]);
    await expect.poll(() => row(2).evaluate((el) => el.classList.contains('is-just-moved'))).toBe(true);
    await screenshot(page, 'touch-drag-take-back-sequence-moved-zh-CN-laptop');
    await row(2).tap();
    await expect.poll(names).toEqual(start);
    // A further tap picks it up as usual (taking back is for the step just moved).
    await row(0).tap();
    await expect.poll(() => row(0).getAttribute('aria-pressed')).toBe('true');
    await row(0).tap();
    // By keyboard: Enter, Enter swaps; Enter on the moved step (focus went with it) puts it back.
    await enter(row(1));
    await enter(row(2));
    await expect.poll(names).toEqual([start[0], start[2], start[1]]);
    await expect.poll(() => focused(row(2))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(start);
    await expect.poll(() => focused(row(1))).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await answerCorrectly(page, S.sequence, 'zh-CN');
    await page.locator('.nav-next.ready').tap();

    // Matching: a pair found by tap comes apart with a tap on either card.
    const match = S.match;
    const left = page.getByRole('group', { name: t('match.left') });
    const right = page.getByRole('group', { name: t('match.right') });
    const face = (f: { text?: Record<string, string>; image?: { alt: Record<string, string> } }) => L(f.text ?? f.image!.alt);
    const [p1, p2] = match.pairs;
    await button(face(p1!.left), left).tap();
    await button(face(p1!.right), right).tap();
    const matched = (f: Parameters<typeof face>[0], side: Locator) => button(`${face(f)} (${t('match.matched')})`, side);
    await matched(p1!.left, left).waitFor();
    await screenshot(page, 'touch-drag-take-back-match-paired-zh-CN-laptop');
    await matched(p1!.right, right).tap();
    await button(face(p1!.left), left).waitFor();
    await button(face(p1!.right), right).waitFor();
    await enter(button(face(p2!.left), left));
    await enter(button(face(p2!.right), right));
    await matched(p2!.right, right).waitFor();
    await page.keyboard.press('Enter');
    await button(face(p2!.right), right).waitFor();
    await expect.poll(() => page.locator('.match-card.is-matched').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await answerCorrectly(page, match, 'zh-CN');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
