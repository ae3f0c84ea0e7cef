import type { LocalizedText, Step } from '../../../../shared/pack';
import { plainText } from '../../../../shared/markup';

/** Lesson text as plain words in a language (else the lesson's first). */
export function plainIn(text: LocalizedText | undefined, language: string): string {
  if (!text) return '';
  return plainText(text[language] ?? Object.values(text)[0] ?? '');
}

/** A step's short label for the teacher and the projector: its title or question. */
export function stepLabel(step: Step, language: string): string {
  if (step.type === 'slide' || step.type === 'demo') return plainIn(step.title, language) || plainIn(step.text, language).slice(0, 80);
  return plainIn(step.prompt, language);
}
