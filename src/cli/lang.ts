import { LANGUAGES, type Language } from '../shared/languages';
import { message, type Params } from '../shared/messages';

/**
 * The language the command line speaks: --lang, else this PC's. On Linux that is the POSIX locale
 * (LC_ALL, then LC_MESSAGES, then LANG: the first one set wins); elsewhere Intl's resolved locale.
 * Chinese (zh, zh_CN, zh-Hans…) speaks zh-CN; anything else English.
 */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Language {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  const locale = platform === 'linux' ? (posix ?? '') : (posix ?? Intl.DateTimeFormat().resolvedOptions().locale);
  return /^zh\b/i.test(locale.replace(/_/g, '-')) ? 'zh-CN' : 'en';
}

export function parseLanguage(value: string): Language | undefined {
  return LANGUAGES.find((l) => l.toLowerCase() === value.toLowerCase()) ?? (/^zh\b/i.test(value) ? 'zh-CN' : undefined);
}

let current: Language = systemLanguage();

export function useLanguage(language: Language): void {
  current = language;
}

export function cliLanguage(): Language {
  return current;
}

/** A catalogue text (src/shared/messages) in the command line's language. */
export function say(key: string, params?: Params): string {
  return message(current, key, params);
}
