/** One DJI .SRT subtitle block: split from the file, then read by the patterns of each model family (see srt.ts). */

import type { Camera, SrtFamily, TelemetryPoint } from '../../shared/telemetry';

const NUM = '[-+]?\\d+(?:\\.\\d+)?';
const RE = {
  timecode: /(\d+):(\d{2}):(\d{2})[,.](\d{1,3})\s*-->\s*(\d+):(\d{2}):(\d{2})[,.](\d{1,3})/,
  date: /(\d{4})[-./](\d{1,2})[-./](\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,3}))?/,
  gps: new RegExp(`GPS\\s*\\(\\s*(${NUM})\\s*,\\s*(${NUM})\\s*,\\s*(${NUM})\\s*(M?)\\s*\\)`),
  home: new RegExp(`HOME\\s*\\(\\s*(${NUM})\\s*,\\s*(${NUM})(?:\\s*,\\s*(${NUM})\\s*m)?\\s*\\)`),
  barometer: new RegExp(`BAROMETER\\s*:\\s*(${NUM})`),
  hb: new RegExp(`\\bHb\\s*:\\s*(${NUM})`),
  lat: new RegExp(`\\[\\s*latitude\\s*:\\s*(${NUM})`),
  // DJI writes "longtitude" in Mavic 2 / Air files and "longitude" in newer ones.
  lon: new RegExp(`\\[\\s*longt?itude\\s*:\\s*(${NUM})`),
  relAlt: new RegExp(`rel_alt\\s*:\\s*(${NUM})`),
  absAlt: new RegExp(`abs_alt\\s*:\\s*(${NUM})`),
  bracketAltitude: new RegExp(`\\[\\s*altitude\\s*:\\s*(${NUM})`),
  lineDistance: new RegExp(`(?:^|,)\\s*D\\s+(${NUM})m`),
  lineHeight: new RegExp(`(?:^|,)\\s*H\\s+(${NUM})m`),
  lineHSpeed: new RegExp(`H\\.S\\s+(${NUM})m/s`),
  lineVSpeed: new RegExp(`V\\.S\\s+(${NUM})m/s`),
  iso: /\biso\s*:?\s*(\d+)/i,
  shutter: /(?:\bshutter|\bTV|\bSS)\s*:?\s*(1\/\d+(?:\.\d+)?|\d+(?:\.\d+)?)/i,
  fnum: /(?:\bfnum\s*:?\s*F?|\bIR\s*:\s*F|\bF\/)(\d+(?:\.\d+)?)/i,
  ev: /\bEV\s*:?\s*([-+]?\d+(?:\/\d+)?(?:\.\d+)?)/i,
  focal: /focal_len\s*:\s*(\d+(?:\.\d+)?)/,
};

export interface RawBlock {
  index?: number;
  start?: number;
  end?: number;
  payload: string;
}

/**
 * Blocks are separated by blank lines (only spaces or tabs). Split by the regular expression engine
 * (native code from the first call) and not into arrays of lines: a Mavic 3 file has 12,000+ blocks.
 */
export function splitBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const block = toBlock(chunk);
    if (block) blocks.push(block);
  }
  return blocks;
}

/** One block: an optional index line, an optional timecode line, then the payload lines (trimmed, empty ones dropped). */
function toBlock(chunk: string): RawBlock | undefined {
  const raw = chunk.trim();
  if (raw === '') return undefined;
  // Most blocks have clean lines: only an odd one needs each line trimmed and the empty ones dropped.
  let rest = /\s\n|\n\s/.test(raw) ? raw.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n') : raw;
  const block: RawBlock = { payload: '' };
  let lineEnd = rest.indexOf('\n');
  const first = lineEnd < 0 ? rest : rest.slice(0, lineEnd);
  if (/^\d+$/.test(first)) {
    block.index = Number(first);
    rest = lineEnd < 0 ? '' : rest.slice(lineEnd + 1);
    lineEnd = rest.indexOf('\n');
  }
  const tc = rest !== '' ? RE.timecode.exec(lineEnd < 0 ? rest : rest.slice(0, lineEnd)) : null;
  if (tc) {
    rest = lineEnd < 0 ? '' : rest.slice(lineEnd + 1);
    block.start = seconds(tc[1], tc[2], tc[3], tc[4]);
    block.end = seconds(tc[5], tc[6], tc[7], tc[8]);
  }
  block.payload = rest;
  return block;
}

export function seconds(h = '0', m = '0', s = '0', ms = '0'): number {
  // "5" is 500 ms and "05" is 50 ms: the digits are a decimal fraction.
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 10 ** ms.length;
}

/** A block and what it says (undefined: no telemetry in it). */
export interface ReadBlock {
  block: RawBlock;
  parsed: ParsedBlock | undefined;
}

export interface ParsedBlock {
  family: SrtFamily;
  point: Omit<TelemetryPoint, 't'>;
  home?: { lat: number; lon: number };
  time?: string;
  /** Began like a telemetry block but stops before its position (a file cut off mid-write). */
  incomplete?: boolean;
}

function num(re: RegExp, text: string): number | undefined {
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function parseBlock(payload: string): ParsedBlock | undefined {
  if (payload === '') return undefined;
  const point: Omit<TelemetryPoint, 't'> = { camera: parseCamera(payload) };
  const dateMatch = RE.date.exec(payload);
  const time = dateMatch ? isoLocal(dateMatch) : undefined;
  // Stryker disable next-line ConditionalExpression: equivalent: a time of undefined is the same as none (JSON drops it)
  if (time) point.time = time;
  let family: SrtFamily | undefined;
  let home: ParsedBlock['home'];
  // Cheap substring checks first: most blocks need only a few of the patterns below (12,000+ blocks in a Mavic 3 file).
  // Stryker disable StringLiteral: equivalent: cheap substring checks before the patterns, which alone decide
  const hasGps = payload.includes('GPS');
  const hasHome = payload.includes('HOME');
  // Stryker restore StringLiteral

  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a cheap substring check before the pattern, which alone decides
  const gps = hasGps ? RE.gps.exec(payload) : null;
  if (gps) {
    const [a, b, c] = [Number(gps[1]), Number(gps[2]), Number(gps[3])];
    if (gps[4] === 'M') {
      family = 'matrice'; // GPS(lat, lon, altitude M)
      setPosition(point, a, b);
      point.altitude = c;
    } else {
      setPosition(point, b, a); // GPS(lon, lat, satellites)
    }
  }
  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a cheap substring check before the pattern, which alone decides
  const homeMatch = hasHome ? RE.home.exec(payload) : null;
  if (homeMatch) {
    const lon = Number(homeMatch[1]);
    const lat = Number(homeMatch[2]);
    if (validPosition(lat, lon)) home = { lat, lon };
  }
  if (payload.includes('F/') && /\bF\/\d/.test(payload) && /\bSS\s/.test(payload)) {
    family ??= 'single-line';
    point.distance = num(RE.lineDistance, payload);
    point.height = num(RE.lineHeight, payload);
    point.speed = num(RE.lineHSpeed, payload);
    point.verticalSpeed = num(RE.lineVSpeed, payload);
  }
  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a cheap substring check before the pattern, which alone decides
  const hb = payload.includes('Hb') ? num(RE.hb, payload) : undefined;
  if (hb !== undefined) {
    family ??= 'old-firmware';
    point.height = hb;
  }
  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a cheap substring check before the pattern, which alone decides
  const baro = payload.includes('BAROMETER') ? num(RE.barometer, payload) : undefined;
  if (baro !== undefined) {
    family ??= 'phantom';
    point.height = baro;
  }
  const bracketed = payload.includes('lat');
  const lat = bracketed ? num(RE.lat, payload) : undefined;
  const lon = bracketed ? num(RE.lon, payload) : undefined;
  if (lat !== undefined || (bracketed && /\[\s*lat/.test(payload))) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a cheap substring check before the pattern, which alone decides
    const relAlt = payload.includes('rel_alt') ? num(RE.relAlt, payload) : undefined;
    family ??= relAlt !== undefined ? 'mavic3' : 'bracketed';
    if (lat === undefined || lon === undefined) return { family, point, time, incomplete: true };
    setPosition(point, lat, lon);
    point.height = relAlt;
    point.altitude = relAlt !== undefined ? num(RE.absAlt, payload) : num(RE.bracketAltitude, payload);
  }
  // A block cut off inside GPS(…) or HOME(…); "GPS(N/A,N/A,3)" is a block without a fix and is kept.
  if ((hasGps || hasHome) && /\b(?:GPS|HOME)\s*\([^)]*$/.test(payload)) return { family: family ?? 'phantom', point, time, incomplete: true };
  // GPS(lon, lat, satellites) with no height is the Phantom's layout all the same, and so is GPS(N/A, …).
  if (gps || (hasGps && /\bGPS\s*\(\s*N\/A/.test(payload))) family ??= 'phantom';

  if (!family) {
    const c = point.camera;
    if (c.iso === undefined && c.shutter === undefined && c.fnum === undefined) return undefined;
    family = 'camera-only';
  }
  return { family, point, home, time };
}

function setPosition(point: Omit<TelemetryPoint, 't'>, lat: number, lon: number): void {
  // (0, 0) is what DJI writes before the GPS has a fix.
  if (validPosition(lat, lon)) {
    point.lat = lat;
    point.lon = lon;
  }
}

export function validPosition(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
}

function parseCamera(payload: string): Camera {
  const camera: Camera = {};
  const iso = num(RE.iso, payload);
  if (iso !== undefined) camera.iso = iso;
  const shutter = RE.shutter.exec(payload)?.[1];
  if (shutter) camera.shutter = formatShutter(shutter);
  const fnumText = RE.fnum.exec(payload)?.[1];
  if (fnumText) {
    const value = Number(fnumText);
    // Mavic 2 / Air write the aperture ×100 ("280" for f/2.8).
    camera.fnum = !fnumText.includes('.') && value >= 50 ? value / 100 : value;
  }
  const ev = RE.ev.exec(payload)?.[1];
  if (ev !== undefined) camera.ev = ev;
  const focalText = RE.focal.exec(payload)?.[1];
  if (focalText) {
    // Older files write the focal length ×10 as a whole number ("240" for 24 mm); Mavic 3 writes "24.00".
    camera.focalLength = focalText.includes('.') ? Number(focalText) : Number(focalText) / 10;
  }
  return camera;
}

export function formatShutter(raw: string): string {
  if (raw.startsWith('1/')) return `1/${Math.round(Number(raw.slice(2)))}`;
  const value = Number(raw);
  // Phantom / Mini files write the denominator only ("Shutter:60" is 1/60 s).
  return value >= 1 ? `1/${Math.round(value)}` : `${value}`;
}

function isoLocal(m: RegExpExecArray): string {
  const ms = m[7] ? `.${m[7].padEnd(3, '0')}` : '';
  return `${m[1]}-${pad2(m[2])}-${pad2(m[3])}T${pad2(m[4])}:${pad2(m[5])}:${pad2(m[6])}${ms}`;
}

function pad2(s: string | undefined): string {
  return s === undefined ? '00' : s.length >= 2 ? s : `0${s}`;
}

