import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINE_CONFIG_KEYS } from '../../src/shared/config';
import { EXAMPLE_CONFIG } from '../../src/core/config/example';

const docs = path.join(__dirname, '../../docs');
const read = (file: string) => fs.readFileSync(path.join(docs, file), 'utf8');
const LANGS = ['en', 'zh-CN'];

describe('IT staff docs match the code', () => {
  it('exist in both languages with the same pages', () => {
    const en = fs.readdirSync(path.join(docs, 'en')).sort();
    expect(en).toEqual(['README.md', 'classroom.md', 'config.md', 'county.md', 'install.md', 'kiosk.md', 'maintenance.md', 'troubleshooting.md']);
    expect(fs.readdirSync(path.join(docs, 'zh-CN')).sort()).toEqual(en);
    expect(fs.existsSync(path.join(docs, 'OFFLINE-BUILD.md'))).toBe(true);
  });

  it.each(LANGS)('%s/config.md documents every config key, and no key the schema does not have', (lang) => {
    const text = read(`${lang}/config.md`);
    const rows = [...text.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...MACHINE_CONFIG_KEYS].sort());
    // The example in the docs uses every key too.
    for (const key of MACHINE_CONFIG_KEYS) expect(text, key).toMatch(new RegExp(`"${key}":`));
  });

  it.each(LANGS)('%s docs give the config paths and the commands the code has', (lang) => {
    const all = fs.readdirSync(path.join(docs, lang)).map((f) => read(`${lang}/${f}`)).join('\n');
    for (const needle of ['C:\\ProgramData\\Kite Classroom\\config.json', '/etc/kite-classroom/config.json', 'KITE_CONFIG', '--config', 'kite config validate', 'kite config example', 'kite config hash-pin', 'doctor --out', '/S', 'Ctrl+Alt+Del']) {
      expect(all, needle).toContain(needle);
    }
    expect(all).toContain(`"lanPort": ${EXAMPLE_CONFIG.lanPort}`);
  });

  it.each(LANGS)('%s/install.md says what a FAT32 stick means for the portable exe, and recommends NTFS or exFAT', (lang) => {
    const section = read(`${lang}/install.md`).split(/^### /m).find((s) => s.includes('FAT32')) as string;
    expect(section).toBeDefined();
    for (const needle of ['KiteData', 'NTFS', 'exFAT', '4 GB', 'doctor']) expect(section, needle).toContain(needle);
    expect(section).toMatch(lang === 'en' ? /power (goes off|cut)/ : /停电/);
  });

  it('the pack docs say how the official built-in packs are signed, and where the release key comes from', () => {
    const text = read('lesson-packs.md');
    const section = text.slice(text.indexOf('## Official lessons'));
    for (const needle of ['官方课程', 'KITE_RELEASE_KEY_FILE', 'KITE_RELEASE_KEY', 'Never in the repository', '.kite-dev-key/', 'npm run dist', 'RELEASE_KEY']) {
      expect(section, needle).toContain(needle);
    }
  });

  it('the Electron version the docs name is the one installed', () => {
    const electron = JSON.parse(fs.readFileSync(path.join(__dirname, '../../node_modules/electron/package.json'), 'utf8')) as { version: string };
    const major = electron.version.split('.')[0];
    for (const lang of LANGS) expect(read(`${lang}/install.md`)).toContain(`Electron ${major}`);
    expect(read('OFFLINE-BUILD.md')).toContain(`electron-v${electron.version}-win32-x64.zip`);
  });
});
