import { api } from '../../api/client';

/** The contract methods the player uses ('lessons.get', 'attempts.record', 'progress.*'), through the app's one door. */
export const invokePlayer = api.invoke;

/** What the player needs of a drone-gallery video ('media.get', from the gallery feature). */
interface GalleryVideo {
  url: string;
  proxyUrl: string | null;
  codec: string | null;
}

/**
 * The playable URL of a `gallery:<sha256>` video, or undefined when this PC has no such video or
 * no gallery. HEVC originals play through their H.264 proxy when there is one.
 */
export async function galleryVideoUrl(ref: string): Promise<string | undefined> {
  const invoke = api.invoke as unknown as (method: string, input: unknown) => Promise<GalleryVideo>;
  try {
    const item = await invoke('media.get', { ref });
    const hevc = /^(hvc1|hev1)/.test(item.codec ?? '');
    return hevc && item.proxyUrl ? item.proxyUrl : item.url;
  } catch {
    return undefined;
  }
}
