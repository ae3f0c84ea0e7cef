import fs from 'node:fs';
import path from 'node:path';

/** Where the gallery keeps its files: <data>/media/<sha256>.<ext>, thumbs/ and telemetry/ beside them. */
export interface MediaDirs {
  media: string;
  thumbs: string;
  telemetry: string;
}

export function mediaDirs(media: string): MediaDirs {
  const dirs = { media, thumbs: path.join(media, 'thumbs'), telemetry: path.join(media, 'telemetry') };
  fs.mkdirSync(dirs.thumbs, { recursive: true });
  fs.mkdirSync(dirs.telemetry, { recursive: true });
  return dirs;
}
