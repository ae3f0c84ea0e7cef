import { PANORAMA_CAP } from '../../../shared/panorama';

/** The size a picture is uploaded at: its own, or scaled down (keeping its shape) to fit the cap. */
export function cappedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PANORAMA_CAP.width / width, PANORAMA_CAP.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
