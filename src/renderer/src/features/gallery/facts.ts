import type { MediaItem } from '../../../../shared/contract';

/** Things a pupil can picture: a floor of a building is about 3 m, a football pitch about 105 m long. */
export const FLOOR_METRES = 3;
export const PITCH_METRES = 105;

export function floors(heightMetres: number): number {
  return Math.max(0, Math.round(heightMetres / FLOOR_METRES));
}

export function pitches(distanceMetres: number): number {
  return Math.round((distanceMetres / PITCH_METRES) * 10) / 10;
}

export function kmPerHour(metresPerSecond: number): number {
  return Math.round(metresPerSecond * 3.6);
}

/** What moves about as fast: walking, a bicycle, a bus in town, a car on the highway. */
export function speedLikeKey(metresPerSecond: number): string {
  const kmh = metresPerSecond * 3.6;
  if (kmh < 1) return 'gallery.facts.still';
  if (kmh < 7) return 'gallery.facts.likeWalking';
  if (kmh < 25) return 'gallery.facts.likeBicycle';
  if (kmh < 60) return 'gallery.facts.likeBus';
  return 'gallery.facts.likeCar';
}

export { clock } from '../../lib/clock';

/** What canDecode needs: a gallery item, or a video found by a scan (its size and shape not yet known). */
export type Decodable = Pick<MediaItem, 'kind' | 'codec' | 'ext'> & Partial<Pick<MediaItem, 'width' | 'height' | 'size' | 'duration' | 'fps'>>;

/** Can this PC decode the original? H.264 everywhere; HEVC only where the OS or GPU decodes it. */
export async function canDecode(item: Decodable): Promise<boolean> {
  if (item.kind !== 'video' || !item.codec) return true;
  const contentType = `video/${item.ext === 'mov' ? 'quicktime' : 'mp4'}; codecs="${item.codec}"`;
  try {
    if (navigator.mediaCapabilities?.decodingInfo) {
      const info = await navigator.mediaCapabilities.decodingInfo({
        type: 'file',
        video: {
          contentType: `video/mp4; codecs="${item.codec}"`,
          width: item.width ?? 1920,
          height: item.height ?? 1080,
          bitrate: item.duration && item.size ? Math.round((item.size * 8) / item.duration) : 20_000_000,
          framerate: item.fps ?? 30,
        },
      });
      return info.supported;
    }
  } catch {
    // An odd codec string: fall back to canPlayType below.
  }
  return document.createElement('video').canPlayType(contentType) !== '';
}

/** The source the player uses: the original when it decodes, else the DJI proxy, else none. */
export async function playableSource(item: MediaItem): Promise<{ url: string; proxy: boolean } | null> {
  if (await canDecode(item)) return { url: item.url, proxy: false };
  if (item.proxyUrl) return { url: item.proxyUrl, proxy: true };
  return null;
}
