import type Database from 'better-sqlite3';
import type { DataLayout } from '../datadir';
import type { EventBus } from '../events';
import type { Jobs } from '../jobs';
import type { Logger } from '../log/logger';
import { createCatalogue } from './catalogue';
import { mediaDirs } from './dirs';
import { createImporter } from './import';
import { createPositions } from './positions';
import { createThumbnails } from './thumbnails';

export { mediaFileName } from './catalogue';
export type { Viewer } from './positions';

export interface MediaDeps {
  db: Database.Database;
  layout: DataLayout;
  log: Logger;
  events: EventBus;
  jobs: Jobs;
  now: () => number;
  /** Free bytes where media is stored; tests make a disk look full with it. */
  freeBytes?: () => number;
}

/**
 * The drone video gallery, in four parts: the catalogue (list, edit, delete, telemetry), import
 * (scan, copy + hash, probe, as a job), thumbnails (made by the first screen that shows an item)
 * and resume positions.
 */
export function createMedia({ db, layout, log, events, jobs, now, freeBytes }: MediaDeps) {
  const dirs = mediaDirs(layout.media);
  const catalogue = createCatalogue({ db, dirs, events, log });
  const importer = createImporter({ db, dirs, tmp: layout.tmp, log, events, jobs, now, catalogue, freeBytes });
  const thumbnails = createThumbnails(db, dirs, catalogue, events);
  const positions = createPositions(db, now);
  return {
    ...catalogue,
    ...importer,
    saveThumbnail: thumbnails.save,
    position: positions.position,
    savePosition(sha256: string, viewer: Parameters<typeof positions.savePosition>[1], seconds: number): { saved: boolean } {
      catalogue.get(sha256);
      return positions.savePosition(sha256, viewer, seconds);
    },
    thumbsDir: dirs.thumbs,
    /** Where gallery files live, each named <sha256>.<ext>. */
    dir: dirs.media,
  };
}
export type MediaService = ReturnType<typeof createMedia>;
