import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { tempDir } from '../support/temp';

describe('settings', () => {
  it('starts on defaults when there is no file', () => {
    const core = createCore({ dataDir: tempDir() });
    expect(core.settings.get()).toMatchObject({ language: 'zh-CN', idleTimeoutMinutes: 5, pinyinDefault: true });
    core.close();
  });

  it('keeps what was saved across a restart', () => {
    const dir = tempDir();
    const first = createCore({ dataDir: dir });
    first.settings.update({ schoolName: '青山小学', language: 'en' });
    first.close();
    const second = createCore({ dataDir: dir });
    expect(second.settings.get()).toMatchObject({ schoolName: '青山小学', language: 'en' });
    second.close();
  });

  it('sets a corrupt file aside (never overwrites it), runs on defaults and says so', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"language": "en", oops');
    const core = createCore({ dataDir: dir });
    expect(core.settings.get().language).toBe('zh-CN');
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0] as string), 'utf8')).toBe('{"language": "en", oops');
    expect(core.health().warnings).toEqual([expect.objectContaining({ code: 'settings_set_aside', text: expect.stringMatching(/not valid JSON.*default settings are in use/) })]);
    core.close();
  });

  it('keeps the valid keys of a file with one bad value', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ schoolName: '河边小学', idleTimeoutMinutes: -3 }));
    const core = createCore({ dataDir: dir });
    expect(core.settings.get()).toMatchObject({ schoolName: '河边小学', idleTimeoutMinutes: 5 });
    expect(core.health().warnings[0]).toMatchObject({ code: 'settings_invalid', params: { keys: 'idleTimeoutMinutes' } });
    core.close();
  });

  it('refuses a bad update and leaves the file as it was', () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir });
    core.settings.update({ schoolName: 'A' });
    const before = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(() => core.settings.update({ idleTimeoutMinutes: 0 })).toThrow();
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    core.close();
  });
});
