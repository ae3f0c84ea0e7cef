import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from '../../src/renderer/src/i18n/locales/zh-CN.json';
import en from '../../src/renderer/src/i18n/locales/en.json';
import { ERROR_CODES } from '../../src/shared/errors';

const flatten = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

function rendererSources(dir = path.join(__dirname, '../../src/renderer/src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? rendererSources(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('UI text in both languages', () => {
  const zhKeys = new Set(flatten(zhCN));
  const enKeys = new Set(flatten(en));

  it('has the same keys in zh-CN and en', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k)), 'missing in en').toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k)), 'missing in zh-CN').toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = (obj: object) => flatten(obj).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], obj) === '');
    expect(empty(zhCN)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('has every key the renderer asks for by literal name', () => {
    const used = new Set<string>();
    for (const file of rendererSources()) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !zhKeys.has(k) || !enKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('translates every error code', () => {
    for (const code of ERROR_CODES) {
      expect(zhKeys.has(`errors.${code}`), code).toBe(true);
      expect(enKeys.has(`errors.${code}`), code).toBe(true);
    }
  });
});
