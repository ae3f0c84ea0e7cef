import fs from 'node:fs';
import path from 'node:path';

/** Folders a card or stick has that never hold our files (system, trash, caches). */
export const SYSTEM_DIRS = /^(\.|\$|System Volume Information$|MISC$|LOST\.DIR$|node_modules$|Recycled$|RECYCLER$)/i;

/**
 * Where plugged-in SD cards and USB sticks probably are, so a teacher can tap one instead of typing
 * a path: drive letters on Windows, /media, /run/media and /mnt on Linux, /Volumes on macOS. One
 * place for every import (drone videos, lesson packs). KITE_DRIVES_ROOT lists the folders inside it
 * instead (unusual mounts; tests). `root` is '/' except in tests.
 */
export function findDrives(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env, root = '/'): string[] {
  const children = (dir: string) => {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !SYSTEM_DIRS.test(d.name))
        .map((d) => path.join(dir, d.name));
    } catch {
      return [];
    }
  };
  const roots: string[] = [];
  if (env.KITE_DRIVES_ROOT) roots.push(...children(path.resolve(env.KITE_DRIVES_ROOT)));
  else if (platform === 'win32') {
    for (let c = 'D'.charCodeAt(0); c <= 'Z'.charCodeAt(0); c++) roots.push(`${String.fromCharCode(c)}:\\`);
  } else {
    const user = env.USER ?? env.LOGNAME ?? '';
    const at = (...parts: string[]) => path.join(root, ...parts);
    if (platform === 'darwin') roots.push(...children(at('Volumes')).filter((p) => p !== at('Volumes', 'Macintosh HD')));
    else roots.push(...children(at('media', user)), ...children(at('run', 'media', user)), ...children(at('mnt')), ...children(at('media')).filter((p) => p !== at('media', user)));
  }
  return roots.filter((candidate) => {
    try {
      return fs.statSync(candidate).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * Files under a folder whose names pass `wanted`, searching subfolders to `maxDepth`, skipping
 * system folders, following a linked folder only once (no loops), and stopping at `maxFiles`.
 */
export function findFiles(dir: string, wanted: (name: string) => boolean, { maxDepth = 4, maxFiles = 500 } = {}): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (abs: string, depth: number) => {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // an unreadable folder is skipped, not fatal
    }
    for (const d of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= maxFiles) return;
      const child = path.join(abs, d.name);
      const stat = d.isSymbolicLink() ? fs.statSync(child, { throwIfNoEntry: false }) : d;
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (depth < maxDepth && !SYSTEM_DIRS.test(d.name)) walk(child, depth + 1);
      } else if (stat.isFile() && !d.name.startsWith('.') && wanted(d.name)) found.push(child);
    }
  };
  walk(dir, 0);
  return found;
}
