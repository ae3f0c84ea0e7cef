import fs from 'node:fs';
import path from 'node:path';
import { Manifest } from '../../shared/pack';
import { plainText } from '../../shared/markup';
import type { Logger } from '../log/logger';
import { safeReaddir } from '../packs/facts';
import { extractPack } from '../packs/unzip';
import { readLessonFiles } from '../packs/verify';
import type { LessonNames } from './dashboard';

type Localized = Record<string, string>;
interface LessonText {
  title: Localized;
  prompts: Map<string, Localized>;
}

const pick = (text: Localized | undefined, lang: string) => (text ? plainText(text[lang] ?? Object.values(text)[0] ?? '') || null : null);
const isLocalized = (v: unknown): v is Localized => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string');

/**
 * Lesson titles and question prompts the county knows: those of the lesson packs that come with
 * the app (out/builtin-packs), read once at start. Lessons of other packs show by their ids.
 */
export async function loadLessonNames(packsDir: string, tmpRoot: string, log: Logger): Promise<LessonNames> {
  const lessons = new Map<string, LessonText>();
  for (const name of safeReaddir(packsDir).filter((n) => n.endsWith('.kpack'))) {
    fs.mkdirSync(tmpRoot, { recursive: true });
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'names-'));
    try {
      const extracted = await extractPack(path.join(packsDir, name), dir);
      const manifest = Manifest.parse(JSON.parse(extracted.manifestBytes.toString('utf8')));
      for (const raw of readLessonFiles(dir, manifest).lessons.values()) {
        const lesson = raw as { id?: unknown; title?: unknown; steps?: unknown };
        if (typeof lesson.id !== 'string' || !isLocalized(lesson.title)) continue;
        const prompts = new Map<string, Localized>();
        for (const step of Array.isArray(lesson.steps) ? (lesson.steps as { id?: unknown; prompt?: unknown }[]) : []) {
          if (typeof step.id === 'string' && isLocalized(step.prompt)) prompts.set(step.id, step.prompt);
        }
        lessons.set(`${manifest.id}\n${lesson.id}`, { title: lesson.title, prompts });
      }
    } catch (error) {
      log.warn('a built-in lesson pack could not be read for lesson names', { file: name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    title: (packId, lessonId, lang) => pick(lessons.get(`${packId}\n${lessonId}`)?.title, lang),
    prompt: (packId, lessonId, stepId, lang) => pick(lessons.get(`${packId}\n${lessonId}`)?.prompts.get(stepId), lang),
  };
}
