import type { z } from 'zod';
import { api } from '../../api/client';
import type { packReadMethods } from '../../../../shared/contract/packs';
import type { progressPlayerMethods } from '../../../../shared/contract/progress';

/** The contract methods the player uses: lessons from the packs domain, attempts and position from progress. */
type PlayerMethods = typeof packReadMethods & typeof progressPlayerMethods;
type PlayerMethod = keyof PlayerMethods;

/** api.invoke narrowed to the player's methods (the same door, typed by their contract files). */
export const invokePlayer = api.invoke as unknown as <M extends PlayerMethod>(
  method: M,
  input: z.input<PlayerMethods[M]['input']>,
) => Promise<NonNullable<PlayerMethods[M]['result']>>;

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
