import { useEffect } from 'react';
import type { MediaItem } from '../../../../shared/contract';
import { api } from '../../api/client';
import { playableSource } from './facts';
import { chapterTimes, jpeg, openFrames } from '../../lib/videoFrames';

const THUMB_WIDTH = 480;
const PREVIEW_FRAMES = 5;

/** A JPEG as base64, as the host takes it. */
async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Make the grid picture and the preview strip in this browser (no external programs): seek a
 * hidden video, draw the frame on a canvas, upload the JPEG to the host.
 */
export async function makeThumbnails(item: MediaItem): Promise<void> {
  if (item.kind === 'photo') {
    const img = new Image();
    img.src = item.url;
    await img.decode();
    const picture = await jpeg(img.naturalWidth, img.naturalHeight, THUMB_WIDTH, (g, w, h) => g.drawImage(img, 0, 0, w, h));
    await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'thumb', jpegBase64: await base64(picture) });
    return;
  }
  const source = await playableSource(item);
  if (!source) throw new Error('this PC cannot decode the video');
  const frames = await openFrames(source.url);
  try {
    const grab = async (at: number) => base64(await frames.grab(at, THUMB_WIDTH));
    const { duration } = frames;
    await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'thumb', jpegBase64: await grab(Math.min(duration * 0.1, 5)) });
    for (const [i, at] of chapterTimes(PREVIEW_FRAMES, duration).entries()) {
      await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'preview', index: i, jpegBase64: await grab(at) });
    }
  } finally {
    frames.close();
  }
}

/** Pictures asked for in this window, by sha256: each is made once, one at a time (decoding is heavy on classroom PCs). */
const asked = new Map<string, Promise<void>>();
let queue: Promise<void> = Promise.resolve();

/** Make an item's pictures unless this window already did or is doing it; a failure is not retried until the page reloads. */
export function ensurePictures(item: MediaItem): Promise<void> {
  const known = asked.get(item.sha256);
  if (known) return known;
  const made = queue.then(() => makeThumbnails(item));
  queue = made.catch(() => undefined);
  asked.set(item.sha256, made);
  return made;
}

/**
 * Any screen that shows the gallery fills in missing pictures (a video imported with
 * `kite media import` has none): the core keeps the first and says media.changed, so every screen
 * shows it.
 */
export function useMissingPictures(items: MediaItem[] | undefined): void {
  useEffect(() => {
    for (const item of items ?? []) if (!item.hasThumbnail) ensurePictures(item).catch(() => undefined);
  }, [items]);
}
