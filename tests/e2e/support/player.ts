import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { plainText } from '../../../src/shared/markup';
import type { Lesson, LocalizedText, Step, StepOf } from '../../../src/shared/pack';
import { ROOT, screenshot } from './app';
import { axeProblems } from './axe';

/** Helpers for driving the lesson player as a pupil, shared by the player and curriculum e2e tests. */

export type Lang = 'zh-CN' | 'en';
export type Mode = 'touch' | 'keyboard';

/** The player's UI text, read from its locale files (so the test follows the translations). */
export function ui(lang: Lang) {
  const file = path.join(ROOT, 'src/renderer/src/i18n/locales', lang, 'player.json');
  const strings = (JSON.parse(fs.readFileSync(file, 'utf8')) as { player: Record<string, unknown> }).player;
  return (key: string, vars: Record<string, string | number> = {}) => {
    const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], strings) as string;
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]));
  };
}

export async function signIn(page: Page, pupilId: string) {
  const result = await page.evaluate(async (id) => {
    const response = await fetch('/api/pupils.signIn', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pupilId: id }) });
    return response.json();
  }, pupilId);
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

export async function signInGuest(page: Page) {
  const result = await page.evaluate(async () => (await fetch('/api/pupils.signInGuest', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json());
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

export async function setLanguage(page: Page, language: Lang) {
  await page.evaluate(async (l) => fetch('/api/auth.setLanguage', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ language: l }) }), language);
}

/** Serious and critical axe violations on the settled screen (the whole page). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Check the settled screen, not a frame of a fade-in.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return axeProblems(page, 'body');
}

/** Move focus with Tab (only) until the element has it: proves it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator, max = 150) {
  await target.waitFor();
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) {
      // Focus is visible where it lands.
      expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Wait until the text a pupil reads (without the pinyin above it) in `selector` contains `text`. */
export async function seeText(page: Page, selector: string, text: string) {
  const readable = () =>
    page.$$eval(selector, (elements) =>
      elements
        .map((element) => {
          const copy = element.cloneNode(true) as Element;
          copy.querySelectorAll('rt, rp, .ruby-plain').forEach((n) => n.remove());
          return copy.textContent ?? '';
        })
        .join('\n'),
    );
  await expect.poll(readable, { timeout: 30_000 }).toContain(text);
}

/** The element's box once scrolling (e.g. feedback sliding into view) has stopped. */
export async function stableBox(target: Locator) {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = (await target.boundingBox())!;
    if (JSON.stringify(box) === last) return box;
    last = JSON.stringify(box);
    await target.page().waitForTimeout(100);
  }
  throw new Error('the page kept scrolling');
}

export function player(page: Page, mode: Mode, lang: Lang) {
  const t = ui(lang);
  const L = (text: LocalizedText | undefined) => plainText(text?.[lang] ?? '');
  const button = (name: string, scope: Page | Locator = page) => scope.getByRole('button', { name, exact: true });
  const press = async (target: Locator, key = 'Enter') => {
    if (mode === 'touch') return target.tap();
    await tabTo(page, target);
    await page.keyboard.press(key);
  };
  const feedback = (text: string) => seeText(page, '.feedback', text);
  return { t, L, button, press, feedback };
}

type Face = { text?: LocalizedText; image?: { alt: LocalizedText } };

/** The first reply path through a chat scenario that ends safe (breadth-first, so the shortest). */
export function safeChatPath(step: StepOf<'chat-scenario'>): number[] {
  const queue: { id: string; path: number[] }[] = [{ id: step.start, path: [] }];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { id, path } = queue.shift()!;
    const node = step.nodes[id];
    if (!node || seen.has(id)) continue;
    seen.add(id);
    if (node.ending?.safe) return path;
    node.choices?.forEach((choice, i) => queue.push({ id: choice.next, path: [...path, i] }));
  }
  throw new Error(`chat scenario ${step.id} has no safe ending`);
}

/**
 * Answer one step right at the first try, by touch, reading the answer from the lesson itself
 * (so it works for any pack). `scope` narrows to a region, e.g. a video's cue question.
 */
export async function answerCorrectly(page: Page, step: Step, lang: Lang, scope: Page | Locator = page): Promise<void> {
  const { t, L, button, press, feedback } = player(page, 'touch', lang);
  const face = (f: Face) => L(f.text ?? f.image?.alt);
  switch (step.type) {
    case 'slide':
      return;
    case 'demo':
      // The embedded demo loads on demand; nothing to answer (Next is always open).
      await page.locator('section.demo.embedded').getByRole('heading', { level: 2 }).waitFor({ timeout: 30_000 });
      return;
    case 'single-choice':
      await press(button(face(step.options.find((o) => o.id === step.answer)!), scope));
      return feedback(t('feedback.right'));
    case 'multiple-choice':
      for (const id of step.answers) await press(button(face(step.options.find((o) => o.id === id)!), scope));
      await press(button(t('check'), scope));
      return feedback(t('feedback.right'));
    case 'true-false':
      await press(button(t(step.answer ? 'trueFalse.true' : 'trueFalse.false'), scope));
      return feedback(t('feedback.right'));
    case 'sort-bins':
      for (const item of step.items) {
        await press(button(face(item), scope));
        await press(button(t('sort.putIn', { bin: L(step.bins.find((b) => b.id === item.bin)!.label) }), scope));
      }
      await press(button(t('check'), scope));
      return feedback(t('feedback.right'));
    case 'sequence': {
      const items = scope.locator('.sequence-item');
      for (let i = 0; i < step.items.length; i++) {
        const names = await items.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^[^:：]*[:：]\s*/, '')));
        const want = face(step.items[i]!);
        const at = names.indexOf(want);
        if (at === i) continue;
        await press(button(t('sequence.item', { position: at + 1, name: want }), scope));
        await press(button(t('sequence.item', { position: i + 1, name: names[i]! }), scope));
      }
      await press(button(t('check'), scope));
      return feedback(t('feedback.right'));
    }
    case 'match-pairs': {
      if (step.mode === 'memory') return playMemory(page, step, lang, scope);
      for (const pair of step.pairs) {
        await press(button(face(pair.left), scope.getByRole('group', { name: t('match.left') })));
        await press(button(face(pair.right), scope.getByRole('group', { name: t('match.right') })));
      }
      return feedback(t('match.allFound'));
    }
    case 'find-hotspots': {
      const image = scope.locator('.hotspot-image img');
      await stableBox(image);
      for (const spot of step.hotspots) {
        const x = spot.region.x + spot.region.w / 2;
        const y = spot.region.y + spot.region.h / 2;
        // Bring the spot itself to the middle of the screen: near the bottom, the Next bar covers it.
        await image.evaluate((el, at) => {
          const r = el.getBoundingClientRect();
          window.scrollBy({ top: r.top + (r.height * at) / 100 - window.innerHeight / 2, behavior: 'instant' });
        }, y);
        const box = (await image.boundingBox())!;
        await page.touchscreen.tap(box.x + (box.width * x) / 100, box.y + (box.height * y) / 100);
      }
      return feedback(t('hotspots.allFound'));
    }
    case 'explore-image':
      for (const [i, spot] of step.hotspots.entries()) {
        await press(button(`${i + 1}. ${L(spot.title)}`, scope));
        await seeText(page, '.explore-note', L(spot.note));
      }
      return feedback(t('explore.allSeen'));
    case 'mark-words': {
      const words = step.words[lang] ?? Object.values(step.words)[0]!;
      const passage = scope.getByRole('group', { name: t('markWords.passage') });
      for (const [i, word] of words.entries()) {
        if (!word.target) continue;
        const text = plainText(word.text);
        const before = words.slice(0, i).filter((w) => plainText(w.text) === text).length;
        await press(button(text, passage).nth(before));
      }
      await press(button(t('check'), scope));
      return feedback(t('feedback.right'));
    }
    case 'fill-blanks': {
      const bank = scope.getByRole('group', { name: t('fill.bank') });
      for (const blank of step.blanks) await press(button(L(step.bank.find((w) => w.id === blank.answer)!.text), bank).first());
      await press(button(t('check'), scope));
      return feedback(t('feedback.right'));
    }
    case 'chat-scenario': {
      let node = step.nodes[step.start]!;
      for (const choice of safeChatPath(step)) {
        await press(button(L(node.choices![choice]!.text), scope));
        node = step.nodes[node.choices![choice]!.next]!;
      }
      await scope.getByText(t('chat.safe')).waitFor();
      return;
    }
    case 'interactive-video':
      return playVideo(page, step, lang);
    case 'password-tester': {
      const field = page.getByLabel(t('password.label'));
      await expect.poll(() => field.isEnabled(), { timeout: 20_000 }).toBe(true);
      await field.tap();
      await page.keyboard.type('purple-tiger-eats-42-mangoes!');
      await expect.poll(async () => Number(await page.getByRole('meter').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(step.targetScore);
      await press(button(t('password.reachedDone')));
      await page.getByText(t('password.reached')).waitFor();
      return;
    }
    case 'flashcards': {
      const card = page.locator('.flashcard');
      for (const [i, c] of step.cards.entries()) {
        await press(card);
        if (c.back.text) await expect.poll(() => card.getAttribute('aria-label')).toContain(L(c.back.text));
        if (i < step.cards.length - 1) await press(button(t('flashcards.next')));
      }
      return feedback(t('flashcards.allSeen'));
    }
    case 'self-check':
      // Questions are groups in order; their names carry pinyin, so find each by position.
      for (const [i, q] of step.questions.entries()) await page.locator('fieldset.self-question').nth(i).getByRole('radio', { name: L(q.options[0]), exact: true }).tap();
      await press(button(t('selfCheck.done')));
      if (step.reflection) await seeText(page, '.reflection', L(step.reflection));
      return;
  }
}

async function playMemory(page: Page, step: StepOf<'match-pairs'>, lang: Lang, scope: Page | Locator) {
  const { t, L, press, feedback } = player(page, 'touch', lang);
  const faceName = (f: Face) => L(f.text ?? f.image?.alt);
  const partner = new Map(step.pairs.flatMap((p) => [[faceName(p.left), faceName(p.right)], [faceName(p.right), faceName(p.left)]]));
  const cards = scope.locator('.memory-card');
  const count = await cards.count();
  const known = new Map<number, string>();
  const matched = new Set<number>();
  const flip = async (i: number) => {
    await press(cards.nth(i));
    const faceText = ((await cards.nth(i).getAttribute('aria-label')) ?? '').replace(/^[^:：]*[:：]\s*/, '');
    known.set(i, faceText);
    return faceText;
  };
  while (matched.size < count) {
    const first = [...Array(count).keys()].find((i) => !matched.has(i))!;
    const faceText = await flip(first);
    const other = [...known].find(([i, f]) => i !== first && !matched.has(i) && f === partner.get(faceText));
    const second = other ? other[0] : [...Array(count).keys()].find((i) => i !== first && !matched.has(i) && !known.has(i))!;
    if (partner.get(faceText) === (await flip(second))) matched.add(first).add(second);
  }
  return feedback(t('match.allFound'));
}

/** Jump the video to each cue (the pupil would watch up to it), answer its question, and jump to the end. */
async function playVideo(page: Page, step: StepOf<'interactive-video'>, lang: Lang) {
  const { t, button, press } = player(page, 'touch', lang);
  const video = page.locator('video');
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.readyState >= 1 ? undefined : new Promise((resolve) => v.addEventListener('loadedmetadata', resolve, { once: true }));
  });
  const question = page.getByRole('region', { name: t('video.question') });
  for (const cue of [...step.cues].sort((a, b) => a.at - b.at)) {
    await video.evaluate((v: HTMLVideoElement, at: number) => {
      v.currentTime = Math.min(at + 0.05, v.duration);
    }, cue.at);
    await question.waitFor({ timeout: 20_000 });
    await answerCorrectly(page, cue.activity, lang, question);
    await press(button(t('video.continue')));
    await question.waitFor({ state: 'detached' });
  }
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = Math.max(0, v.duration - 0.05);
    return v.play().catch(() => undefined);
  });
  await page.getByText(t('video.finished')).waitFor({ timeout: 30_000 });
}

/**
 * Play a lesson from the first step to the finish screen, answering every step right by touch;
 * then the lesson's family card shows with its rule. `before`/`after` run around each answer.
 */
export async function playLesson(
  page: Page,
  url: string,
  packId: string,
  lesson: Lesson,
  lang: Lang,
  hooks: { before?: (index: number, step: Step) => Promise<void>; after?: (index: number, step: Step) => Promise<void> } = {},
): Promise<void> {
  const { t, L, press } = player(page, 'touch', lang);
  await page.goto(`${url}/#/lesson/${packId}/${lesson.id}`);
  const total = lesson.steps.length;
  for (const [index, step] of lesson.steps.entries()) {
    await page.getByRole('button', { name: t('path.stone', { n: index + 1, total, state: t('path.current') }) }).waitFor();
    await hooks.before?.(index, step);
    try {
      await answerCorrectly(page, step, lang);
    } catch (error) {
      await screenshot(page, `curriculum-failed-${lesson.id}-${step.id}-${lang}`);
      throw new Error(`${lesson.id} step ${index + 1} (${step.id}, ${step.type}, ${lang}): ${(error as Error).message}`, { cause: error });
    }
    const next = page.locator('.nav-next');
    await expect.poll(() => next.getAttribute('aria-disabled'), { message: `${lesson.id}/${step.id} lets the pupil go on` }).toBeNull();
    await hooks.after?.(index, step);
    await press(next);
  }
  await page.getByRole('heading', { name: t('finish.title') }).waitFor();
  if (lesson.familyCard) {
    await seeText(page, '.family-card-rule', L(lesson.familyCard.rule));
  }
}
