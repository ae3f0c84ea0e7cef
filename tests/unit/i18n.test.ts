import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors';
import { STARTUP_WARNING_CODES } from '../../src/shared/warnings';
import { IMPORT_NOTE_CODES } from '../../src/shared/contract/media';
import { MEDIA_PROBLEMS } from '../../src/core/media/probe';
import { SRT_PROBLEMS } from '../../src/core/telemetry/srt';
import { LANGUAGES, type Language } from '../../src/shared/languages';
import { MESSAGES } from '../../src/shared/messages';

const LOCALES = path.join(__dirname, '../../src/renderer/src/i18n/locales');

const flatten = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

const read = (language: string, file: string) => JSON.parse(fs.readFileSync(path.join(LOCALES, language, file), 'utf8')) as object;
const filesOf = (language: string) => fs.readdirSync(path.join(LOCALES, language)).filter((f) => f.endsWith('.json')).sort();

/** Every key the UI has: its locale files and the shared catalogue (errors, details line, doctor findings). */
function allKeys(language: string): Set<string> {
  const { errors, details, doctor } = MESSAGES[language as Language];
  return new Set([...filesOf(language).flatMap((f) => flatten(read(language, f))), ...flatten({ errors, details, doctor })]);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('UI text in both languages', () => {
  it('has the same locale files for every language', () => {
    for (const language of LANGUAGES) expect(filesOf(language), language).toEqual(filesOf('zh-CN'));
  });

  it.each(fs.readdirSync(path.join(LOCALES, 'zh-CN')).filter((f) => f.endsWith('.json')))('has the same keys in zh-CN and en in %s', (file) => {
    const zh = new Set(flatten(read('zh-CN', file)));
    const en = new Set(flatten(read('en', file)));
    expect([...zh].filter((k) => !en.has(k)), 'missing in en').toEqual([]);
    expect([...en].filter((k) => !zh.has(k)), 'missing in zh-CN').toEqual([]);
    const empty = (language: string, keys: Set<string>) =>
      [...keys].filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], read(language, file)) === '');
    expect(empty('zh-CN', zh)).toEqual([]);
    expect(empty('en', en)).toEqual([]);
  });

  it('gives each top-level key to one file only', () => {
    const owner = new Map<string, string>(['errors', 'details', 'doctor'].map((key) => [key, 'src/shared/messages']));
    for (const file of filesOf('zh-CN')) {
      for (const key of Object.keys(read('zh-CN', file))) {
        expect(owner.get(key), `"${key}" is in ${owner.get(key)} and ${file}`).toBeUndefined();
        owner.set(key, file);
      }
    }
  });

  it('has every key the renderer asks for by literal name', () => {
    const zh = allKeys('zh-CN');
    const en = allKeys('en');
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(__dirname, '../../src/renderer/src'))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });

  it('translates every error code', () => {
    const zh = allKeys('zh-CN');
    const en = allKeys('en');
    for (const code of ERROR_CODES) {
      expect(zh.has(`errors.${code}`), code).toBe(true);
      expect(en.has(`errors.${code}`), code).toBe(true);
    }
  });

  it('says every start-up warning in both languages', () => {
    const zh = allKeys('zh-CN');
    const en = allKeys('en');
    for (const code of STARTUP_WARNING_CODES) {
      expect(zh.has(`teacher.startupWarning.${code}`), code).toBe(true);
      expect(en.has(`teacher.startupWarning.${code}`), code).toBe(true);
    }
  });

  it("words every media import note and problem in both languages (else the teacher reads the core's English)", () => {
    const zh = allKeys('zh-CN');
    const en = allKeys('en');
    // Problems the import names outside the two lists: a proxy that is not H.264, an SRT that cannot be read at all.
    const problems = [...MEDIA_PROBLEMS, ...SRT_PROBLEMS, 'proxy_not_h264', 'srt_unreadable'];
    const keys = [...IMPORT_NOTE_CODES.map((code) => `gallery.teacher.notes.${code}`), ...problems.map((p) => `gallery.teacher.problems.${p}`)];
    expect(keys.filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });
});
