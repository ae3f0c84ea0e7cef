/**
 * The largest 360° picture we upload: the headsets' browsers stop at 4096 pixels a side, and a
 * 2:1 panorama that wide is as sharp as their screens can show. Bigger photos are scaled down
 * once, before the GPU sees them (an 8192×4096 photo would not draw at all on a headset); bigger
 * 360° videos are not imported (core/media/import says why).
 */
export const PANORAMA_CAP = { width: 4096, height: 2048 } as const;

/** Whether a picture or video of this size is larger than the cap on either side. */
export const overPanoramaCap = (width: number, height: number): boolean => width > PANORAMA_CAP.width || height > PANORAMA_CAP.height;
