import path from 'node:path';
import type { HeadsetItem } from '../../../shared/headset';
import { mimeType, resolveInside } from '../../fs/safe-path';
import type { MediaService } from '../../media';
import type { HeadsetContent } from './site';

/** The gallery file names a headset may ask for: <sha256>.<ext> and thumbs/<sha256>.jpg. */
const NAME = /^(thumbs\/)?([a-f0-9]{64})(\.(?:mp4|mov|jpg))$/;

/** The gallery's 360° photos and videos for headsets, and only their files (nothing else of the gallery). */
export function headsetContent(media: MediaService): HeadsetContent {
  const panoramas = () => media.list().filter((item) => item.panorama);
  return {
    items: (): HeadsetItem[] =>
      panoramas().map((item) => ({
        sha256: item.sha256,
        kind: item.kind,
        title: item.title || item.originalName,
        url: `/headset/media/${path.posix.basename(item.url)}`,
        thumbnailUrl: item.hasThumbnail && item.thumbnailUrl ? `/headset/media/thumbs/${path.posix.basename(item.thumbnailUrl)}` : null,
      })),
    file(name) {
      const match = NAME.exec(name);
      const item = match && panoramas().find((i) => i.sha256 === match[2]);
      if (!match || !item) return undefined;
      const own = match[1] ? `thumbs/${item.sha256}.jpg` : path.posix.basename(item.url);
      if (name !== own) return undefined;
      const file = resolveInside(match[1] ? media.thumbsDir : media.dir, path.posix.basename(own));
      return file ? { file, contentType: mimeType(file) } : undefined;
    },
  };
}
