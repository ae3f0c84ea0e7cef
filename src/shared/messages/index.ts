import type { Language } from '../languages';
import type { ErrorCode } from '../errors';
import { en } from './en';
import { zhCN } from './zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape of a catalogue: the same keys as en.ts, any wording. */
export type Messages = Strings<typeof en> & { errors: Record<ErrorCode, string> };

/** Text for teachers and IT staff outside React: errors, the command line, `kite doctor`. The UI merges it into i18next. */
export const MESSAGES: Record<Language, Messages> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number | boolean | undefined>;

/** Fill {{name}} placeholders, as i18next does. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** The text at a dotted key ("cli.config.valid") in a language, filled; the key itself if there is none. */
export function message(language: Language, key: string, params?: Params): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), MESSAGES[language]);
  return typeof found === 'string' ? fill(found, params) : key;
}

/** Codes whose English message is technical detail (a schema problem, a file's own words): shown on a details line under the sentence. */
export const ERRORS_WITH_DETAILS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_input', 'conflict', 'pack_bad_manifest', 'pack_invalid', 'csv_invalid', 'duplicate_name', 'backup_invalid', 'media_invalid', 'media_unsupported', 'media_unreadable']);

/** An error as a person reads it: the sentence in their language, then the English detail on its own line. */
export function errorLines(translate: (key: string, params?: Params) => string, error: { code: ErrorCode; message: string; details?: Params }, alwaysDetails = false): string {
  const sentence = translate(`errors.${error.code}`, error.details);
  const withDetails = (alwaysDetails || ERRORS_WITH_DETAILS.has(error.code)) && error.message.trim() !== '' && error.message !== sentence;
  return withDetails ? `${sentence}\n${translate('details', { details: error.message })}` : sentence;
}

/** What `kite doctor` found, as data: the English `title`/`detail` are the report's and the log's. */
export type DoctorFindingCode = keyof (typeof en)['doctor']['findings'];

/** One finding in a person's language: title, advice, and the English technical detail on its own line (not in English, where the detail has it). */
export function describeFinding(
  translate: (key: string, params?: Params) => string,
  language: Language,
  check: { code: DoctorFindingCode; params: Record<string, string>; title: string; detail?: string; technical?: string },
): { title: string; detail?: string; details?: string } {
  if (language === 'en') return { title: check.title, ...(check.detail ? { detail: check.detail } : {}) };
  const detail = check.detail !== undefined ? translate(`doctor.findings.${check.code}.detail`, check.params) : '';
  return { title: translate(`doctor.findings.${check.code}.title`, check.params), ...(detail ? { detail } : {}), ...(check.technical ? { details: check.technical } : {}) };
}
