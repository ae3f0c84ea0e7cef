import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import type { Language } from '../../../shared/settings';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

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
