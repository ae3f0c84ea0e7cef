import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/contract/backups';
import { KiteError } from '../../shared/errors';
import { startupWarning, type StartupWarning } from '../../shared/warnings';
import { fsyncDir, fsyncFile } from '../fs/atomic';
import { lockHolder, processAlive } from '../fs/owners';
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
    removeWithJournal(tmp);
    throw new KiteError('backup_invalid', `The new backup did not pass its check (${problem}).`);
  }
  fsyncFile(tmp);
  fs.renameSync(tmp, path.join(dir, name));
  fsyncDir(dir);
  prune(dir, log);
  return listBackups(dir).find((b) => b.name === name) as BackupInfo;
}

const removeWithJournal = (file: string) => {
  for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
};

/** A half-made backup (".<name>.<pid>.tmp", its -journal; older versions left no pid). */
const BACKUP_LEFTOVER = /^\.kite-.+\.db(?:\.(\d+))?\.tmp(?:-journal|-wal|-shm)?$/;
/** A half-copied restore beside the database ("kite.db.<pid>.restore.tmp"). */
const RESTORE_LEFTOVER = /^kite\.db(?:\.(\d+))?\.restore\.tmp$/;

/**
 * At start: remove half-made backups and restores that an interrupted backup or restore left
 * behind (each may be as big as the database). One another live process is making right now is
 * left alone.
 */
export function removeBackupLeftovers(dir: string, dbFile: string, log: Logger): void {
  const found = (folder: string, pattern: RegExp) =>
    (fs.existsSync(folder) ? fs.readdirSync(folder) : []).flatMap((name) => {
      const m = pattern.exec(name);
      return m ? [{ folder, name, pid: m[1] }] : [];
    });
  for (const { folder, name, pid } of [...found(dir, BACKUP_LEFTOVER), ...found(path.dirname(dbFile), RESTORE_LEFTOVER)]) {
    if (pid && processAlive(Number(pid))) continue;
    fs.rmSync(path.join(folder, name), { force: true });
    log.info('half-made backup removed', { name });
  }
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
  const tmpFor = (name: string) => path.join(dir, `.${name}.${process.pid}.tmp`);
  /** A failed copy leaves nothing behind. */
  const discard = (tmp: string, error: unknown): never => {
    removeWithJournal(tmp);
    throw error;
  };
  /** A written copy is checked, fsynced and renamed into place. */
  const keep = (tmp: string, name: string, reason: string): BackupInfo => {
    const info = finish(dir, tmp, name, log);
    log.info('backup made', { name, reason });
    return info;
  };
  return {
    list: () => listBackups(dir),
    async create(reason = 'manual'): Promise<BackupInfo> {
      const name = nameFor(reason);
      const tmp = tmpFor(name);
      await db.backup(tmp).catch((error: unknown) => discard(tmp, error));
      return keep(tmp, name, reason);
    },
    /**
     * For the moment before migrations, where the caller cannot wait: VACUUM INTO writes a
     * consistent, compact copy synchronously (the backup API is asynchronous in better-sqlite3).
     */
    createNow(reason: string): BackupInfo {
      const name = nameFor(reason);
      const tmp = tmpFor(name);
      try {
        db.prepare('VACUUM INTO ?').run(tmp);
      } catch (error) {
        discard(tmp, error);
      }
      return keep(tmp, name, reason);
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
  const tmp = `${target}.${process.pid}.restore.tmp`;
  fs.copyFileSync(source, tmp);
  fsyncFile(tmp);
  fs.renameSync(tmp, target);
  fsyncDir(path.dirname(target));
}

/**
 * Put a backup in place of the database (the app must not be using it: a running app holding
 * <data>/kite.lock makes this refuse). The backup is checked first; a damaged one is refused and
 * nothing is changed. The current database is kept aside.
 */
export function restoreBackup(dbFile: string, dir: string, name: string, lockFile?: string): { keptAside: string | undefined } {
  const holder = lockFile ? lockHolder(lockFile) : undefined;
  if (holder !== undefined && holder !== process.pid) {
    throw new KiteError('conflict', `Kite Classroom is running on this data folder (process ${holder}). Close the app (or stop "kite serve") first, then restore; if it is not running (it crashed), delete ${path.basename(lockFile as string)} and try again. Nothing was changed.`);
  }
  const backup = listBackups(dir).find((b) => b.name === name);
  if (!backup) throw new KiteError('not_found', `There is no backup called "${name}" in ${dir}.`);
  const problem = databaseProblem(path.join(dir, name));
  if (problem) throw new KiteError('backup_invalid', `${name}: ${problem}. The database was not changed.`);
  const keptAside = fs.existsSync(dbFile) ? moveAside(dbFile, 'before-restore') : undefined;
  copyInto(path.join(dir, name), dbFile);
  return { keptAside };
}

const NO_TABLES = 'the file holds no tables';

/**
 * Why the database cannot be used as it is, or undefined when it can. Missing is not damage (a
 * fresh install has none); an empty file is, whatever SQLite thinks of it: a power cut on a FAT32
 * USB stick leaves zero-byte files, and a file without a single table is no one's data either.
 */
function databaseProblem(file: string): 'missing' | string | undefined {
  if (!fs.existsSync(file)) return 'missing';
  if (fs.statSync(file).size === 0) return 'the file is empty (0 bytes)';
  const problem = integrityProblem(file);
  if (problem) return problem;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get()?.n ?? 0;
    return tables === 0 ? NO_TABLES : undefined;
  } finally {
    db.close();
  }
}

/**
 * At start, before opening. A database that is damaged, empty or missing is replaced by the newest
 * good backup (a damaged or empty file is kept aside first), and the teacher is told. Only a data
 * folder with neither a database nor any backup is a fresh install. Returns the teacher's warning,
 * or undefined when all was well.
 */
export function recoverDatabase(dbFile: string, dir: string, log: Logger): StartupWarning | undefined {
  const problem = databaseProblem(dbFile);
  if (!problem) return undefined;
  const backups = listBackups(dir);
  // A fresh install (or one whose very first start was cut before the tables were made).
  if ((problem === 'missing' || problem === NO_TABLES) && backups.length === 0) return undefined;
  const aside = problem === 'missing' ? undefined : path.basename(moveAside(dbFile, 'corrupt'));
  if (aside) log.error('database failed its check; kept aside', { problem, aside });
  else log.error('database missing while backups exist', { backups: backups.length });
  for (const backup of backups) {
    if (databaseProblem(path.join(dir, backup.name))) continue;
    copyInto(path.join(dir, backup.name), dbFile);
    log.warn('database restored from backup', { backup: backup.name });
    const params = { backupAt: backup.createdAt };
    return aside
      ? startupWarning(
          'database_restored',
          { ...params, aside },
          `The progress database was damaged (${problem}). It was restored from the backup of ${backup.createdAt}; work after that time may be missing. The damaged file was kept as ${aside}.`,
        )
      : startupWarning(
          'database_missing_restored',
          params,
          `The progress database (kite.db) was missing. It was restored from the backup of ${backup.createdAt}; work after that time may be missing.`,
        );
  }
  return aside
    ? startupWarning(
        'database_reset',
        { aside },
        `The progress database was damaged (${problem}) and no good backup was found, so the app started with an empty one. The damaged file was kept as ${aside}; ask IT staff for help.`,
      )
    : startupWarning(
        'database_missing_reset',
        {},
        'The progress database (kite.db) was missing and no good backup was found, so the app started with an empty one; ask IT staff for help.',
      );
}
