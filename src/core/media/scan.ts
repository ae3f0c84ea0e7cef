import fs from 'node:fs';
import path from 'node:path';
import type { MediaKind, ScanEntry } from '../../shared/contract/media';
import { KiteError } from '../../shared/errors';
import { findDrives, SYSTEM_DIRS } from '../drives';
import { probeVideo } from './probe';

const VIDEO = new Set(['.mp4', '.mov']);
const PHOTO = new Set(['.jpg', '.jpeg']);
const MAX_DEPTH = 6;
const MAX_FILES = 20_000;

export interface Scanned {
  root: string;
  entries: ScanEntry[];
}

/**
 * Find videos and photos under a folder or a whole card (DJI's DCIM/100MEDIA layout included),
 * pairing each video with its .SRT telemetry and .LRF proxy by name. Symlinks are not followed.
 */
export function scanSource(dir: string): Scanned {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new KiteError('path_not_found', `The folder ${root} does not exist (is the card or USB stick plugged in?).`, { details: { path: dir } });
  }
  if (!stat.isDirectory()) throw new KiteError('bad_request', `${root} is not a folder. Choose the card, the stick or a folder on it.`);

  const found: { rel: string; abs: string; size: number; ext: string }[] = [];
  const walk = (abs: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // an unreadable folder is skipped, not fatal
    }
    for (const d of names) {
      if (found.length >= MAX_FILES) return;
      const child = path.join(abs, d.name);
      if (d.isDirectory() && depth < MAX_DEPTH && !SYSTEM_DIRS.test(d.name)) walk(child, depth + 1);
      else if (d.isFile() && !d.name.startsWith('.')) {
        const ext = path.extname(d.name).toLowerCase();
        if (VIDEO.has(ext) || PHOTO.has(ext) || ext === '.srt' || ext === '.lrf') {
          found.push({ rel: path.relative(root, child).split(path.sep).join('/'), abs: child, size: fs.statSync(child).size, ext });
        }
      }
    }
  };
  walk(root, 0);

  // Sidecars share the video's folder and name: DJI_0001.MP4 + DJI_0001.SRT + DJI_0001.LRF.
  const stemKey = (rel: string) => rel.slice(0, rel.length - path.extname(rel).length).toLowerCase();
  const sidecars = new Map<string, { srt?: string; lrf?: { rel: string; size: number } }>();
  for (const f of found) {
    if (f.ext !== '.srt' && f.ext !== '.lrf') continue;
    const entry = sidecars.get(stemKey(f.rel)) ?? {};
    if (f.ext === '.srt') entry.srt = f.rel;
    else entry.lrf = { rel: f.rel, size: f.size };
    sidecars.set(stemKey(f.rel), entry);
  }
  const entries: ScanEntry[] = [];
  for (const f of found) {
    const kind: MediaKind | undefined = VIDEO.has(f.ext) ? 'video' : PHOTO.has(f.ext) ? 'photo' : undefined;
    if (!kind) continue;
    const entry: ScanEntry = { path: f.rel, kind, size: f.size };
    const side = kind === 'video' ? sidecars.get(stemKey(f.rel)) : undefined;
    if (side?.srt) entry.srt = side.srt;
    if (side?.lrf && side.lrf.size > 0) {
      entry.lrf = side.lrf.rel;
      entry.lrfSize = side.lrf.size;
    }
    if (f.size === 0) entry.problem = 'empty';
    entries.push(entry);
  }
  entries.sort((a, b) => a.path.localeCompare(b.path));
  return { root, entries };
}

/**
 * The format of each video, from its header (a few small reads, not the whole file), so the teacher
 * is told before copying which videos a PC may not play. A header that cannot be read is left to the
 * import, which names the problem.
 */
export async function readCodecs({ root, entries }: Scanned): Promise<void> {
  for (const entry of entries) {
    if (entry.kind !== 'video' || entry.problem) continue;
    try {
      entry.codec = (await probeVideo(path.join(root, entry.path), entry.path)).codec ?? undefined;
    } catch {
      // Named with its reason when it is imported.
    }
  }
}

export interface CardCandidate {
  path: string;
  /** Has a DCIM folder: almost surely a camera or drone card. */
  camera: boolean;
}

/** Plugged-in cards and sticks (see findDrives), camera cards first. */
export function findCards(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env, root = '/'): CardCandidate[] {
  return findDrives(platform, env, root)
    .map((candidate) => ({ path: candidate, camera: fs.existsSync(path.join(candidate, 'DCIM')) }))
    .sort((a, b) => Number(b.camera) - Number(a.camera) || a.path.localeCompare(b.path))
    .slice(0, 12);
}
