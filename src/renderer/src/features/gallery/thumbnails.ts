import { useEffect } from 'react';
import type { MediaItem } from '../../../../shared/contract';
import { api } from '../../api/client';
import { playableSource } from './facts';

const THUMB_WIDTH = 480;
const PREVIEW_FRAMES = 5;

function once(target: EventTarget, event: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    const onError = () => {
      clearTimeout(timer);
      reject(new Error('the file could not be decoded'));
    };
    target.addEventListener(event, () => {
      clearTimeout(timer);
      target.removeEventListener('error', onError);
      resolve();
    }, { once: true });
    target.addEventListener('error', onError, { once: true });
  });
}

/** How many colours a drawn picture has, roughly (a frame not decoded yet draws as one flat colour). */
function roughColours(g: CanvasRenderingContext2D, width: number, height: number): number {
  const { data } = g.getImageData(0, 0, width, height);
  const colours = new Set<number>();
  for (let i = 0; i < data.length && colours.size < 8; i += 64) colours.add((data[i]! >> 4) * 256 + (data[i + 1]! >> 4) * 16 + (data[i + 2]! >> 4));
  return colours.size;
}

/**
 * A video's current frame, drawn. Just after a seek on a busy PC the frame can still be on its way:
 * draw again a moment later while the picture is one flat colour (a frame that really is one colour
 * is kept after a few tries).
 */
async function drawFrame(video: HTMLVideoElement, g: CanvasRenderingContext2D, width: number, height: number): Promise<void> {
  g.drawImage(video, 0, 0, width, height);
  for (let tries = 0; tries < 5 && roughColours(g, width, height) < 3; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    g.drawImage(video, 0, 0, width, height);
  }
}

/** A JPEG (base64) at most THUMB_WIDTH wide of what `draw` paints on a canvas of the picture's shape. */
async function jpegBase64(width: number, height: number, draw: (g: CanvasRenderingContext2D, width: number, height: number) => void | Promise<void>): Promise<string> {
  const scale = Math.min(1, THUMB_WIDTH / width);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  await draw(canvas.getContext('2d', { willReadFrequently: true })!, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob) throw new Error('the picture could not be made');
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
    await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'thumb', jpegBase64: await jpegBase64(img.naturalWidth, img.naturalHeight, (g, w, h) => g.drawImage(img, 0, 0, w, h)) });
    return;
  }
  const source = await playableSource(item);
  if (!source) throw new Error('this PC cannot decode the video');
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.src = source.url;
  await once(video, 'loadeddata');
  const grab = async (at: number) => {
    video.currentTime = at;
    await once(video, 'seeked');
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await once(video, 'canplay');
    return jpegBase64(video.videoWidth, video.videoHeight, (g, w, h) => drawFrame(video, g, w, h));
  };
  const duration = video.duration;
  await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'thumb', jpegBase64: await grab(Math.min(duration * 0.1, 5)) });
  for (let i = 0; i < PREVIEW_FRAMES; i++) {
    await api.invoke('media.saveThumbnail', { sha256: item.sha256, kind: 'preview', index: i, jpegBase64: await grab(((i + 1) / (PREVIEW_FRAMES + 1)) * duration) });
  }
  video.removeAttribute('src');
  video.load();
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
