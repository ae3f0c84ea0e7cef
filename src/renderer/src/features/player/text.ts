import type { LocalizedText } from '../../../../shared/pack';
import { plainText } from '../../../../shared/markup';

/** The text in the lesson's language, else the pack's main language, else any. */
export function pick(text: LocalizedText | undefined, language: string, fallback?: string): string {
  if (!text) return '';
  return text[language] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}

/** What speech synthesis reads: the text without markup. */
export function spoken(text: LocalizedText | undefined, language: string, fallback?: string): string {
  return plainText(pick(text, language, fallback));
}
