import fs from 'node:fs';
import type { LessonSummary } from '../../shared/contract/packs';
import { formatIssue, type Lesson, type Manifest, type PackIssue } from '../../shared/pack';
import { KiteError } from '../../shared/errors';

/** What the shelf and the teacher's lists say about a pack, from its manifest. */
export function packFacts(manifest: Manifest) {
  return {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    description: manifest.description,
    languages: manifest.languages,
    grades: manifest.grades,
    subjects: manifest.subjects,
    license: manifest.license,
    authors: manifest.authors,
  };
}

export function lessonSummary(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    grades: lesson.grades,
    minutes: lesson.minutes,
    stepCount: lesson.steps.length,
    cover: lesson.cover,
    activityTypes: [...new Set(lesson.steps.map((s) => s.type))],
  };
}

export const toPayloadIssue = (i: PackIssue) => ({ path: `${i.file}${i.pointer ? `#${i.pointer}` : ''}`, message: i.message });

export function invalid(issues: PackIssue[]): KiteError {
  const message = issues.slice(0, 5).map(formatIssue).join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '');
  return new KiteError('pack_invalid', message, { details: { message }, issues: issues.map(toPayloadIssue) });
}

export function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
