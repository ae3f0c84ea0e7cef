import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/languages';
import { MESSAGES } from '../../../shared/messages';

/**
 * UI text lives in locales/<language>/<area>.json (common, home, teacher, and one per feature).
 * Each file owns its top-level keys; all files of a language merge into one set of resources, with the
 * shared catalogue's errors, details line and doctor findings (src/shared/messages).
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function resourcesFor(language: Language): Record<string, unknown> {
  // Error sentences and doctor findings are shared with the command line (src/shared/messages).
  const merged: Record<string, unknown> = { errors: MESSAGES[language].errors, details: MESSAGES[language].details, doctor: MESSAGES[language].doctor };
  for (const [file, content] of Object.entries(files)) {
    if (file.startsWith(`./locales/${language}/`)) Object.assign(merged, content);
  }
  return merged;
}

export const resources = { 'zh-CN': { translation: resourcesFor('zh-CN') }, en: { translation: resourcesFor('en') } };

void i18next.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18next;
