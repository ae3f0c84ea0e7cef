import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../src/core/db/open';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/core/db/migrations';
import { tempDir } from '../support/temp';

describe('the database', () => {
  it('opens with WAL and synchronous=FULL and applies every migration from empty', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('numbers migrations 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('migrates from every earlier schema version', () => {
    for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
      const file = path.join(tempDir(), `from-${from}.db`);
      openDatabase(file, { migrationList: migrations.filter((m) => m.version <= from) }).close();
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    }
  });

  it('runs the before-migrate hook only when there is something to migrate', () => {
    const file = path.join(tempDir(), 'kite.db');
    const calls: number[] = [];
    openDatabase(file, { beforeMigrate: (v) => calls.push(v) }).close();
    openDatabase(file, { beforeMigrate: (v) => calls.push(v) }).close();
    expect(calls).toEqual([0]);
  });

  it('refuses a database from a newer app and leaves it untouched', () => {
    const file = path.join(tempDir(), 'kite.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer Kite Classroom/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });
});
