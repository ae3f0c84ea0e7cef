import { api } from '../../api/client';
import { playableSource } from '../gallery/facts';

/** The contract methods the player uses ('lessons.get', 'attempts.record', 'progress.*'), through the app's one door. */
export const invokePlayer = api.invoke;

/**
 * The playable URL of a `gallery:<sha256>` video, or undefined when this PC has no such video or
 * no gallery. HEVC originals play through their H.264 proxy when there is one.
 */
export async function galleryVideoUrl(ref: string): Promise<string | undefined> {
  try {
    const item = await api.invoke('media.get', { ref });
    const hevc = /^(hvc1|hev1)/.test(item.codec ?? '');
    return hevc && item.proxyUrl ? item.proxyUrl : item.url;
  } catch {
    return undefined;
  }
}

/**
 * The newest video of this PC's drone gallery that plays here (an interactive video's
 * `preferGallery`), or undefined when there is none: the lesson then plays its own clip.
 */
export async function newestGalleryVideoUrl(): Promise<string | undefined> {
  try {
    // media.list is newest first (filmed, else imported).
    for (const item of await api.invoke('media.list', {})) {
      if (item.kind !== 'video' || item.panorama) continue;
      const source = await playableSource(item);
      if (source) return source.url;
    }
  } catch {
    // No gallery here (or it cannot be read): the pack's clip plays.
  }
  return undefined;
}
