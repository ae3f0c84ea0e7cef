import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { pinMatches } from '../../src/core/auth/pin';
import { applyMachineConfig } from '../../src/core/config/apply';
import { configExample, EXAMPLE_CONFIG, exampleConfig } from '../../src/core/config/example';
import { checkConfigText, configFlag, configSource, defaultConfigFile, loadMachineConfig, machineProblems, stripJsonComments } from '../../src/core/config/load';
import { MachineConfig, MACHINE_CONFIG_KEYS } from '../../src/shared/config';
import { tempDir } from '../support/temp';
import { kite } from '../support/cli';

function writeConfig(content: unknown): string {
  const file = path.join(tempDir('kite-config-'), 'config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const load = (file: string) => loadMachineConfig({ file, explicit: true });

afterEach(() => vi.unstubAllEnvs());

describe('where the machine config is read from', () => {
  it('uses --config, else KITE_CONFIG, else the per-OS machine-wide path', () => {
    expect(configSource('/x/a.json', {})).toEqual({ file: path.resolve('/x/a.json'), explicit: true });
    expect(configSource(undefined, { KITE_CONFIG: '/y/b.json' })).toEqual({ file: path.resolve('/y/b.json'), explicit: true });
    expect(configSource(undefined, {}, 'linux')).toEqual({ file: '/etc/kite-classroom/config.json', explicit: false });
    expect(defaultConfigFile({ ProgramData: 'C:\\ProgramData' }, 'win32')).toBe('C:\\ProgramData\\Kite Classroom\\config.json');
    expect(configFlag(['electron', '.', '--config', 'c.json'])).toBe('c.json');
    expect(configFlag(['--config=d.json'])).toBe('d.json');
    expect(configFlag(['--data', 'x'])).toBeUndefined();
  });

  it('treats a missing default file as "no config", and a missing named file as a problem', () => {
    const missing = path.join(tempDir(), 'nope.json');
    expect(loadMachineConfig({ file: missing, explicit: false })).toEqual({ file: missing, found: false, config: {}, problems: [] });
    const named = loadMachineConfig({ file: missing, explicit: true });
    expect(named.config).toEqual({});
    expect(named.problems).toEqual([`Config file ${missing} does not exist; default settings are in use.`]);
  });
});

describe('checking a config file', () => {
  it('accepts a full valid config', () => {
    const result = load(writeConfig({ ...EXAMPLE_CONFIG }));
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual(EXAMPLE_CONFIG);
  });

  it('keeps the valid keys and names each bad or unknown key in one clear line', () => {
    const file = writeConfig({ schoolName: '河边小学', idleTimeoutMinutes: 0, language: 'fr', kiosk: 'yes', lanmode: true, teacherPinHash: '1234' });
    const { config, problems } = load(file);
    expect(config).toEqual({ schoolName: '河边小学' });
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.includes('"idleTimeoutMinutes"'))).toMatch(/its default is used instead/);
    expect(problems.find((p) => p.includes('"teacherPinHash"'))).toContain('kite config hash-pin');
    expect(problems.find((p) => p.includes('lanmode'))).toContain('unknown key "lanmode" was ignored (check its spelling)');
  });

  it('gives one clear problem for a file that is not JSON or not an object, and no config', () => {
    expect(load(writeConfig('{ "kiosk": true,, }')).problems[0]).toMatch(/is not valid JSON .*default settings are in use/);
    expect(load(writeConfig('[1, 2]')).problems).toEqual([expect.stringMatching(/must hold one JSON object/)]);
    expect(load(writeConfig('[1, 2]')).config).toEqual({});
  });

  it('reads comments (JSONC) and a byte-order mark, but not "//" inside strings', () => {
    const text = '\uFEFF// top\n{ /* block */ "schoolName": "a//b", // trailing\n "dataDir": "C:\\\\x" }';
    expect(checkConfigText(text, 'c.json')).toEqual({ config: { schoolName: 'a//b', dataDir: 'C:\\x' }, problems: [] });
    expect(stripJsonComments('"a\\"//b" // c')).toBe('"a\\"//b" \n');
  });

  it('flags a data folder that cannot be written and a packs folder that is missing, on this PC', () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'x');
    const problems = machineProblems({ dataDir: path.join(blocker, 'data'), packsFolder: path.join(tempDir(), 'none') }, 'c.json');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/dataDir .* cannot be written to or created/);
    expect(machineProblems({ dataDir: path.join(tempDir(), 'new', 'deeper') }, 'c.json')).toEqual([]);
  });
});

describe('the printed example', () => {
  it('documents every key and is itself a valid config (JSONC)', () => {
    const text = configExample();
    for (const key of MACHINE_CONFIG_KEYS) expect(text).toContain(`"${key}"`);
    const { config, problems } = checkConfigText(text, 'example.jsonc');
    expect(problems).toEqual([]);
    // The PIN hash is commented out: a placeholder hash would lock the teacher out.
    const { teacherPinHash: _hidden, ...rest } = exampleConfig();
    expect(config).toEqual(rest);
    // Folders in this PC's form: D:\ on Windows, absolute paths elsewhere (so validate on the same PC accepts them).
    expect(configExample('win32')).toContain('"dataDir": "D:\\\\KiteData"');
    expect(configExample('linux')).toContain('"dataDir": "/var/lib/kite-classroom"');
    expect(MachineConfig.safeParse(EXAMPLE_CONFIG).success).toBe(true);
  });
});

describe('the config at start (createCore)', () => {
  it('applies names, language, pinyin, idle timeout and the teacher PIN hash', async () => {
    const file = writeConfig({ schoolName: '青山村小学', classroomName: '网络教室', language: 'en', pinyinDefault: false, idleTimeoutMinutes: 9, teacherPinHash: (await import('../../src/core/auth/pin')).hashPin('2468') });
    const core = createCore({ dataDir: tempDir(), config: load(file) });
    expect(core.settings.get()).toMatchObject({ schoolName: '青山村小学', classroomName: '网络教室', language: 'en', pinyinDefault: false, idleTimeoutMinutes: 9 });
    expect(() => core.pin.verify('2468', { local: true })).not.toThrow();
    expect(core.health().warnings).toEqual([]);
    core.close();
  });

  it('keeps the names from the config when only the language changes', () => {
    const core = createCore({ dataDir: tempDir(), config: load(writeConfig({ schoolName: '青山村小学', classroomName: '网络教室 1' })) });
    core.settings.update({ language: 'en' });
    expect(core.settings.get()).toMatchObject({ schoolName: '青山村小学', classroomName: '网络教室 1', language: 'en' });
    core.close();
  });

  it('lets the teacher change a setting afterwards, until IT staff change the config again', () => {
    const dir = tempDir();
    const first = load(writeConfig({ language: 'en' }));
    let core = createCore({ dataDir: dir, config: first });
    core.settings.update({ language: 'zh-CN' });
    core.close();
    core = createCore({ dataDir: dir, config: first });
    expect(core.settings.get().language).toBe('zh-CN');
    core.close();
    core = createCore({ dataDir: dir, config: load(writeConfig({ language: 'en', schoolName: '新名字' })) });
    expect(core.settings.get()).toMatchObject({ language: 'zh-CN', schoolName: '新名字' });
    core.close();
  });

  it('runs on safe defaults with a bad config and shows the problem in health warnings and the log', () => {
    const file = writeConfig('{ "schoolName": ');
    const dir = tempDir();
    const core = createCore({ dataDir: dir, config: load(file) });
    expect(core.settings.get().schoolName).toBe('');
    expect(core.health().warnings).toEqual([expect.objectContaining({ code: 'config_problem', text: expect.stringMatching(/is not valid JSON/) })]);
    expect(fs.readFileSync(path.join(dir, 'logs', 'kite.log'), 'utf8')).toContain('is not valid JSON');
    core.close();
  });

  it('uses the config\'s data folder, and falls back to the default with a warning when it cannot be written', () => {
    const wanted = path.join(tempDir(), 'KiteData');
    let core = createCore({ config: load(writeConfig({ dataDir: wanted })) });
    expect(core.layout.root).toBe(wanted);
    core.close();

    const fallback = tempDir();
    vi.stubEnv('XDG_CONFIG_HOME', fallback);
    vi.stubEnv('APPDATA', fallback);
    vi.stubEnv('KITE_DATA_DIR', '');
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'keep me');
    core = createCore({ config: load(writeConfig({ dataDir: path.join(blocker, 'data') })) });
    expect(core.layout.root).toBe(path.join(fallback, 'Kite Classroom'));
    expect(core.health().warnings).toEqual([expect.objectContaining({ code: 'config_data_dir', text: expect.stringMatching(/dataDir .*a-file.data cannot be used .*data is kept in/) })]);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('keep me');
    core.close();
  });

  it('a PIN hash from the config replaces the old PIN and clears a lock', () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir });
    core.pin.set('2468');
    const window = { local: false };
    for (let i = 0; i < 5; i++) expect(() => core.pin.verify('0000', window)).toThrow();
    expect(core.pin.lockedForSeconds(window)).toBeGreaterThan(0);
    applyMachineConfig({ teacherPinHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==' }, core.db, core.settings, core.log);
    expect(core.pin.lockedForSeconds(window)).toBe(0);
    core.close();
  });
});

describe('kite config', () => {
  it('validate says a good file is valid (exit 0) and lists problems of a bad one (exit 1)', async () => {
    const good = await kite(['config', 'validate', writeConfig({ kiosk: true, schoolName: 'x' })]);
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toMatch(/is valid: 2 key\(s\) set \(schoolName, kiosk\)/);
    const bad = await kite(['config', 'validate', writeConfig({ kiosk: 'yes', lanPort: 99999 })]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.match(/^problem: /gm)).toHaveLength(2);
  });

  it('validate names a missing file in one line', async () => {
    const missing = path.join(tempDir(), 'gone.json');
    const result = await kite(['config', 'validate', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`kite config: ${missing} does not exist.\n`);
  });

  it('example prints the JSONC example; hash-pin makes a hash the app accepts', async () => {
    expect((await kite(['config', 'example'])).stdout).toBe(configExample());
    const hashed = await kite(['config', 'hash-pin', '4826']);
    expect(hashed.code).toBe(0);
    expect(MachineConfig.shape.teacherPinHash.safeParse(hashed.stdout.trim()).success).toBe(true);
    expect(pinMatches('4826', hashed.stdout.trim())).toBe(true);
    expect((await kite(['config', 'hash-pin', '12'])).stderr).toMatch(/4 to 8 digits/);
    for (const weak of ['4321', '123456', '0000']) {
      const refused = await kite(['config', 'hash-pin', weak]);
      expect(refused.code, weak).not.toBe(0);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/too easy to guess/);
    }
  });

  it('the global --config option is what validate checks by default', async () => {
    const file = writeConfig({ lanMode: true });
    const result = await kite(['--config', file, 'config', 'validate']);
    expect(result.stdout).toContain(`${file} is valid`);
  });
});
