import { z } from 'zod';

/**
 * What a VR headset's browser and the hub say to each other (src/core/hub/headset, the headset page in
 * src/renderer/src/headset). The headset opens the hub's HTTPS address; its credential is a cookie.
 */
export const HEADSET_COOKIE = 'kite_headset';
/** The headset page in the built renderer (a second entry beside index.html). */
export const HEADSET_APP_FILE = 'headset.html';

export const HeadsetJoinInput = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();

/** A 360° photo or video a headset may show; URLs are below /headset/media/. */
export interface HeadsetItem {
  sha256: string;
  kind: 'photo' | 'video';
  title: string;
  url: string;
  thumbnailUrl: string | null;
}

export interface HeadsetCatalogue {
  /** This headset's name in the room (VR-01…), as the teacher's device list shows it. */
  name: string;
  items: HeadsetItem[];
}
