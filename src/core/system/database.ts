import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DoctorCheck } from '../../shared/contract/system';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { finding } from './finding';
import { formatBytes } from './format';

/**
 * Open kite.db without changing it. A database in WAL mode needs its -shm file to be opened even
 * read-only, and a read-only folder (a locked USB stick, a read-only share) has none: then the
 * database and its WAL are copied to a temporary folder and that copy is read instead.
 */
function withReadOnlyDatabase<T>(file: string, use: (db: Database.Database) => T): T {
  let db: Database.Database | undefined;
  let copy: string | undefined;
  try {
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('user_version');
    } catch (error) {
      db?.close();
      db = undefined;
      if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
      copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-doctor-'));
      for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, path.join(copy, 'kite.db' + suffix));
      db = new Database(path.join(copy, 'kite.db'), { readonly: false, fileMustExist: true });
    }
    return use(db);
  } finally {
    db?.close();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  }
}

export function databaseChecks(file: string): DoctorCheck[] {
  if (!fs.existsSync(file)) return [finding('database', 'warn', 'db_missing')];
  if (fs.statSync(file).size === 0) return [finding('database', 'fail', 'db_empty')];
  try {
    return withReadOnlyDatabase(file, (db) => {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      const version = db.pragma('user_version', { simple: true }) as number;
      const versions = { version, latest: LATEST_SCHEMA_VERSION };
      return [
        problems.length === 0 ? finding('database', 'ok', 'db_ok', { size: formatBytes(fs.statSync(file).size) }) : finding('database', 'fail', 'db_damaged', {}, problems.slice(0, 5).join('; ')),
        version > LATEST_SCHEMA_VERSION ? finding('database', 'fail', 'db_too_new', versions) : finding('database', 'ok', 'db_version', versions),
      ];
    });
  } catch (error) {
    return [finding('database', 'fail', 'db_unreadable', {}, (error as Error).message)];
  }
}

/** `id@version` of the packs the app installed from its own installer (none if the database can't be read). */
export function builtinPacks(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  try {
    return withReadOnlyDatabase(file, (db) => new Set(db.prepare<[], { id: string; version: string }>('SELECT id, version FROM installed_packs WHERE builtin = 1').all().map((r) => `${r.id}@${r.version}`)));
  } catch {
    return new Set();
  }
}
