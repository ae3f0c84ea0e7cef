import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportProgress, ImportReport, MediaItem, ScanEntry, ScanResult } from '../../shared/contract/media';
import { MediaEdit } from '../../shared/contract/media';
import type { Track } from '../../shared/telemetry';
import { KiteError } from '../../shared/errors';
import type { DataLayout } from '../datadir';
import type { EventBus } from '../events';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';
import { parseSrt, SrtError } from '../telemetry/srt';
import { asKiteError, copyAndHash } from './copy';
import { probeJpeg, probeVideo, type MediaProbe } from './probe';
import { readCodecs, scanSource, type Scanned } from './scan';
import type { z } from 'zod';

export interface MediaDeps {
  db: Database.Database;
  layout: DataLayout;
  log: Logger;
  events: EventBus;
  now: () => number;
  /** Free bytes where media is stored; tests make a disk look full with it. */
  freeBytes?: () => number;
}

/** Space kept free for the database, logs and the OS. */
const RESERVE_BYTES = 200 * 1024 * 1024;
const MAX_SRT_FILE = 64 * 1024 * 1024;
/** The player needs at most ten telemetry points a second. */
const TELEMETRY_STEP = 0.1;

interface Row {
  sha256: string;
  ext: string;
  kind: 'video' | 'photo';
  size: number;
  original_name: string;
  title: string;
  description: string;
  place: string;
  taken_at: string | null;
  imported_at: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  codec: string | null;
  fps: number | null;
  lat: number | null;
  lon: number | null;
  panorama: number;
  proxy_sha256: string | null;
  telemetry_family: string | null;
  max_height: number | null;
  max_distance: number | null;
  has_thumbnail: number;
  preview_frames: number;
  tags: string | null;
}

export function mediaFileName(sha256: string, ext: string): string {
  return `${sha256}.${ext}`;
}

/**
 * Whose resume position: a signed-in pupil's is kept for them on this PC; a window's own (a guest,
 * or nobody signed in) lasts only as long as the app runs, like the window's session.
 */
export type Viewer = { pupilId: string } | { sessionId: string };
const viewerKey = (viewer: Viewer) => ('pupilId' in viewer ? `pupil:${viewer.pupilId}` : `session:${viewer.sessionId}`);

/** The drone video gallery: import (scan, copy + hash, probe), metadata, telemetry, thumbnails, resume positions. */
export function createMedia({ db, layout, log, events, now, freeBytes }: MediaDeps) {
  // Sessions end with the app: their positions could never be read again.
  db.prepare("DELETE FROM media_positions WHERE viewer LIKE 'session:%'").run();
  const thumbsDir = path.join(layout.media, 'thumbs');
  const telemetryDir = path.join(layout.media, 'telemetry');
  fs.mkdirSync(thumbsDir, { recursive: true });
  fs.mkdirSync(telemetryDir, { recursive: true });
  const scans = new Map<string, Scanned>();
  const imports = new Map<string, AbortController>();
  const available = freeBytes ?? (() => {
    const s = fs.statfsSync(layout.media);
    return s.bavail * s.bsize;
  });

  const selectItems = db.prepare(`
    SELECT m.*, (SELECT group_concat(tag, char(31)) FROM media_tags t WHERE t.sha256 = m.sha256) AS tags
    FROM media m ORDER BY coalesce(m.taken_at, m.imported_at) DESC, m.imported_at DESC`);
  const selectOne = db.prepare(`
    SELECT m.*, (SELECT group_concat(tag, char(31)) FROM media_tags t WHERE t.sha256 = m.sha256) AS tags
    FROM media m WHERE sha256 = ?`);

  function toItem(r: Row): MediaItem {
    return {
      sha256: r.sha256,
      ext: r.ext,
      kind: r.kind,
      size: r.size,
      originalName: r.original_name,
      title: r.title,
      description: r.description,
      place: r.place,
      takenAt: r.taken_at,
      importedAt: r.imported_at,
      width: r.width,
      height: r.height,
      duration: r.duration,
      codec: r.codec,
      fps: r.fps,
      lat: r.lat,
      lon: r.lon,
      panorama: r.panorama === 1,
      tags: r.tags ? r.tags.split('\u001f').sort() : [],
      proxySha256: r.proxy_sha256,
      hasTelemetry: r.telemetry_family !== null,
      maxHeight: r.max_height,
      maxDistance: r.max_distance,
      hasThumbnail: r.has_thumbnail === 1,
      previewFrames: r.preview_frames,
      url: `/media/${mediaFileName(r.sha256, r.ext)}`,
      proxyUrl: r.proxy_sha256 ? `/media/${mediaFileName(r.proxy_sha256, 'mp4')}` : null,
      thumbnailUrl: r.has_thumbnail ? `/media/thumbs/${r.sha256}.jpg` : null,
    };
  }

  function get(sha256: string): MediaItem {
    const row = selectOne.get(sha256) as Row | undefined;
    if (!row) throw new KiteError('not_found', 'This video or photo is not in the gallery (it may have been deleted).');
    return toItem(row);
  }

  /** Newest first (when filmed, else when imported). */
  function list(): MediaItem[] {
    return (selectItems.all() as Row[]).map(toItem);
  }

  async function scan(dir: string): Promise<ScanResult> {
    const scanned = scanSource(dir);
    await readCodecs(scanned);
    const scanId = crypto.randomUUID();
    scans.set(scanId, scanned);
    if (scans.size > 10) scans.delete(scans.keys().next().value as string);
    return summarise(scanId, scanned);
  }

  function summarise(scanId: string, { root, entries }: Scanned): ScanResult {
    return {
      scanId,
      root,
      entries,
      videos: entries.filter((e) => e.kind === 'video').length,
      photos: entries.filter((e) => e.kind === 'photo').length,
      srts: entries.filter((e) => e.srt).length,
      lrfs: entries.filter((e) => e.lrf).length,
      totalBytes: bytesOf(entries),
      freeBytes: available(),
    };
  }

  /** Copy the chosen entries of a scan into the gallery. Resolves when done, cancelled or failed. */
  async function runImport(scanned: Scanned, importId: string, signal: AbortSignal, onlyPaths?: string[]): Promise<ImportReport> {
    const chosen = onlyPaths ? scanned.entries.filter((e) => onlyPaths.includes(e.path)) : scanned.entries;
    const report: ImportReport = { importId, imported: [], duplicates: [], failed: [], warnings: [], cancelled: false };
    const bytesTotal = bytesOf(chosen);
    const free = available();
    if (bytesTotal + RESERVE_BYTES > free) {
      throw new KiteError('disk_full', `Not enough space on this PC: the import needs ${megabytes(bytesTotal)} MB and ${megabytes(Math.max(0, free - RESERVE_BYTES))} MB are free. Delete some videos or choose fewer files.`);
    }
    const started = now();
    let bytesDone = 0;
    let lastEmit = 0;
    const progress = (filesDone: number, current: string | null, force = false) => {
      const t = now();
      if (!force && t - lastEmit < 150) return;
      lastEmit = t;
      const rate = bytesDone / Math.max(1, t - started);
      const payload: ImportProgress = {
        importId,
        filesDone,
        filesTotal: chosen.length,
        bytesDone,
        bytesTotal,
        etaSeconds: bytesDone > 0 && t - started > 300 ? Math.round((bytesTotal - bytesDone) / rate / 1000) : null,
        current,
      };
      events.emit('media.importProgress', payload);
    };

    for (const [i, entry] of chosen.entries()) {
      if (signal.aborted) {
        report.cancelled = true;
        break;
      }
      progress(i, entry.path, true);
      if (entry.problem === 'empty') {
        report.failed.push({ path: entry.path, reason: 'the file is empty (0 bytes)', code: 'empty_file' });
        continue;
      }
      try {
        const result = await importEntry(scanned.root, entry, signal, (n) => {
          bytesDone += n;
          progress(i, entry.path);
        }, report);
        (result.duplicate ? report.duplicates : report.imported).push(result.sha256);
      } catch (error) {
        const e = asKiteError(error);
        if (e.code === 'cancelled') {
          report.cancelled = true;
          break;
        }
        report.failed.push({ path: entry.path, reason: e.message, code: e.code, ...(e.details && { details: e.details }) });
        // Nothing more can be written: stop instead of failing every remaining file.
        if (e.code === 'disk_full') break;
      }
    }
    progress(report.imported.length + report.duplicates.length + report.failed.length, null, true);
    log.info('media import finished', { imported: report.imported.length, duplicates: report.duplicates.length, failed: report.failed.length, cancelled: report.cancelled });
    if (report.imported.length > 0) events.emit('media.changed', { sha256: null });
    return report;
  }

  async function copyIn(source: string, size: number, signal: AbortSignal, onBytes: (n: number) => void): Promise<{ tmp: string; sha256: string }> {
    const tmp = path.join(layout.tmp, `import-${crypto.randomBytes(8).toString('hex')}.part`);
    const sha256 = await copyAndHash(source, tmp, { expectedSize: size, signal, onBytes });
    return { tmp, sha256 };
  }

  /** Move a fully copied, checked file to its content address (or drop it when that file is already there). */
  function commitFile(tmp: string, name: string): void {
    const target = path.join(layout.media, name);
    if (fs.existsSync(target)) fs.rmSync(tmp, { force: true });
    else {
      fs.renameSync(tmp, target);
      fsyncDir(layout.media);
    }
  }

  async function importEntry(root: string, entry: ScanEntry, signal: AbortSignal, onBytes: (n: number) => void, report: ImportReport) {
    const source = path.join(root, entry.path);
    const ext = path.extname(entry.path).slice(1).toLowerCase().replace('jpeg', 'jpg');
    const { tmp, sha256 } = await copyIn(source, entry.size, signal, onBytes);
    let probe: MediaProbe;
    try {
      probe = entry.kind === 'video' ? await probeVideo(tmp, entry.path) : await probeJpeg(tmp, entry.path);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    if (selectOne.get(sha256)) {
      fs.rmSync(tmp, { force: true });
      onBytes(entry.lrfSize ?? 0);
      return { sha256, duplicate: true };
    }

    let proxy: string | null = null;
    if (entry.lrf && entry.lrfSize) {
      try {
        const copied = await copyIn(path.join(root, entry.lrf), entry.lrfSize, signal, onBytes);
        try {
          const lrfProbe = await probeVideo(copied.tmp, entry.lrf);
          if (!lrfProbe.codec?.startsWith('avc1')) throw new KiteError('media_unsupported', `the proxy ${entry.lrf} is not H.264`, { details: { problem: 'proxy_not_h264' } });
          commitFile(copied.tmp, mediaFileName(copied.sha256, 'mp4'));
          proxy = copied.sha256;
        } finally {
          fs.rmSync(copied.tmp, { force: true });
        }
      } catch (error) {
        const e = asKiteError(error);
        if (e.code === 'cancelled' || e.code === 'disk_full') {
          fs.rmSync(tmp, { force: true });
          throw e;
        }
        report.warnings.push({ path: entry.lrf, reason: `the low-resolution proxy was not used: ${e.message}`, code: 'proxy_not_used', details: { message: e.message, ...e.details } });
      }
    }

    const track = entry.srt ? readTelemetry(path.join(root, entry.srt), entry.srt, probe, report) : undefined;
    commitFile(tmp, mediaFileName(sha256, ext));
    if (track) writeFileAtomic(path.join(telemetryDir, `${sha256}.json`), JSON.stringify(thin(track)));

    const stem = path.basename(entry.path, path.extname(entry.path));
    const firstTime = track?.points.find((p) => p.time)?.time;
    db.prepare(`
      INSERT INTO media (sha256, ext, kind, size, original_name, title, taken_at, imported_at, width, height, duration, codec, fps,
        lat, lon, panorama, proxy_sha256, telemetry_family, max_height, max_distance)
      VALUES (@sha256, @ext, @kind, @size, @originalName, @title, @takenAt, @importedAt, @width, @height, @duration, @codec, @fps,
        @lat, @lon, @panorama, @proxy, @family, @maxHeight, @maxDistance)
    `).run({
      sha256,
      ext,
      kind: entry.kind,
      size: entry.size,
      originalName: entry.path,
      title: stem,
      takenAt: probe.takenAt ?? firstTime ?? null,
      importedAt: new Date(now()).toISOString(),
      width: probe.width,
      height: probe.height,
      duration: probe.duration,
      codec: probe.codec,
      fps: probe.fps,
      lat: probe.lat ?? track?.home?.lat ?? null,
      lon: probe.lon ?? track?.home?.lon ?? null,
      panorama: probe.panorama ? 1 : 0,
      proxy,
      family: track?.family ?? null,
      maxHeight: track?.maxHeight ?? null,
      maxDistance: track?.maxDistance ?? null,
    });
    return { sha256, duplicate: false };
  }

  /** Parse the sidecar; a broken one or one from another video is reported and left out, never fatal. */
  function readTelemetry(file: string, rel: string, probe: MediaProbe, report: ImportReport): Track | undefined {
    try {
      const { size } = fs.statSync(file);
      if (size > MAX_SRT_FILE) throw new SrtError('the file is too large for a telemetry file', 'srt_too_large');
      const track = parseSrt(fs.readFileSync(file, 'utf8'));
      const first = track.points[0]?.t ?? 0;
      if (probe.duration !== null && (first > probe.duration || track.duration > probe.duration * 1.1 + 2)) {
        const [covers, lasts] = [Math.round(track.duration), Math.round(probe.duration)];
        report.warnings.push({
          path: rel,
          reason: `the telemetry seems to belong to another video (it covers ${covers} s, the video lasts ${lasts} s); it was not attached`,
          code: 'telemetry_other_video',
          details: { covers, lasts },
        });
        return undefined;
      }
      for (const w of track.warnings) report.warnings.push({ path: rel, reason: w.text, code: `telemetry_${w.code}`, details: w.count === undefined ? {} : { count: w.count } });
      return track;
    } catch (error) {
      const reason = error instanceof SrtError ? error.message : `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      const problem = error instanceof SrtError ? error.problem : 'srt_unreadable';
      report.warnings.push({ path: rel, reason: `the telemetry was not used: ${reason}`, code: 'telemetry_not_used', details: { message: reason, problem } });
      return undefined;
    }
  }

  function startImport(scanId: string, paths?: string[]): { importId: string } {
    const scanned = scans.get(scanId);
    if (!scanned) throw new KiteError('not_found', 'This scan has expired; scan the card or folder again.');
    if (imports.size > 0) throw new KiteError('conflict', 'An import is already running; wait for it or cancel it.');
    const importId = crypto.randomUUID();
    const controller = new AbortController();
    imports.set(importId, controller);
    void runImport(scanned, importId, controller.signal, paths)
      .catch((error: unknown): ImportReport => ({ importId, imported: [], duplicates: [], failed: [{ path: scanned.root, reason: asKiteError(error).message, code: asKiteError(error).code }], warnings: [], cancelled: false }))
      .then((report) => events.emit('media.importFinished', report))
      .finally(() => imports.delete(importId));
    return { importId };
  }

  function update(edit: z.output<typeof MediaEdit>): MediaItem {
    get(edit.sha256);
    db.transaction(() => {
      const sets: string[] = [];
      const values: Record<string, unknown> = { sha256: edit.sha256 };
      for (const [key, column] of [['title', 'title'], ['description', 'description'], ['place', 'place'], ['takenAt', 'taken_at']] as const) {
        if (edit[key] !== undefined) {
          sets.push(`${column} = @${key}`);
          values[key] = edit[key];
        }
      }
      if (sets.length) db.prepare(`UPDATE media SET ${sets.join(', ')} WHERE sha256 = @sha256`).run(values);
      if (edit.tags) {
        db.prepare('DELETE FROM media_tags WHERE sha256 = ?').run(edit.sha256);
        const insert = db.prepare('INSERT OR IGNORE INTO media_tags (sha256, tag) VALUES (?, ?)');
        for (const tag of edit.tags) insert.run(edit.sha256, tag);
      }
    })();
    events.emit('media.changed', { sha256: edit.sha256 });
    return get(edit.sha256);
  }

  function remove(sha256: string): { deleted: boolean } {
    const item = get(sha256);
    db.prepare('DELETE FROM media WHERE sha256 = ?').run(sha256);
    // Files go after the row: a crash in between leaves an unlisted file, never a listed item without its file.
    const files = [path.join(layout.media, mediaFileName(sha256, item.ext)), path.join(telemetryDir, `${sha256}.json`), path.join(thumbsDir, `${sha256}.jpg`)];
    for (let i = 0; i < 8; i++) files.push(path.join(thumbsDir, `${sha256}-p${i}.jpg`));
    const proxyStillUsed = item.proxySha256 && db.prepare('SELECT 1 FROM media WHERE proxy_sha256 = ?').get(item.proxySha256);
    if (item.proxySha256 && !proxyStillUsed) files.push(path.join(layout.media, mediaFileName(item.proxySha256, 'mp4')));
    for (const file of files) fs.rmSync(file, { force: true });
    log.info('media deleted', { sha256 });
    events.emit('media.changed', { sha256 });
    return { deleted: true };
  }

  function telemetry(sha256: string): Track | null {
    const item = get(sha256);
    if (!item.hasTelemetry) return null;
    try {
      return JSON.parse(fs.readFileSync(path.join(telemetryDir, `${sha256}.json`), 'utf8')) as Track;
    } catch {
      return null;
    }
  }

  function saveThumbnail(sha256: string, kind: 'thumb' | 'preview', index: number, jpegBase64: string): { saved: boolean } {
    get(sha256);
    const bytes = Buffer.from(jpegBase64, 'base64');
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new KiteError('invalid_input', 'The thumbnail must be a JPEG picture.');
    const name = kind === 'thumb' ? `${sha256}.jpg` : `${sha256}-p${index}.jpg`;
    writeFileAtomic(path.join(thumbsDir, name), bytes);
    if (kind === 'thumb') db.prepare('UPDATE media SET has_thumbnail = 1 WHERE sha256 = ?').run(sha256);
    else db.prepare('UPDATE media SET preview_frames = max(preview_frames, ?) WHERE sha256 = ?').run(index + 1, sha256);
    return { saved: true };
  }

  return {
    scan,
    startImport,
    /** Scan and import in one go, waiting for the end (the CLI). */
    async importFolder(dir: string, signal = new AbortController().signal): Promise<ImportReport> {
      return runImport(scanSource(dir), crypto.randomUUID(), signal);
    },
    cancelImport(importId: string): { cancelled: boolean } {
      const controller = imports.get(importId);
      controller?.abort();
      return { cancelled: !!controller };
    },
    list,
    get,
    update,
    remove,
    telemetry,
    saveThumbnail,
    position(sha256: string, viewer: Viewer): { seconds: number } {
      const row = db.prepare('SELECT seconds FROM media_positions WHERE sha256 = ? AND viewer = ?').get(sha256, viewerKey(viewer)) as { seconds: number } | undefined;
      return { seconds: row?.seconds ?? 0 };
    },
    savePosition(sha256: string, viewer: Viewer, seconds: number): { saved: boolean } {
      get(sha256);
      db.prepare(`INSERT INTO media_positions (sha256, viewer, seconds, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (sha256, viewer) DO UPDATE SET seconds = excluded.seconds, updated_at = excluded.updated_at`).run(sha256, viewerKey(viewer), seconds, new Date(now()).toISOString());
      return { saved: true };
    },
    counts(): { videos: number; photos: number } {
      const rows = db.prepare('SELECT kind, count(*) AS n FROM media GROUP BY kind').all() as { kind: string; n: number }[];
      return { videos: rows.find((r) => r.kind === 'video')?.n ?? 0, photos: rows.find((r) => r.kind === 'photo')?.n ?? 0 };
    },
    thumbsDir,
  };
}
export type MediaService = ReturnType<typeof createMedia>;

function bytesOf(entries: ScanEntry[]): number {
  return entries.filter((e) => !e.problem).reduce((sum, e) => sum + e.size + (e.lrfSize ?? 0), 0);
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / 1024 / 1024);
}

/** Keep at most ten points a second for the player (Mavic 3 writes fifty). */
function thin(track: Track): Track {
  let last = -Infinity;
  const points = track.points.filter((p, i) => {
    if (i === track.points.length - 1 || p.t - last >= TELEMETRY_STEP) {
      last = p.t;
      return true;
    }
    return false;
  });
  return { ...track, points };
}
