import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { hashPin } from '../../src/core/auth/pin';
import type { LoadedConfig } from '../../src/core/config/load';
import { tempDir } from '../support/temp';

/** A classroom with a PIN, a class, a pupil and a backup; then one more pupil after the backup. */
async function classroom(dataDir = tempDir()) {
  const core = createCore({ dataDir });
  core.pin.set('2468');
  const cls = core.progress.roster.createClass('三年级一班', 3);
  core.progress.roster.addPupil(cls.id, '小明');
  const backup = await core.backups.create('daily');
  core.progress.roster.addPupil(cls.id, '小红');
  core.close();
  return { dataDir, db: path.join(dataDir, 'kite.db'), backup };
}

const pupilNames = (core: Core) => (core.db.prepare('SELECT name FROM pupils ORDER BY created_at').pluck().all() as string[]);
const pinWorks = (core: Core, pin: string) => {
  try {
    core.pin.verify(pin, { local: true });
    return true;
  } catch {
    return false;
  }
};
const removeDb = (db: string) => {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(db + ext, { force: true });
};

describe('a lost or empty kite.db', () => {
  it('zero bytes (a power cut on a FAT32 stick): restored from the newest good backup, with the damaged-file warning', async () => {
    const { dataDir, db, backup } = await classroom();
    removeDb(db);
    fs.writeFileSync(db, '');
    const core = createCore({ dataDir });
    try {
      const [warning] = core.health().warnings;
      expect(warning).toMatchObject({ code: 'database_restored', params: { backupAt: backup.createdAt } });
      expect(warning?.text).toMatch(/empty \(0 bytes\)/);
      expect(fs.statSync(path.join(dataDir, warning?.params.aside as string)).size).toBe(0);
      expect(pupilNames(core)).toEqual(['小明']);
      expect(pinWorks(core, '2468')).toBe(true);
    } finally {
      core.close();
    }
  });

  it('truncated: restored from the backup the same way', async () => {
    const { dataDir, db } = await classroom();
    fs.truncateSync(db, 8192);
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings.map((w) => w.code)).toEqual(['database_restored']);
      expect(pupilNames(core)).toEqual(['小明']);
    } finally {
      core.close();
    }
  });

  it('missing while backups exist: restored, and the teacher is told', async () => {
    const { dataDir, db, backup } = await classroom();
    removeDb(db);
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings).toEqual([expect.objectContaining({ code: 'database_missing_restored', params: { backupAt: backup.createdAt } })]);
      expect(pupilNames(core)).toEqual(['小明']);
      expect(pinWorks(core, '2468')).toBe(true);
    } finally {
      core.close();
    }
  });

  it('an empty SQLite file (no tables, schema version 0) is not taken for a fresh install while backups exist', async () => {
    const { dataDir, db } = await classroom();
    removeDb(db);
    const empty = new Database(db);
    empty.pragma('journal_mode = WAL');
    empty.close();
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings.map((w) => w.code)).toEqual(['database_restored']);
      expect(pupilNames(core)).toEqual(['小明']);
    } finally {
      core.close();
    }
  });

  it('zero bytes with no backup: starts empty with a warning, and the teacher console stays locked behind the same PIN', async () => {
    const { dataDir, db } = await classroom();
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true });
    removeDb(db);
    fs.writeFileSync(db, '');
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings.map((w) => w.code)).toEqual(['database_reset']);
      expect(pupilNames(core)).toEqual([]);
      expect(core.pin.isSet()).toBe(true);
      expect(pinWorks(core, '2468')).toBe(true);
      expect(pinWorks(core, '0000')).toBe(false);
    } finally {
      core.close();
    }
  });

  it('truncated with no backup: starts empty with a warning, the damaged file kept, the PIN still asked for', async () => {
    const { dataDir, db } = await classroom();
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true });
    fs.truncateSync(db, 8192);
    const core = createCore({ dataDir });
    try {
      const [warning] = core.health().warnings;
      expect(warning).toMatchObject({ code: 'database_reset', params: { aside: expect.stringMatching(/^kite\.db\.corrupt-/) } });
      expect(fs.statSync(path.join(dataDir, warning?.params.aside as string)).size).toBe(8192);
      expect(pinWorks(core, '2468')).toBe(true);
    } finally {
      core.close();
    }
  });

  it('missing while only bad backups exist: starts empty with a warning, the PIN kept beside it is back', async () => {
    const { dataDir, db } = await classroom();
    for (const b of fs.readdirSync(path.join(dataDir, 'backups'))) fs.writeFileSync(path.join(dataDir, 'backups', b), '');
    removeDb(db);
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings.map((w) => w.code)).toEqual(['database_missing_reset']);
      expect(pupilNames(core)).toEqual([]);
      expect(pinWorks(core, '2468')).toBe(true);
    } finally {
      core.close();
    }
  });

  it('after a reset, a PIN hash in the machine config locks the console even without the PIN copy', async () => {
    const { dataDir, db } = await classroom();
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true });
    fs.rmSync(path.join(dataDir, 'teacher-pin.json'));
    removeDb(db);
    fs.writeFileSync(db, '');
    const config: LoadedConfig = { file: '/etc/kite/config.json', found: true, config: { teacherPinHash: hashPin('1357') }, problems: [] };
    const core = createCore({ dataDir, config });
    try {
      expect(core.pin.isSet()).toBe(true);
      expect(pinWorks(core, '1357')).toBe(true);
    } finally {
      core.close();
    }
  });

  it('only a folder with neither a database nor backups is a fresh install (no warning, no PIN)', () => {
    const core = createCore({ dataDir: tempDir() });
    try {
      expect(core.health().warnings).toEqual([]);
      expect(core.pin.isSet()).toBe(false);
      expect(core.backups.list()).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('a first start cut off before its tables were made is still a fresh install', () => {
    const dataDir = tempDir();
    const empty = new Database(path.join(dataDir, 'kite.db'));
    empty.pragma('journal_mode = WAL');
    empty.close();
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings).toEqual([]);
      expect(core.progress.roster.list()).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('a backup with a bad check is passed over for an older good one', async () => {
    const { dataDir, db, backup } = await classroom();
    const broken = path.join(dataDir, 'backups', 'kite-29990101T000000000Z-daily.db');
    fs.writeFileSync(broken, 'not a database at all, just some bytes '.repeat(200));
    removeDb(db);
    const core = createCore({ dataDir });
    try {
      expect(core.health().warnings[0]?.params.backupAt).toBe(backup.createdAt);
      expect(pupilNames(core)).toEqual(['小明']);
    } finally {
      core.close();
    }
  });
});

describe('half-made backups', () => {
  it('are removed at start; a backup a live process is making is left alone', async () => {
    const { dataDir } = await classroom();
    const dir = path.join(dataDir, 'backups');
    const big = Buffer.alloc(256 * 1024, 7);
    const deadPid = 2 ** 22 + 17; // above Linux's pid_max: never a live process
    const leftovers = [
      '.kite-20260901T080000000Z-daily.db.tmp',
      '.kite-20260901T080000000Z-daily.db.tmp-journal',
      `.kite-20260902T080000000Z-manual.db.${deadPid}.tmp`,
      `.kite-20260902T080000000Z-manual.db.${deadPid}.tmp-journal`,
    ];
    const live = `.kite-20260903T080000000Z-manual.db.${process.ppid}.tmp`;
    for (const name of [...leftovers, live]) fs.writeFileSync(path.join(dir, name), big);
    // And a restore cut off while it copied the backup beside kite.db.
    for (const name of ['kite.db.restore.tmp', `kite.db.${deadPid}.restore.tmp`]) fs.writeFileSync(path.join(dataDir, name), big);
    const before = fs.readdirSync(dir).filter((n) => !n.startsWith('.'));
    const core = createCore({ dataDir });
    core.close();
    expect(fs.readdirSync(dir).sort()).toEqual([live, ...before].sort());
    expect(fs.readdirSync(dataDir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
