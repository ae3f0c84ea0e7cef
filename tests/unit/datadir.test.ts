import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { defaultDataDir, prepareDataDir } from '../../src/core/datadir';
import { KiteError } from '../../src/shared/errors';
import { tempDir } from '../support/temp';

describe('the data folder', () => {
  it('is laid out as the design says', () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir });
    for (const sub of ['packs', 'media', 'backups', 'logs', 'tmp']) expect(fs.statSync(path.join(dir, sub)).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'kite.db'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'logs', 'kite.log'), 'utf8')).toMatch(/core started/);
    core.close();
  });

  it('gives each process its own staging folder and removes only what dead processes left in tmp/', () => {
    const dir = tempDir();
    const deadPid = 2 ** 22 + 17; // above Linux's pid_max: never a live process
    const stale = [`${deadPid}-0badf00d`, 'import-123'];
    const live = `${process.ppid}-0123abcd`;
    for (const name of [...stale, live]) {
      fs.mkdirSync(path.join(dir, 'tmp', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'tmp', name, 'half.bin'), 'x');
    }
    fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'media', 'keep.mp4'), 'video');
    const layout = prepareDataDir(dir);
    expect(path.dirname(layout.tmp)).toBe(path.join(dir, 'tmp'));
    expect(path.basename(layout.tmp)).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{8}$`));
    expect(fs.readdirSync(path.join(dir, 'tmp')).sort()).toEqual([live, path.basename(layout.tmp)].sort());
    expect(fs.readFileSync(path.join(dir, 'media', 'keep.mp4'), 'utf8')).toBe('video');
  });

  it('removes its own staging folder when the core closes', () => {
    const core = createCore({ dataDir: tempDir() });
    fs.writeFileSync(path.join(core.layout.tmp, 'upload.kpack'), 'x');
    core.close();
    expect(fs.existsSync(core.layout.tmp)).toBe(false);
  });

  it('gives one clear error when it cannot be written', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'I am a file');
    try {
      prepareDataDir(path.join(file, 'data'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KiteError);
      expect((error as KiteError).code).toBe('data_dir_unwritable');
      expect((error as KiteError).message).toMatch(/Cannot write to the data folder .* Choose another with --data DIR/);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('I am a file');
  });

  it('defaults to the same folder as Electron userData, or KITE_DATA_DIR', () => {
    expect(defaultDataDir({ KITE_DATA_DIR: '/srv/kite' }, 'linux')).toBe('/srv/kite');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/t/.config' }, 'linux')).toBe('/home/t/.config/Kite Classroom');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toContain('Kite Classroom');
  });
});
