import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ClassGrid } from '../../../src/shared/contract';
import { Lesson } from '../../../src/shared/pack';
import { call, ROOT } from './app';

/** The built-in curriculum as authored under lessons/ (what `npm run build` packs and the app installs on first start). */
export interface BuiltinPack {
  dir: string;
  id: string;
  lessons: Lesson[];
  /** The lesson files in the folder, whether or not the manifest lists them. */
  lessonFiles: string[];
}

export function builtinPacks(): BuiltinPack[] {
  return fs
    .readdirSync(path.join(ROOT, 'lessons'))
    .sort()
    .map((dir) => {
      const folder = path.join(ROOT, 'lessons', dir);
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { id: string; lessons: { id: string; file: string }[] };
      const lessons = manifest.lessons.map((entry) => Lesson.parse(JSON.parse(fs.readFileSync(path.join(folder, entry.file), 'utf8'))));
      const lessonFiles = fs.readdirSync(path.join(folder, 'lessons')).filter((f) => f.endsWith('.json')).map((f) => `lessons/${f}`);
      return { dir, id: manifest.id, lessons, lessonFiles };
    });
}

/** The wise-kids lessons that tests/e2e/wise-kids.test.ts plays in both languages with a picture of every step; the curriculum walk leaves them to it. */
export const WISE_KIDS_NEW_LESSONS = ['games-and-tipping', 'online-friends', 'village-video'];

/** Through the contract (the teacher signed in): a pupil's status of a lesson in their class's grid ('done' once played to the end). */
export async function lessonStatuses(page: Page, classId: string, pupilId: string): Promise<(packId: string, lessonId: string) => string | undefined> {
  const grid = await call<ClassGrid>(page, 'progress.grid', { classId });
  const row = grid.cells[grid.pupils.findIndex((p) => p.id === pupilId)]!;
  return (packId, lessonId) => row[grid.lessons.findIndex((l) => l.packId === packId && l.lessonId === lessonId)]?.status;
}
