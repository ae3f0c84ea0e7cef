import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
/** Real DJI telemetry samples (MIT, see the LICENSE beside them). */
export const SRT_FIXTURES = path.join(repoRoot, 'tests/fixtures/dji-srt');

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A small H.264 test-pattern video (optionally with creation time and GPS metadata). */
export function makeH264(file: string, { seconds = 3, size = '320x240', rate = 25, gps }: { seconds?: number; size?: string; rate?: number; gps?: string } = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}`, '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart',
    '-metadata', 'creation_time=2024-05-01T10:00:00Z',
    ...(gps ? ['-metadata', `location=${gps}`] : []),
    '-f', 'mp4', file,
  ]);
  return file;
}

/** An HEVC video, which many PCs cannot decode (libx265 is in Debian's ffmpeg). */
export function makeHevc(file: string, { seconds = 1 }: { seconds?: number } = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', String(seconds), '-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', '-f', 'mp4', file]);
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
