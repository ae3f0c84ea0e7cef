import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/contract/progress';
import { KiteError } from '../../shared/errors';
import { startupWarning, type StartupWarning } from '../../shared/warnings';
import { fsyncDir } from '../fs/atomic';
import type { Logger } from '../log/logger';

export const KEEP_BACKUPS = 14;
const NAME = /^kite-(\d{8}T\d{6}\d{3}Z)-([a-z0-9-]+)\.db$/;

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}
function dateOf(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : stamp;
}

/** Backups in the folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
    .map(({ name, m }) => ({ name, reason: m[2] as string, createdAt: dateOf(m[1] as string), sizeBytes: fs.statSync(path.join(dir, name)).size }))
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** Why a database file cannot be used, or undefined when it opens and passes PRAGMA integrity_check. */
export function integrityProblem(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check);
    return result.length === 1 && result[0] === 'ok' ? undefined : result.slice(0, 3).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

function finish(dir: string, tmp: string, name: string, log: Logger): BackupInfo {
  // A backup is a single self-contained file: no -wal/-shm beside it, so it can be copied or checked read-only.
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = integrityProblem(tmp);
  if (problem) {
    fs.rmSync(tmp, { force: true });
    throw new KiteError('backup_invalid', `The new backup did not pass its check (${problem}).`);
  }
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path.join(dir, name));
  fsyncDir(dir);
  prune(dir, log);
  return listBackups(dir).find((b) => b.name === name) as BackupInfo;
}

function prune(dir: string, log: Logger, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(dir).slice(keep)) {
    fs.rmSync(path.join(dir, old.name), { force: true });
    log.info('old backup removed', { name: old.name });
  }
}

/**
 * Rotating database backups in <data>/backups, made with SQLite's online backup API (a
 * consistent copy while the app keeps writing), checked, fsynced and renamed into place.
 */
export function createBackups(db: Database.Database, dir: string, log: Logger, now: () => number = Date.now) {
  const nameFor = (reason: string) => `kite-${stampOf(new Date(now()))}-${reason}.db`;
  return {
    list: () => listBackups(dir),
    async create(reason = 'manual'): Promise<BackupInfo> {
      const name = nameFor(reason);
      const tmp = path.join(dir, `.${name}.tmp`);
      try {
        await db.backup(tmp);
      } catch (error) {
        fs.rmSync(tmp, { force: true });
        throw error;
      }
      const info = finish(dir, tmp, name, log);
      log.info('backup made', { name, reason });
      return info;
    },
    /**
     * For the moment before migrations, where the caller cannot wait: VACUUM INTO writes a
     * consistent, compact copy synchronously (the backup API is asynchronous in better-sqlite3).
     */
    createNow(reason: string): BackupInfo {
      const name = nameFor(reason);
      const tmp = path.join(dir, `.${name}.tmp`);
      db.prepare('VACUUM INTO ?').run(tmp);
      const info = finish(dir, tmp, name, log);
      log.info('backup made', { name, reason });
      return info;
    },
    /** True when the newest backup is older than a day (or there is none). */
    due: () => {
      const newest = listBackups(dir)[0];
      return !newest || now() - Date.parse(newest.createdAt) > 24 * 3600_000;
    },
  };
}
export type Backups = ReturnType<typeof createBackups>;

function moveAside(file: string, suffix: string): string {
  const aside = `${file}.${suffix}-${stampOf(new Date())}`;
  for (const ext of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + ext)) fs.renameSync(file + ext, aside + ext);
  }
  return aside;
}

function copyInto(source: string, target: string): void {
  const tmp = `${target}.restore.tmp`;
  fs.copyFileSync(source, tmp);
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, target);
  fsyncDir(path.dirname(target));
}

/**
 * Put a backup in place of the database (the app must not be using it). The backup is checked
 * first; a damaged one is refused and nothing is changed. The current database is kept aside.
 */
export function restoreBackup(dbFile: string, dir: string, name: string): { keptAside: string | undefined } {
  const backup = listBackups(dir).find((b) => b.name === name);
  if (!backup) throw new KiteError('not_found', `There is no backup called "${name}" in ${dir}.`);
  const problem = integrityProblem(path.join(dir, name));
  if (problem) throw new KiteError('backup_invalid', `${name}: ${problem}. The database was not changed.`);
  const keptAside = fs.existsSync(dbFile) ? moveAside(dbFile, 'before-restore') : undefined;
  copyInto(path.join(dir, name), dbFile);
  return { keptAside };
}

/**
 * At start, before opening: if the database is damaged, keep it aside and put the newest good
 * backup in its place. Returns a warning for the teacher, or undefined when all was well.
 */
export function recoverIfCorrupt(dbFile: string, dir: string, log: Logger): StartupWarning | undefined {
  if (!fs.existsSync(dbFile)) return undefined;
  const problem = integrityProblem(dbFile);
  if (!problem) return undefined;
  const aside = moveAside(dbFile, 'corrupt');
  log.error('database failed its integrity check; kept aside', { problem, aside });
  for (const backup of listBackups(dir)) {
    if (integrityProblem(path.join(dir, backup.name))) continue;
    copyInto(path.join(dir, backup.name), dbFile);
    log.warn('database restored from backup', { backup: backup.name });
    return startupWarning(
      'database_restored',
      { backupAt: backup.createdAt, aside: path.basename(aside) },
      `The progress database was damaged (${problem}). It was restored from the backup of ${backup.createdAt}; work after that time may be missing. The damaged file was kept as ${path.basename(aside)}.`,
    );
  }
  return startupWarning(
    'database_reset',
    { aside: path.basename(aside) },
    `The progress database was damaged (${problem}) and no good backup was found, so the app started with an empty one. The damaged file was kept as ${path.basename(aside)}; ask IT staff for help.`,
  );
}
