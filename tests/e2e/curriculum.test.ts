import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Lesson } from '../../src/shared/pack';
import type { ClassGrid } from '../../src/shared/contract';
import { call, openPage, ROOT, settledScreenshot, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { playLesson, setLanguage, signIn, type Lang } from './support/player';

/**
 * The built-in curriculum (lessons/, built into out/builtin-packs and installed on first start):
 * one pupil plays every lesson from start to finish in both languages, answering right, and the
 * teacher's grid shows each lesson done. Needs `npm run build` first.
 */

const PIN = '2468';
const PACKS = fs
  .readdirSync(path.join(ROOT, 'lessons'))
  .sort()
  .map((dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons', dir, 'manifest.json'), 'utf8')) as { id: string; lessons: { id: string; file: string }[] };
    const lessons = manifest.lessons.map((entry) => Lesson.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons', dir, entry.file), 'utf8'))));
    return { dir, id: manifest.id, lessons };
  });

const app = useKiteAndBrowser();

/** Chat replies read as a line of text (with pinyin above in zh-CN), not one word per line. */
async function checkChatReplies(page: Page, lang: Lang) {
  const replies = page.locator('.chat-choice');
  await replies.first().waitFor();
  for (const box of await replies.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) expect(box.height).toBeLessThan(box.width / 3);
  await page.locator('.chat-choices').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settledScreenshot(page, `curriculum-chat-replies-${lang}`);
}

describe('the built-in curriculum', () => {
  it('has fourteen lessons in three packs', () => {
    expect(PACKS.map((p) => p.dir)).toEqual(['safe-start', 'smart-explorers', 'village-voices']);
    expect(PACKS.flatMap((p) => p.lessons)).toHaveLength(14);
  });

  it('a pupil plays every lesson to the end in zh-CN and en, answering right, and the teacher sees every lesson done', { timeout: 900_000 }, async () => {
    const { page, context, external, consoleErrors } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    // The teacher sets up the PC: a PIN, a class and one pupil.
    await call(page, 'auth.setPin', { pin: PIN });
    const klass = await call<{ id: string }>(page, 'classes.create', { name: '三年级一班', grade: 3 });
    const pupil = await call<{ id: string }>(page, 'pupils.add', { classId: klass.id, name: '小明' });
    await call(page, 'auth.signOut');
    await signIn(page, pupil.id);

    for (const lang of ['zh-CN', 'en'] as const) {
      await setLanguage(page, lang);
      await page.reload();
      for (const pack of PACKS) {
        for (const [i, lesson] of pack.lessons.entries()) {
          // Two screenshots per grade band: an answered activity in each of the first two lessons.
          const shot = i < 2 ? { step: 3 - i, name: `curriculum-${pack.dir}-${lang}-${i + 1}` } : undefined;
          await playLesson(page, app.kite.url, pack.id, lesson, lang, {
            before: async (_i, step) => {
              if (step.type === 'chat-scenario' && lesson.id === 'kind-words') await checkChatReplies(page, lang);
            },
            after: async (index) => {
              if (shot?.step === index) await settledScreenshot(page, shot.name);
            },
          });
        }
      }
    }

    // Through the contract: the pupil's row in the class grid shows every lesson done.
    await call(page, 'auth.teacherSignIn', { pin: PIN });
    const grid = await call<ClassGrid>(page, 'progress.grid', { classId: klass.id });
    const row = grid.cells[grid.pupils.findIndex((p) => p.id === pupil.id)]!;
    const statusOf = (packId: string, lessonId: string) => row[grid.lessons.findIndex((l) => l.packId === packId && l.lessonId === lessonId)]?.status;
    for (const pack of PACKS) for (const lesson of pack.lessons) expect(statusOf(pack.id, lesson.id), `${pack.id}/${lesson.id}`).toBe('done');

    expect(external).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
