import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { MediaEdit, MediaItem } from '../../shared/contract/media';
import type { Track } from '../../shared/telemetry';
import { KiteError } from '../../shared/errors';
import { overPanoramaCap, PANORAMA_CAP } from '../../shared/panorama';
import type { EventBus } from '../events';
import type { Logger } from '../log/logger';
import type { MediaDirs } from './dirs';

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

/** The gallery's list of videos and photos: read, edit (title, place, tags…), delete, telemetry. */
export function createCatalogue({ db, dirs, events, log }: { db: Database.Database; dirs: MediaDirs; events: EventBus; log: Logger }) {
  const withTags = 'SELECT m.*, (SELECT group_concat(tag, char(31)) FROM media_tags t WHERE t.sha256 = m.sha256) AS tags FROM media m';
  const selectItems = db.prepare(`${withTags} ORDER BY coalesce(m.taken_at, m.imported_at) DESC, m.imported_at DESC`);
  const selectOne = db.prepare(`${withTags} WHERE sha256 = ?`);

  function get(sha256: string): MediaItem {
    const row = selectOne.get(sha256) as Row | undefined;
    if (!row) throw new KiteError('not_found', 'This video or photo is not in the gallery (it may have been deleted).');
    return toItem(row);
  }

  function update(edit: z.output<typeof MediaEdit>): MediaItem {
    const item = get(edit.sha256);
    // Import refuses a 360° video above the headsets' cap: a teacher's word cannot let one in either.
    if (edit.panorama && !item.panorama && item.kind === 'video' && item.width && item.height && overPanoramaCap(item.width, item.height)) {
      throw new KiteError('panorama_mark_too_large', `This video is ${item.width}×${item.height}; headsets and classroom PCs show 360° videos up to ${PANORAMA_CAP.width}×${PANORAMA_CAP.height}, so it stays a flat video. Nothing was changed.`, { details: { width: item.width, height: item.height } });
    }
    db.transaction(() => {
      const sets: string[] = [];
      const values: Record<string, unknown> = { sha256: edit.sha256 };
      for (const [key, column] of [['title', 'title'], ['description', 'description'], ['place', 'place'], ['takenAt', 'taken_at']] as const) {
        if (edit[key] !== undefined) {
          sets.push(`${column} = @${key}`);
          values[key] = edit[key];
        }
      }
      if (edit.panorama !== undefined) {
        sets.push('panorama = @panorama');
        values.panorama = edit.panorama ? 1 : 0;
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
    const files = [path.join(dirs.media, mediaFileName(sha256, item.ext)), path.join(dirs.telemetry, `${sha256}.json`), path.join(dirs.thumbs, `${sha256}.jpg`)];
    for (let i = 0; i < 8; i++) files.push(path.join(dirs.thumbs, `${sha256}-p${i}.jpg`));
    const proxyStillUsed = item.proxySha256 && db.prepare('SELECT 1 FROM media WHERE proxy_sha256 = ?').get(item.proxySha256);
    if (item.proxySha256 && !proxyStillUsed) files.push(path.join(dirs.media, mediaFileName(item.proxySha256, 'mp4')));
    for (const file of files) fs.rmSync(file, { force: true });
    log.info('media deleted', { sha256 });
    events.emit('media.changed', { sha256 });
    return { deleted: true };
  }

  return {
    get,
    /** Newest first (when filmed, else when imported). */
    list: (): MediaItem[] => (selectItems.all() as Row[]).map(toItem),
    has: (sha256: string): boolean => selectOne.get(sha256) !== undefined,
    update,
    remove,
    telemetry(sha256: string): Track | null {
      if (!get(sha256).hasTelemetry) return null;
      try {
        return JSON.parse(fs.readFileSync(path.join(dirs.telemetry, `${sha256}.json`), 'utf8')) as Track;
      } catch {
        return null;
      }
    },
    counts(): { videos: number; photos: number } {
      const rows = db.prepare('SELECT kind, count(*) AS n FROM media GROUP BY kind').all() as { kind: string; n: number }[];
      return { videos: rows.find((r) => r.kind === 'video')?.n ?? 0, photos: rows.find((r) => r.kind === 'photo')?.n ?? 0 };
    },
  };
}
export type Catalogue = ReturnType<typeof createCatalogue>;
