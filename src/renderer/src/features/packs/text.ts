import type { LocalizedText } from '../../../../shared/pack';

/** The text in the reader's language, else the pack's first language (packs may add languages we lack). */
export function pick(text: LocalizedText | undefined, language: string): string {
  if (!text) return '';
  return text[language] ?? Object.values(text)[0] ?? '';
}

/** 1536 → "1.5 KB": sizes for teachers. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** Where an installed pack's file is served (both hosts). */
export function packFileUrl(pack: { id: string; version: string }, file: string): string {
  return `/packs/${encodeURIComponent(pack.id)}/${encodeURIComponent(pack.version)}/${file}`;
}

/** ["zh-CN", "en"] → "中文、English": each language in its own name, as people find it in a list. */
export function languageNames(codes: string[], language: string): string {
  const name = (code: string) => {
    const base = code.split('-')[0] ?? code;
    try {
      return new Intl.DisplayNames([base], { type: 'language' }).of(base) ?? code;
    } catch {
      return code;
    }
  };
  return codes.map(name).join(language.startsWith('zh') ? '、' : ', ');
}
