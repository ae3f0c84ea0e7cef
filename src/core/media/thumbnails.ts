import path from 'node:path';
import type Database from 'better-sqlite3';
import type { EventBus } from '../events';
import { KiteError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic';
import type { Catalogue } from './catalogue';
import type { MediaDirs } from './dirs';

/**
 * Grid pictures and preview strips. They are drawn by whichever screen first shows an item without
 * one (the browser decodes the video; no external programs) and kept here as JPEGs.
 */
export function createThumbnails(db: Database.Database, dirs: MediaDirs, catalogue: Catalogue, events: EventBus) {
  return {
    /**
     * Keep a picture for an item. `onlyIfMissing` (any screen filling a gap, pupils' too) refuses to
     * replace one already there, so only the teacher can change a picture.
     */
    save(sha256: string, kind: 'thumb' | 'preview', index: number, jpegBase64: string, { onlyIfMissing = false } = {}): { saved: boolean } {
      const item = catalogue.get(sha256);
      const bytes = Buffer.from(jpegBase64, 'base64');
      if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new KiteError('invalid_input', 'The thumbnail must be a JPEG picture.');
      if (onlyIfMissing && (kind === 'thumb' ? item.hasThumbnail : index < item.previewFrames)) return { saved: false };
      const name = kind === 'thumb' ? `${sha256}.jpg` : `${sha256}-p${index}.jpg`;
      writeFileAtomic(path.join(dirs.thumbs, name), bytes);
      if (kind === 'thumb') {
        db.prepare('UPDATE media SET has_thumbnail = 1 WHERE sha256 = ?').run(sha256);
        // Every screen showing the gallery swaps its placeholder for the picture.
        events.emit('media.changed', { sha256 });
      } else {
        db.prepare('UPDATE media SET preview_frames = max(preview_frames, ?) WHERE sha256 = ?').run(index + 1, sha256);
      }
      return { saved: true };
    },
  };
}
