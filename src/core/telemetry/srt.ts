/**
 * DJI SRT telemetry parser. Pure: text in, track out, no I/O, no dependencies.
 *
 * DJI drones write one subtitle block per frame or per second, and each model family writes it
 * differently. The traps handled here:
 * - Phantom 4 / Mavic Pro: `HOME(lon,lat)` and `GPS(lon,lat,satellites)` (longitude first), `BAROMETER:h`.
 * - Old firmware: the same with `Hb:h Hs:h`, `TV:` for shutter and `IR:F2.8` for aperture, dates like 2017.8.5.
 * - Mavic Mini / Mini 2 / P4P / P4 RTK: one line `F/2.8, SS 400, ISO 100, EV 0, GPS (lon, lat, sats), D 49m, H 45m, H.S …`.
 * - Mavic 2 / Air / Air 2S: `[latitude : …] [longtitude : …]` (DJI's spelling) with aperture ×100 (`fnum : 280`)
 *   and focal length ×10 (`focal_len : 240`); some files have no timecodes at all.
 * - Mavic 3: `[rel_alt: … abs_alt: …]`, real aperture and focal length (`fnum: 3.2`, `focal_len: 24.00`).
 * - Matrice 300: `GPS(lat,lon,altM)` (latitude first; told apart by the `M` unit) and `BAROMETER:hM`.
 * - Byte-order marks, CRLF line ends, `<font>` tags, empty files and files cut off mid-block.
 */

import { distanceMetres, type SrtFamily, type TelemetryPoint, type Track, type TrackWarning } from '../../shared/telemetry';
import { parseBlock, splitBlocks, type ReadBlock } from './srt-block';
import { readMavic3 } from './srt-mavic3';

export type { Camera, SrtFamily, TelemetryPoint, Track } from '../../shared/telemetry';

/** Why a telemetry file cannot be used, as a word the UI words in the teacher's language. */
export const SRT_PROBLEMS = ['srt_too_large', 'srt_binary', 'empty', 'srt_no_blocks', 'srt_no_telemetry'] as const;
export type SrtProblem = (typeof SRT_PROBLEMS)[number];

/** A file that cannot be read as DJI telemetry; the message says why, for a person. */
export class SrtError extends Error {
  override name = 'SrtError';
  constructor(
    message: string,
    readonly problem: SrtProblem,
  ) {
    super(message);
  }
}

export const MAX_SRT_BYTES = 64 * 1024 * 1024;

/** Parse the text of a DJI .SRT file. Throws SrtError with a reason a person can act on. */
export function parseSrt(text: string): Track {
  if (text.length > MAX_SRT_BYTES) throw new SrtError(`the file is too large for a telemetry file (over ${MAX_SRT_BYTES / 1024 / 1024} MB)`, 'srt_too_large');
  if (text.includes('\0')) throw new SrtError('this is not a text subtitle file (it contains binary data)', 'srt_binary');
  const bomless = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most Mavic 3 files take the one-pattern fast path; anything else (or anything odd) the general one.
  const mavic3 = readMavic3(bomless);
  if (mavic3) return finishTrack('mavic3', mavic3.points, undefined, mavic3.duration, []);
  const blocks = readBlocks(bomless);

  const warnings: TrackWarning[] = [];
  const points: TelemetryPoint[] = [];
  let home: Track['home'];
  let family: SrtFamily | undefined;
  let skipped = 0;
  let firstDateMs: number | undefined;
  const blockEnds: number[] = [];

  blocks.forEach(({ block, parsed }, i) => {
    if (!parsed || parsed.incomplete) {
      if (i === blocks.length - 1 && points.length > 0) warnings.push({ code: 'cut_off', text: 'the last block is cut off (the file was not finished); it was left out' });
      else skipped++;
      return;
    }
    family ??= parsed.family;
    if (parsed.home) home ??= parsed.home;
    // The drone's clock is only needed for the first block and for blocks without a timecode.
    const clock = parsed.time && (firstDateMs === undefined || block.start === undefined) ? Date.parse(parsed.time + 'Z') : Number.NaN;
    // A clock that is not a date ("0000-00-00 00:00:00" before the drone has set it) is no clock.
    const dateMs = Number.isNaN(clock) ? undefined : clock;
    firstDateMs ??= dateMs;
    // Some Mavic 2 files have no timecodes: time comes from the drone's clock, else one block per second.
    const t = block.start ?? (dateMs !== undefined ? (dateMs - firstDateMs!) / 1000 : (block.index ?? i + 1) - 1);
    blockEnds.push(block.end ?? t + 1);
    // Completed in place rather than copied: 12,000+ blocks in a Mavic 3 file, and copies cost GC time.
    const point = parsed.point as TelemetryPoint;
    point.t = t;
    points.push(point);
  });

  if (skipped > 0) warnings.push({ code: 'blocks_skipped', count: skipped, text: `${skipped} block(s) without telemetry were skipped` });
  if (points.length === 0) {
    throw blocks.length === 0
      ? new SrtError('no subtitle blocks found (is this a DJI .SRT file?)', 'srt_no_blocks')
      : new SrtError('no DJI telemetry found in the subtitle blocks', 'srt_no_telemetry');
  }
  return finishTrack(family ?? 'camera-only', points, home, Math.max(...blockEnds), warnings);
}

/** The general path: normalise the text, split it into blocks, read each by the patterns of every family. */
function readBlocks(text: string): ReadBlock[] {
  // Each pass copies the whole file: only make the ones it needs.
  let normalised = text;
  if (normalised.includes('\r')) normalised = normalised.replace(/\r\n?/g, '\n');
  if (/<\/?font/i.test(normalised)) normalised = normalised.replace(/<\/?font[^>]*>/gi, '');
  if (normalised.trim() === '') throw new SrtError('the file is empty', 'empty');
  return splitBlocks(normalised).map((block) => ({ block, parsed: parseBlock(block.payload) }));
}

/** Fill what the file did not say (height from altitude, distance from home, speed) and sum up. */
function finishTrack(family: SrtFamily, points: TelemetryPoint[], givenHome: Track['home'], duration: number, warnings: TrackWarning[]): Track {
  const located = points.filter((p): p is TelemetryPoint & { lat: number; lon: number } => p.lat !== undefined && p.lon !== undefined);
  const hasGps = located.length > 0;
  if (!hasGps) warnings.push({ code: 'no_gps', text: 'this file has no GPS positions: only camera settings can be shown' });
  const home = givenHome ?? (hasGps ? { lat: located[0]!.lat, lon: located[0]!.lon } : undefined);
  const firstAltitude = points.find((p) => p.altitude !== undefined)?.altitude;

  let pathLength = 0;
  // k: this point's place among the located ones; speed is measured from the located point at least a second back.
  let k = -1;
  let windowStart = 0;
  for (const p of points) {
    if (p.height === undefined && p.altitude !== undefined && firstAltitude !== undefined) p.height = round(p.altitude - firstAltitude, 2);
    if (p.lat === undefined || p.lon === undefined) continue;
    k++;
    const here = { lat: p.lat, lon: p.lon };
    if (p.distance === undefined && home) p.distance = round(distanceMetres(home, here), 2);
    if (k > 0) pathLength += distanceMetres(located[k - 1]!, here);
    if (p.speed === undefined && k > 0) {
      // Positions are rounded to about a metre: measure speed over at least one second.
      while (windowStart + 1 < k && p.t - located[windowStart + 1]!.t >= 1) windowStart++;
      const from = located[windowStart]!;
      const dt = p.t - from.t;
      if (dt >= 0.5) p.speed = round(distanceMetres(from, here) / dt, 2);
    }
  }
  const heights = points.map((p) => p.height).filter((h): h is number => h !== undefined);
  const distances = points.map((p) => p.distance).filter((d): d is number => d !== undefined);
  return {
    family,
    points,
    home,
    hasGps,
    duration,
    maxHeight: heights.length ? Math.max(...heights) : undefined,
    maxDistance: distances.length ? Math.max(...distances) : undefined,
    pathLength: round(pathLength, 1),
    warnings,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
