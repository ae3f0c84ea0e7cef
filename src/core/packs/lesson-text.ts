import { KiteError } from '../../shared/errors';
import type { InstalledPack } from '../../shared/contract/packs';
import { plainText } from '../../shared/markup';
import type { Logger } from '../log/logger';
import { lessonKey } from '../progress/reports';
import type { PackService } from './service';

/*
 * Lesson text for the teacher's reports, read from the installed packs in the PC's language (else
 * the pack's first): step prompts, lesson titles, the catalogue of every installed lesson.
 */

/** The question each activity step asks, as plain text in the app's language (else the pack's first). */
export function stepPrompts(packs: PackService, log: Logger, packId: string, lessonId: string, language: string): Map<string, string> | undefined {
  const steps = installedSteps(packs, log, packId, lessonId);
  if (!steps) return undefined;
  const prompts = new Map<string, string>();
  for (const step of steps) {
    if (!('prompt' in step) || !step.prompt) continue;
    const prompt = step.prompt[language] ?? Object.values(step.prompt)[0];
    if (prompt) prompts.set(step.id, plainText(prompt));
  }
  return prompts;
}

export const inLanguage = (text: Record<string, string>, language: string) => plainText(text[language] ?? Object.values(text)[0] ?? '');

/** The steps of an installed lesson; undefined when it was uninstalled since (then reports fall back to step ids) or is damaged (logged). */
export function installedSteps(packs: PackService, log: Logger, packId: string, lessonId: string) {
  try {
    return packs.lesson(packId, lessonId).lesson.steps;
  } catch (error) {
    if (!(error instanceof KiteError && error.code === 'not_found')) log.warn('a lesson could not be read for a report', { packId, lessonId, error: String(error) });
    return undefined;
  }
}

/** Lesson titles in the PC's language (else the pack's first), for the teacher's reports. */
export function lessonTitles(packs: InstalledPack[], language: string): Map<string, string> {
  return new Map(lessonCatalog(packs, language).filter((l) => l.title).map((l) => [lessonKey(l.packId, l.lessonId), l.title]));
}

/** Every installed lesson, in pack order, with its pack and grades (the class grid's columns). */
export function lessonCatalog(packs: InstalledPack[], language: string) {
  return packs.flatMap((pack) =>
    pack.lessons.map((lesson) => ({ packId: pack.id, packTitle: inLanguage(pack.title, language), lessonId: lesson.id, title: inLanguage(lesson.title, language), grades: lesson.grades })),
  );
}
