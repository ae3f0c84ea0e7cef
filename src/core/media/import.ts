import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportProgress, ImportReport, ScanEntry, ScanResult } from '../../shared/contract/media';
import { KiteError } from '../../shared/errors';
import { overPanoramaCap, PANORAMA_CAP } from '../../shared/panorama';
import type { EventBus } from '../events';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import type { Jobs } from '../jobs';
import type { Logger } from '../log/logger';
import type { Catalogue } from './catalogue';
import { mediaFileName } from './catalogue';
import { asKiteError, copyAndHash } from './copy';
import type { MediaDirs } from './dirs';
import { probeJpeg, probeVideo, type MediaProbe } from './probe';
import { readCodecs, scanSource, type Scanned } from './scan';
import { readTelemetry, thin } from './telemetry';

export interface ImportDeps {
  db: Database.Database;
  dirs: MediaDirs;
  tmp: string;
  log: Logger;
  events: EventBus;
  jobs: Jobs;
  now: () => number;
  catalogue: Catalogue;
  /** Free bytes where media is stored; tests make a disk look full with it. */
  freeBytes?: () => number;
}

/** Space kept free for the database, logs and the OS. */
const RESERVE_BYTES = 200 * 1024 * 1024;

type OnProgress = (progress: ImportProgress, force?: boolean) => void;

/** Bring videos and photos in from a card or folder: scan, copy + hash, probe, telemetry; one import at a time, as a job. */
export function createImporter({ db, dirs, tmp, log, events, jobs, now, catalogue, freeBytes }: ImportDeps) {
  const scans = new Map<string, Scanned>();
  const available = freeBytes ?? (() => {
    const s = fs.statfsSync(dirs.media);
    return s.bavail * s.bsize;
  });
  const insert = db.prepare(`
    INSERT INTO media (sha256, ext, kind, size, original_name, title, taken_at, imported_at, width, height, duration, codec, fps,
      lat, lon, panorama, proxy_sha256, telemetry_family, max_height, max_distance)
    VALUES (@sha256, @ext, @kind, @size, @originalName, @title, @takenAt, @importedAt, @width, @height, @duration, @codec, @fps,
      @lat, @lon, @panorama, @proxy, @family, @maxHeight, @maxDistance)`);

  async function scan(dir: string): Promise<ScanResult> {
    const scanned = scanSource(dir);
    await readCodecs(scanned);
    const scanId = crypto.randomUUID();
    scans.set(scanId, scanned);
    if (scans.size > 10) scans.delete(scans.keys().next().value as string);
    const { root, entries } = scanned;
    const count = (test: (e: ScanEntry) => unknown) => entries.filter(test).length;
    return { scanId, root, entries, videos: count((e) => e.kind === 'video'), photos: count((e) => e.kind === 'photo'), srts: count((e) => e.srt), lrfs: count((e) => e.lrf), totalBytes: bytesOf(entries), freeBytes: available() };
  }

  /** Copy the chosen entries of a scan into the gallery. Resolves when done or cancelled; throws when it cannot start. */
  async function runImport(scanned: Scanned, importId: string, signal: AbortSignal, onProgress: OnProgress, onlyPaths?: string[]): Promise<ImportReport> {
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
      const etaSeconds = bytesDone > 0 && t - started > 300 ? Math.round((bytesTotal - bytesDone) / rate / 1000) : null;
      onProgress({ importId, filesDone, filesTotal: chosen.length, bytesDone, bytesTotal, etaSeconds, current }, true);
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
        const onBytes = (n: number) => {
          bytesDone += n;
          progress(i, entry.path);
        };
        const result = await importEntry(scanned.root, entry, signal, onBytes, report);
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
    const part = path.join(tmp, `import-${crypto.randomBytes(8).toString('hex')}.part`);
    const sha256 = await copyAndHash(source, part, { expectedSize: size, signal, onBytes });
    return { tmp: part, sha256 };
  }

  /** Move a fully copied, checked file to its content address (or drop it when that file is already there). */
  function commitFile(part: string, name: string): void {
    const target = path.join(dirs.media, name);
    if (fs.existsSync(target)) fs.rmSync(part, { force: true });
    else {
      fs.renameSync(part, target);
      fsyncDir(dirs.media);
    }
  }

  /** The low-resolution proxy (DJI's .LRF) beside a video: its sha256, or null with a warning when it cannot be used. */
  async function importProxy(root: string, entry: ScanEntry, signal: AbortSignal, onBytes: (n: number) => void, report: ImportReport): Promise<string | null> {
    if (!entry.lrf || !entry.lrfSize) return null;
    try {
      const copied = await copyIn(path.join(root, entry.lrf), entry.lrfSize, signal, onBytes);
      try {
        const lrfProbe = await probeVideo(copied.tmp, entry.lrf);
        if (!lrfProbe.codec?.startsWith('avc1')) throw new KiteError('media_unsupported', `the proxy ${entry.lrf} is not H.264`, { details: { problem: 'proxy_not_h264' } });
        commitFile(copied.tmp, mediaFileName(copied.sha256, 'mp4'));
        return copied.sha256;
      } finally {
        fs.rmSync(copied.tmp, { force: true });
      }
    } catch (error) {
      const e = asKiteError(error);
      if (e.code === 'cancelled' || e.code === 'disk_full') throw e;
      report.warnings.push({ path: entry.lrf, reason: `the low-resolution proxy was not used: ${e.message}`, code: 'proxy_not_used', details: { message: e.message, ...e.details } });
      return null;
    }
  }

  async function importEntry(root: string, entry: ScanEntry, signal: AbortSignal, onBytes: (n: number) => void, report: ImportReport) {
    const ext = path.extname(entry.path).slice(1).toLowerCase().replace('jpeg', 'jpg');
    const { tmp: part, sha256 } = await copyIn(path.join(root, entry.path), entry.size, signal, onBytes);
    let probe: MediaProbe;
    let proxy: string | null;
    try {
      probe = entry.kind === 'video' ? await probeVideo(part, entry.path) : await probeJpeg(part, entry.path);
      if (entry.kind === 'video') refuseOversizedPanorama(probe);
      if (catalogue.has(sha256)) {
        fs.rmSync(part, { force: true });
        onBytes(entry.lrfSize ?? 0);
        return { sha256, duplicate: true };
      }
      proxy = await importProxy(root, entry, signal, onBytes, report);
    } catch (error) {
      fs.rmSync(part, { force: true });
      throw error;
    }
    const track = entry.srt ? readTelemetry(path.join(root, entry.srt), entry.srt, probe, report) : undefined;
    commitFile(part, mediaFileName(sha256, ext));
    if (track) writeFileAtomic(path.join(dirs.telemetry, `${sha256}.json`), JSON.stringify(thin(track)));
    insert.run({
      sha256,
      ext,
      kind: entry.kind,
      size: entry.size,
      originalName: entry.path,
      title: path.basename(entry.path, path.extname(entry.path)),
      takenAt: probe.takenAt ?? track?.points.find((p) => p.time)?.time ?? null,
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

  return {
    scan,
    /** Start importing (chosen paths of) a scan as a job: progress and the report come as jobs.* events. */
    startImport(scanId: string, paths?: string[]): { jobId: string } {
      const scanned = scans.get(scanId);
      if (!scanned) throw new KiteError('not_found', 'This scan has expired; scan the card or folder again.');
      if (jobs.running('media.import').length > 0) throw new KiteError('conflict', 'An import is already running; wait for it or cancel it.');
      return jobs.start('media.import', (job) => runImport(scanned, job.jobId, job.signal, job.progress, paths));
    },
    /** Scan and import in one go, waiting for the end (the CLI). */
    importFolder(dir: string, signal = new AbortController().signal, onProgress: OnProgress = () => {}): Promise<ImportReport> {
      return runImport(scanSource(dir), crypto.randomUUID(), signal, onProgress);
    },
  };
}

/**
 * A 360° video larger than PANORAMA_CAP is refused, with what to do instead. A photo that size is
 * scaled down once when shown; a video would have to be scaled on every frame, after decoding
 * 5.7K or 8K pictures that classroom PCs and the headsets' browsers decode slowly or not at all
 * (and a headset cannot draw a texture over 4096 wide). The camera's own app makes a 4K copy in a
 * few clicks, and that copy plays smoothly everywhere.
 */
function refuseOversizedPanorama(probe: MediaProbe): void {
  const [width, height] = [probe.width ?? 0, probe.height ?? 0];
  if (!probe.panorama || !overPanoramaCap(width, height)) return;
  throw new KiteError('panorama_too_large', `this 360° video is ${width}×${height}; headsets and classroom PCs show 360° videos up to ${PANORAMA_CAP.width}×${PANORAMA_CAP.height}. Export it from the camera's app at 4K (3840×1920) and import that copy`, { details: { width, height } });
}

function bytesOf(entries: ScanEntry[]): number {
  return entries.filter((e) => !e.problem).reduce((sum, e) => sum + e.size + (e.lrfSize ?? 0), 0);
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / 1024 / 1024);
}
