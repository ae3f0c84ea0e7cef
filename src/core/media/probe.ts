import fs from 'node:fs';
import { KiteError } from '../../shared/errors';

export interface MediaProbe {
  width: number | null;
  height: number | null;
  duration: number | null;
  codec: string | null;
  fps: number | null;
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
  panorama: boolean;
}

const MAX_MOOV = 64 * 1024 * 1024;

/** What is wrong with a file, as a word the UI words in the teacher's language (gallery.teacher.problems.*). */
export const MEDIA_PROBLEMS = ['empty', 'truncated', 'not_video', 'damaged', 'header_too_large', 'no_moov', 'no_video_data', 'header_unreadable', 'no_video_track', 'not_jpeg', 'photo_damaged', 'photo_no_size'] as const;
export type MediaProblem = (typeof MEDIA_PROBLEMS)[number];

function invalid(name: string, why: string, problem: MediaProblem): KiteError {
  return new KiteError('media_invalid', `${name} cannot be used: ${why}.`, { details: { problem } });
}

/** An equirectangular 360° picture is twice as wide as it is high. */
export function isPanorama(width: number | null, height: number | null): boolean {
  return !!width && !!height && Math.abs(width / height - 2) < 0.02;
}

/**
 * 360° metadata: XMP `GPano:ProjectionType="equirectangular"` in photos, Google's spherical video
 * XML or the `sv3d` box in videos. Cropped panoramas are not 2:1 but still say so here.
 */
function saysEquirectangular(bytes: Buffer): boolean {
  return bytes.includes('sv3d', 0, 'latin1') || /equirectangular/i.test(bytes.toString('latin1'));
}

/**
 * Read an MP4 / MOV without external programs: walk the top-level boxes (so a 4 GB file costs a
 * few reads, not a full scan), hand only ftyp + moov to mp4box.js, and check that the boxes the
 * file announces are really there (a truncated copy is caught here).
 */
export async function probeVideo(file: string, name = file): Promise<MediaProbe> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw invalid(name, 'the file is empty', 'empty');
    const header = Buffer.alloc(16);
    const kept: Buffer[] = [];
    let position = 0;
    let sawMoov = false;
    let sawMdat = false;
    while (position < size) {
      const { bytesRead } = await handle.read(header, 0, 16, position);
      if (bytesRead < 8) throw invalid(name, 'the file ends in the middle of a box (it is truncated)', 'truncated');
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e\xa9]{4}$/.test(type)) throw position === 0 ? invalid(name, 'it is not an MP4 or MOV video', 'not_video') : invalid(name, 'the file is damaged', 'damaged');
      if (boxSize === 1) {
        if (bytesRead < 16) throw invalid(name, 'the file is truncated', 'truncated');
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) boxSize = size - position;
      if (boxSize < 8) throw invalid(name, 'the file is damaged', 'damaged');
      if (position === 0 && type !== 'ftyp' && type !== 'wide' && type !== 'moov' && type !== 'free' && type !== 'mdat') throw invalid(name, 'it is not an MP4 or MOV video', 'not_video');
      if (position + boxSize > size) throw invalid(name, 'the file is truncated (it was not fully copied or recorded)', 'truncated');
      if (type === 'ftyp' || type === 'moov') {
        if (boxSize > MAX_MOOV) throw invalid(name, 'its header is too large', 'header_too_large');
        const box = Buffer.alloc(boxSize);
        await handle.read(box, 0, boxSize, position);
        kept.push(box);
        if (type === 'moov') sawMoov = true;
      }
      if (type === 'mdat') sawMdat = true;
      position += boxSize;
    }
    if (!sawMoov) throw invalid(name, 'it has no movie header (moov); the recording was probably interrupted', 'no_moov');
    if (!sawMdat) throw invalid(name, 'it has no video data', 'no_video_data');
    // mp4box.js is loaded on the first probe, not at every start of the app (it is large).
    return parseMovie(await import('mp4box'), Buffer.concat(kept), name);
  } finally {
    await handle.close();
  }
}

interface Mp4Info {
  duration: number;
  timescale: number;
  created?: Date;
  videoTracks: { codec: string; nb_samples: number; duration: number; timescale: number; video?: { width: number; height: number }; track_width: number; track_height: number }[];
}

function parseMovie({ createFile, MP4BoxBuffer }: typeof import('mp4box'), boxes: Buffer, name: string): MediaProbe {
  const file = createFile();
  let info: Mp4Info | undefined;
  let error: string | undefined;
  file.onReady = (i: unknown) => {
    info = i as Mp4Info;
  };
  file.onError = (_module: string, message: string) => {
    error = message;
  };
  const ab = boxes.buffer.slice(boxes.byteOffset, boxes.byteOffset + boxes.byteLength) as ArrayBuffer;
  try {
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, 0));
    file.flush();
  } catch (e) {
    error = (e as Error).message;
  }
  if (!info) throw invalid(name, `its movie header cannot be read${error ? ` (${error})` : ''}`, 'header_unreadable');
  const video = info.videoTracks[0];
  if (!video) throw invalid(name, 'it has no video track', 'no_video_track');
  const width = video.video?.width ?? video.track_width ?? null;
  const height = video.video?.height ?? video.track_height ?? null;
  const trackSeconds = video.duration / video.timescale;
  const created = info.created && info.created.getUTCFullYear() > 1970 ? info.created.toISOString() : null;
  const location = findIso6709(boxes);
  return {
    width,
    height,
    duration: info.timescale ? Math.round((info.duration / info.timescale) * 1000) / 1000 : null,
    codec: video.codec,
    fps: trackSeconds > 0 ? Math.round((video.nb_samples / trackSeconds) * 100) / 100 : null,
    takenAt: created,
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    panorama: isPanorama(width, height) || saysEquirectangular(boxes),
  };
}

/** GPS written by cameras and phones as an ISO 6709 string in udta ©xyz ("+22.5431+114.0579/"). */
function findIso6709(boxes: Buffer): { lat: number; lon: number } | undefined {
  const at = boxes.indexOf(Buffer.from([0xa9, 0x78, 0x79, 0x7a]));
  if (at < 0) return undefined;
  const text = boxes.toString('latin1', at + 4, Math.min(boxes.length, at + 64));
  const m = /([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)/.exec(text);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

/** JPEG size from its frame header, plus EXIF date and GPS when the file has them. */
export async function probeJpeg(file: string, name = file): Promise<MediaProbe> {
  const handle = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const { size } = await handle.stat();
    if (size === 0) throw invalid(name, 'the file is empty', 'empty');
    head = Buffer.alloc(Math.min(size, 512 * 1024));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head[0] !== 0xff || head[1] !== 0xd8) throw invalid(name, 'it is not a JPEG photo', 'not_jpeg');
  let width: number | null = null;
  let height: number | null = null;
  let exif: ExifFacts = {};
  let offset = 2;
  while (offset + 4 <= head.length) {
    if (head[offset] !== 0xff) throw invalid(name, 'the photo is damaged', 'photo_damaged');
    const marker = head[offset + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      offset += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = head.readUInt16BE(offset + 2);
    if (marker === 0xe1 && head.toString('latin1', offset + 4, offset + 10) === 'Exif\0\0') {
      exif = readExif(head.subarray(offset + 10, offset + 2 + length));
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      height = head.readUInt16BE(offset + 5);
      width = head.readUInt16BE(offset + 7);
      break;
    }
    offset += 2 + length;
  }
  if (!width || !height) throw invalid(name, 'the photo has no readable size (it may be truncated)', 'photo_no_size');
  const panorama = isPanorama(width, height) || saysEquirectangular(head.subarray(0, offset));
  return { width, height, duration: null, codec: null, fps: null, takenAt: exif.takenAt ?? null, lat: exif.lat ?? null, lon: exif.lon ?? null, panorama };
}

interface ExifFacts {
  takenAt?: string;
  lat?: number;
  lon?: number;
}

/** The few EXIF fields the gallery shows: DateTimeOriginal and GPS. Anything odd is ignored, never fatal. */
function readExif(tiff: Buffer): ExifFacts {
  try {
    const little = tiff.toString('latin1', 0, 2) === 'II';
    const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
    const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
    const entries = (ifd: number) => {
      const out = new Map<number, { type: number; count: number; valueOffset: number }>();
      const n = u16(ifd);
      for (let i = 0; i < n; i++) {
        const e = ifd + 2 + i * 12;
        out.set(u16(e), { type: u16(e + 2), count: u32(e + 4), valueOffset: e + 8 });
      }
      return out;
    };
    const ascii = (e: { count: number; valueOffset: number }) => {
      const at = e.count > 4 ? u32(e.valueOffset) : e.valueOffset;
      return tiff.toString('latin1', at, at + e.count).replace(/\0.*$/, '');
    };
    const rationals = (e: { count: number; valueOffset: number }) => {
      const at = u32(e.valueOffset);
      return Array.from({ length: e.count }, (_, i) => u32(at + i * 8) / (u32(at + i * 8 + 4) || 1));
    };
    const facts: ExifFacts = {};
    const ifd0 = entries(u32(4));
    const exifPointer = ifd0.get(0x8769);
    if (exifPointer) {
      const date = entries(u32(exifPointer.valueOffset)).get(0x9003);
      const m = date && /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(ascii(date));
      if (m) facts.takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
    }
    const gpsPointer = ifd0.get(0x8825);
    if (gpsPointer) {
      const gps = entries(u32(gpsPointer.valueOffset));
      const toDeg = ([d = 0, m = 0, s = 0]: number[]) => d + m / 60 + s / 3600;
      const latRef = gps.get(1);
      const lat = gps.get(2);
      const lonRef = gps.get(3);
      const lon = gps.get(4);
      if (lat && lon) {
        facts.lat = toDeg(rationals(lat)) * (latRef && ascii(latRef) === 'S' ? -1 : 1);
        facts.lon = toDeg(rationals(lon)) * (lonRef && ascii(lonRef) === 'W' ? -1 : 1);
      }
    }
    return facts;
  } catch {
    return {};
  }
}
