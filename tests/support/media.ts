import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
/** Real DJI telemetry samples (MIT, see the LICENSE beside them). */
export const SRT_FIXTURES = path.join(repoRoot, 'tests/fixtures/dji-srt');

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A small H.264 test-pattern video (optionally with creation time and GPS metadata). `spherical`: a
 * 360° camera's export, with Google's spherical video metadata (see withSphericalMetadata).
 */
export function makeH264(file: string, { seconds = 3, size = '320x240', rate = 25, gps, spherical = false }: { seconds?: number; size?: string; rate?: number; gps?: string; spherical?: boolean } = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}`, '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    // The spherical box goes into the movie header: kept at the end (as a camera records it), growing it moves no video data.
    ...(spherical ? [] : ['-movflags', '+faststart']),
    '-metadata', 'creation_time=2024-05-01T10:00:00Z',
    ...(gps ? ['-metadata', `location=${gps}`] : []),
    '-f', 'mp4', file,
  ]);
  if (spherical) withSphericalMetadata(file);
  return file;
}

/** Google's Spherical Video V1 box (uuid ffcc8263-f855-4a93-8814-587a02521fdd), as its Spatial Media injector writes it. */
const SPHERICAL_UUID = Buffer.from('ffcc8263f8554a938814587a02521fdd', 'hex');
const SPHERICAL_XML =
  '<?xml version="1.0"?><rdf:SphericalVideo xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:GSpherical="http://ns.google.com/videos/1.0/spherical/">' +
  '<GSpherical:Spherical>true</GSpherical:Spherical><GSpherical:Stitched>true</GSpherical:Stitched>' +
  '<GSpherical:StitchingSoftware>Kite test camera</GSpherical:StitchingSoftware><GSpherical:ProjectionType>equirectangular</GSpherical:ProjectionType></rdf:SphericalVideo>';

/**
 * Mark an MP4 as a 360° video the way 360° cameras' apps (and YouTube's Spatial Media tool) do: the
 * spherical XML in a uuid box at the end of the video track. The movie header (moov) must be the
 * file's last box, so that no chunk offset moves.
 */
export function withSphericalMetadata(file: string): void {
  const bytes = fs.readFileSync(file);
  const boxes = (from: number, to: number) => {
    const found: { type: string; at: number; size: number }[] = [];
    for (let at = from; at + 8 <= to; ) {
      const size = bytes.readUInt32BE(at);
      if (size < 8) throw new Error(`${file}: a box this helper cannot walk at ${at}`);
      found.push({ type: bytes.toString('latin1', at + 4, at + 8), at, size });
      at += size;
    }
    return found;
  };
  const moov = boxes(0, bytes.length).at(-1);
  if (moov?.type !== 'moov') throw new Error(`${file}: the movie header is not the last box`);
  const traks = boxes(moov.at + 8, moov.at + moov.size).filter((b) => b.type === 'trak');
  if (traks.length !== 1) throw new Error(`${file}: expected one (video) track, found ${traks.length}`);
  const trak = traks[0]!;
  const xml = Buffer.from(SPHERICAL_XML, 'utf8');
  const box = Buffer.alloc(8 + 16 + xml.length);
  box.writeUInt32BE(box.length, 0);
  box.write('uuid', 4, 'latin1');
  SPHERICAL_UUID.copy(box, 8);
  xml.copy(box, 24);
  const end = trak.at + trak.size;
  const out = Buffer.concat([bytes.subarray(0, end), box, bytes.subarray(end)]);
  out.writeUInt32BE(trak.size + box.length, trak.at);
  out.writeUInt32BE(moov.size + box.length, moov.at);
  fs.writeFileSync(file, out);
}

/** An HEVC video, which many PCs cannot decode (libx265 is in Debian's ffmpeg); `spherical` as makeH264's. */
export function makeHevc(file: string, { seconds = 1, size = '320x240', spherical = false }: { seconds?: number; size?: string; spherical?: boolean } = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=25`, '-t', String(seconds), '-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', '-f', 'mp4', file]);
  if (spherical) withSphericalMetadata(file);
  return file;
}

/** A JPEG photo; 2:1 makes an equirectangular 360° panorama. */
export function makeJpeg(file: string, size = '640x320'): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=${size}`, '-frames:v', '1', '-update', '1', file]);
  return file;
}

/**
 * A folder laid out like a DJI SD card: DCIM/100MEDIA/DJI_0001.MP4 with its .SRT (a real sample)
 * and .LRF proxy (a smaller H.264 mp4), a 360° photo, and a second clip without sidecars.
 */
export function makeDjiCard(root: string, { srt = 'p4p_sample.SRT', seconds = 6 } = {}): string {
  const dir = path.join(root, 'DCIM', '100MEDIA');
  makeH264(path.join(dir, 'DJI_0001.MP4'), { seconds, size: '640x360', gps: '+47.4692+008.2090/' });
  fs.copyFileSync(path.join(SRT_FIXTURES, srt), path.join(dir, 'DJI_0001.SRT'));
  makeH264(path.join(dir, 'DJI_0001.LRF'), { seconds, size: '256x144' });
  makeJpeg(path.join(dir, 'DJI_0002.JPG'), '800x400');
  makeH264(path.join(dir, 'DJI_0003.MP4'), { seconds: 2, size: '320x180', rate: 30 });
  fs.mkdirSync(path.join(root, 'MISC', 'THM'), { recursive: true });
  fs.writeFileSync(path.join(root, 'MISC', 'THM', 'DJI_0001.THM'), 'not ours');
  return root;
}

/** A short spoken-like clip as a recorder makes it: Opus in WebM (default), Ogg, or AAC in MP4 (.m4a). */
export function makeVoiceClip(file: string, { seconds = 1, frequency = 440 }: { seconds?: number; frequency?: number } = {}): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const codec = file.endsWith('.m4a') ? ['-c:a', 'aac', '-f', 'mp4'] : ['-c:a', 'libopus', '-b:a', '32k', '-f', file.endsWith('.ogg') ? 'ogg' : 'webm'];
  ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`, ...codec, file]);
  return fs.readFileSync(file);
}
