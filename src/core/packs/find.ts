import fs from 'node:fs';
import path from 'node:path';
import type { PackFileChoice } from '../../shared/contract/packs';
import { KiteError } from '../../shared/errors';
import { findFiles } from '../drives';

/** How deep below the chosen folder packs are looked for (E:\ › 课程 › 三年级 › 第一单元 › x.kpack). */
const MAX_DEPTH = 4;

/**
 * The lesson packs (.kpack) in a folder a teacher chose, its subfolders included, or the one file
 * they named. A path that does not exist is refused with the path in the error.
 */
export function findPackFiles(given: string): { folder: string; packs: PackFileChoice[] } {
  const target = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new KiteError('path_not_found', `There is no folder or file ${target}. Is the USB stick plugged in?`, { details: { path: given } });
  }
  const folder = stat.isDirectory() ? target : path.dirname(target);
  const isPack = (name: string) => name.toLowerCase().endsWith('.kpack');
  const files = stat.isDirectory() ? findFiles(target, isPack, { maxDepth: MAX_DEPTH }) : isPack(target) ? [target] : [];
  const packs = files.flatMap((file) => {
    const s = fs.statSync(file, { throwIfNoEntry: false });
    const where = path.relative(folder, path.dirname(file)).split(path.sep).join('/');
    return s?.isFile() ? [{ path: file, name: path.basename(file), where, sizeBytes: s.size }] : [];
  });
  return { folder, packs: packs.sort((a, b) => a.where.localeCompare(b.where) || a.name.localeCompare(b.name)) };
}
