/**
 * Pictures of a video's moments, made in this browser (no external programs): a hidden, muted
 * <video> seeks to each moment and its frame is drawn on a canvas. The gallery's grid pictures and
 * preview strips, and the chapter pictures of a lesson's video, are made so.
 */

export function once(target: EventTarget, event: string, timeoutMs = 15_000): Promise<void> {
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

/** A JPEG at most `maxWidth` wide of what `draw` paints on a canvas of the picture's shape. */
export async function jpeg(width: number, height: number, maxWidth: number, draw: (g: CanvasRenderingContext2D, width: number, height: number) => void | Promise<void>): Promise<Blob> {
  const scale = Math.min(1, maxWidth / width);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  await draw(canvas.getContext('2d', { willReadFrequently: true })!, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob) throw new Error('the picture could not be made');
  return blob;
}

export interface FrameGrabber {
  /** Seconds (0 when the video does not say). */
  duration: number;
  /** The frame at `seconds`, as a JPEG at most `maxWidth` wide. */
  grab(seconds: number, maxWidth: number): Promise<Blob>;
  /** Let the decoder go. */
  close(): void;
}

/** Open `url` in a hidden video for drawing its frames (one at a time: decoding is heavy on classroom PCs). */
export async function openFrames(url: string): Promise<FrameGrabber> {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.src = url;
  const close = () => {
    video.removeAttribute('src');
    video.load();
  };
  try {
    await once(video, 'loadeddata');
  } catch (error) {
    close();
    throw error;
  }
  return {
    duration: Number.isFinite(video.duration) ? video.duration : 0,
    async grab(seconds, maxWidth) {
      video.currentTime = seconds;
      await once(video, 'seeked');
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await once(video, 'canplay');
      return jpeg(video.videoWidth, video.videoHeight, maxWidth, (g, w, h) => drawFrame(video, g, w, h));
    },
    close,
  };
}

/** `count` moments evenly along a video of `duration` seconds, neither at its very start nor its end (chapter pictures). */
export function chapterTimes(count: number, duration: number): number[] {
  if (!(duration > 0)) return [];
  return Array.from({ length: count }, (_, i) => ((i + 1) / (count + 1)) * duration);
}
