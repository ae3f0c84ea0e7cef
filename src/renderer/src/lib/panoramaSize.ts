/**
 * The largest 360° picture we upload: the headsets' browsers stop at 4096 pixels a side, and a
 * 2:1 panorama that wide is as sharp as their screens can show. Bigger photos are scaled down here,
 * once, before the GPU sees them (an 8192×4096 photo would not draw at all on a headset).
 */
export const PANORAMA_CAP = { width: 4096, height: 2048 } as const;

/** The size a picture is uploaded at: its own, or scaled down (keeping its shape) to fit the cap. */
export function cappedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PANORAMA_CAP.width / width, PANORAMA_CAP.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
