import fs from 'node:fs';
import { KiteError } from '../../shared/errors';
import { startupWarning, type StartupWarning } from '../../shared/warnings';

/** Below this much free space the teacher is warned: a day of a class's answers needs far less, an import far more. */
export const LOW_DISK_BYTES = 50 * 2 ** 20;

/** The errors a full disk gives: the file system's (ENOSPC, EDQUOT) and SQLite's (SQLITE_FULL). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** A full disk as the error the UI says kindly (disk_full), or undefined for any other error. */
export function diskFullError(error: unknown): KiteError | undefined {
  if (!isDiskFull(error)) return undefined;
  return new KiteError('disk_full', 'The disk is full, so this could not be saved. Free some space (delete old videos) and try again; nothing was changed.');
}

/** Free bytes where `dir` lives, or undefined where the system cannot say. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** The teacher's warning while the data folder's disk is (almost) full: pupils' answers may not be saved. */
export function diskWarning(dir: string): StartupWarning[] {
  const free = freeBytes(dir);
  if (free === undefined || free >= LOW_DISK_BYTES) return [];
  const freeMb = (free / 2 ** 20).toFixed(1);
  return [startupWarning('disk_low', { freeMb }, `The disk holding ${dir} is almost full (${freeMb} MB free). Pupils' answers may not be saved; free some space.`)];
}
