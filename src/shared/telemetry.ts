/** Flight telemetry read from DJI .SRT sidecar files: the shapes shared by core, CLI and the player. */

export type SrtFamily = 'phantom' | 'old-firmware' | 'single-line' | 'bracketed' | 'mavic3' | 'matrice' | 'camera-only';

export interface Camera {
  iso?: number;
  /** As a photographer writes it: "1/400". */
  shutter?: string;
  /** f-number, e.g. 2.8 */
  fnum?: number;
  /** Exposure compensation as written, e.g. "-1/3", "+0.7". */
  ev?: string;
  /** Focal length in mm (35 mm equivalent as DJI writes it). */
  focalLength?: number;
}

export interface TelemetryPoint {
  /** Seconds from the start of the video. */
  t: number;
  /** The drone's clock, local time without a zone: "2017-08-05T14:11:51.393". */
  time?: string;
  lat?: number;
  lon?: number;
  /** Metres above the take-off point. */
  height?: number;
  /** Metres above sea level, when the file says. */
  altitude?: number;
  /** Metres from home (take-off), as written or computed from positions. */
  distance?: number;
  /** Horizontal speed, m/s, as written or computed from positions. */
  speed?: number;
  /** Vertical speed, m/s, when written. */
  verticalSpeed?: number;
  camera: Camera;
}

export interface Track {
  family: SrtFamily;
  points: TelemetryPoint[];
  home?: { lat: number; lon: number };
  hasGps: boolean;
  /** Seconds covered: the end of the last block. */
  duration: number;
  maxHeight?: number;
  maxDistance?: number;
  /** Total path length over the ground, metres. */
  pathLength: number;
  /** Things a person may want to know (cut-off last block, garbage lines skipped, no GPS). */
  warnings: TrackWarning[];
}

/** A note about a telemetry file: `code` (and `count`) for the teacher's language, `text` in English for the CLI and logs. */
export interface TrackWarning {
  code: 'cut_off' | 'blocks_skipped' | 'no_gps';
  count?: number;
  text: string;
}

/** Metres between two positions (haversine). */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point shown at a video time: the last block that started at or before it (binary search). */
export function pointAt<P extends { t: number }>(points: readonly P[], t: number): P | undefined {
  if (points.length === 0) return undefined;
  let lo = 0;
  let hi = points.length - 1;
  if (t <= points[0]!.t) return points[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid]!.t <= t) lo = mid;
    else hi = mid - 1;
  }
  return points[lo];
}
