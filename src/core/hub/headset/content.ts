import path from 'node:path';
import type { HeadsetItem } from '../../../shared/headset';
import { mimeType, resolveInside } from '../../fs/safe-path';
import type { MediaService } from '../../media';
import type { HeadsetContent } from './site';

/** The gallery file names a headset may ask for: <sha256>.<ext> and thumbs/<sha256>.jpg. */
const NAME = /^(thumbs\/)?([a-f0-9]{64})(\.(?:mp4|mov|jpg))$/;

/** The gallery's 360° photos and videos for headsets, and only their files (nothing else of the gallery). */
export function headsetContent(media: MediaService): HeadsetContent {
  return {
    items: (): HeadsetItem[] =>
      media.list().filter((item) => item.panorama).map((item) => ({
        sha256: item.sha256,
        kind: item.kind,
        title: item.title || item.originalName,
        url: `/headset/media/${path.posix.basename(item.url)}`,
        thumbnailUrl: item.hasThumbnail && item.thumbnailUrl ? `/headset/media/thumbs/${path.posix.basename(item.thumbnailUrl)}` : null,
      })),
    // Every Range request of a video comes here: one row is looked up, never the whole gallery.
    file(name) {
      const match = NAME.exec(name);
      const item = match && media.has(match[2] as string) ? media.get(match[2] as string) : undefined;
      if (!match || !item?.panorama) return undefined;
      // The photo or video under its own extension, or its thumbnail (a .jpg).
      if (name !== (match[1] ? `thumbs/${item.sha256}.jpg` : path.posix.basename(item.url))) return undefined;
      const file = resolveInside(match[1] ? media.thumbsDir : media.dir, path.posix.basename(name));
      return file ? { file, contentType: mimeType(file) } : undefined;
    },
  };
}
