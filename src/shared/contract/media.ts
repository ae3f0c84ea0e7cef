import { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { Track } from '../telemetry';
import { event, method } from './define';

// The drone video gallery: import from SD cards and USB sticks, the gallery, the player, telemetry.

export const Sha256 = z.string().regex(/^[a-f0-9]{64}$/, 'must be a sha256 (64 hex digits)');
export type MediaKind = 'video' | 'photo';

/** One file found on a card or in a folder, before anything is copied. */
export interface ScanEntry {
  /** Path relative to the scanned folder, with "/" separators. */
  path: string;
  kind: MediaKind;
  size: number;
  /** Sidecar telemetry (.SRT) beside the video, relative path. */
  srt?: string;
  /** DJI low-resolution proxy (.LRF, an H.264 mp4) beside the video, relative path. */
  lrf?: string;
  lrfSize?: number;
  /** RFC 6381 codec of a video, read at scan time (absent when its header cannot be read); the UI says in plain words whether this PC plays it. */
  codec?: string;
  /** Why this file will be skipped (empty file…); undefined when it will be imported. */
  problem?: string;
}

export interface ScanResult {
  scanId: string;
  root: string;
  entries: ScanEntry[];
  videos: number;
  photos: number;
  srts: number;
  lrfs: number;
  /** Bytes the import will copy (videos, photos and proxies). */
  totalBytes: number;
  /** Free bytes where the gallery lives. */
  freeBytes: number;
}

export interface MediaItem {
  sha256: string;
  ext: string;
  kind: MediaKind;
  size: number;
  originalName: string;
  title: string;
  description: string;
  place: string;
  /** When it was filmed or taken, ISO date-time (from the file), or the import date. */
  takenAt: string | null;
  importedAt: string;
  width: number | null;
  height: number | null;
  /** Seconds (videos). */
  duration: number | null;
  /** RFC 6381 codec string, e.g. "avc1.64000d", "hvc1.1.6.L120.90". */
  codec: string | null;
  fps: number | null;
  lat: number | null;
  lon: number | null;
  /** Equirectangular 360° (2:1). */
  panorama: boolean;
  tags: string[];
  /** H.264 proxy (.LRF) content hash, for PCs that cannot decode the original. */
  proxySha256: string | null;
  hasTelemetry: boolean;
  /** Highest point above take-off and farthest point from home, metres, from telemetry. */
  maxHeight: number | null;
  maxDistance: number | null;
  hasThumbnail: boolean;
  previewFrames: number;
  /** URL paths served by both hosts. */
  url: string;
  proxyUrl: string | null;
  thumbnailUrl: string | null;
}

export interface ImportProgress {
  importId: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Seconds left at the current speed; null until known. */
  etaSeconds: number | null;
  current: string | null;
}

/** What import notes are about, beyond the error codes a failed file may carry. */
export const IMPORT_NOTE_CODES = ['empty_file', 'proxy_not_used', 'telemetry_other_video', 'telemetry_not_used', 'telemetry_cut_off', 'telemetry_blocks_skipped', 'telemetry_no_gps'] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

/**
 * A file left out, or a sidecar not used. `reason` is English (logs, CLI); `code` and `details`
 * let the UI say it in the teacher's language (gallery.teacher.notes.<code>, else errors.<code>).
 */
export interface ImportNote {
  path: string;
  reason: string;
  code?: ImportNoteCode | ErrorCode;
  details?: Record<string, string | number | boolean>;
}

export interface ImportReport {
  importId: string;
  imported: string[];
  duplicates: string[];
  failed: ImportNote[];
  warnings: ImportNote[];
  cancelled: boolean;
}

const Text = (max: number) => z.string().trim().max(max);
const Tag = z.string().trim().min(1).max(30);

export const MediaEdit = z
  .object({
    sha256: Sha256,
    title: Text(120).min(1).optional(),
    description: Text(2000).optional(),
    place: Text(120).optional(),
    takenAt: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date (YYYY-MM-DD)').max(40).nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    /** The teacher's word on a 360° picture: import guesses from 2:1 and the file's own metadata, and may be wrong. */
    panorama: z.boolean().optional(),
  })
  .strict();

/** A JPEG made by the renderer from a video frame or a photo, as base64 (at most ~400 KB). */
export const ThumbnailUpload = z
  .object({
    sha256: Sha256,
    /** 'thumb' is the grid picture; 'preview' frames make the short strip (index 0–7). */
    kind: z.enum(['thumb', 'preview']),
    index: z.number().int().min(0).max(7).default(0),
    jpegBase64: z.string().max(560_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .strict();

const MediaRef = z.object({ sha256: Sha256 }).strict();

export const mediaMethods = {
  'media.list': method<MediaItem[]>()('pupil', z.object({}).strict().default({})),
  /** Resolve a lesson's `gallery:<sha256>` (or a bare sha256) to the item; not_found when it was deleted. */
  'media.get': method<MediaItem>()('pupil', z.object({ ref: z.string().regex(/^(gallery:)?[a-f0-9]{64}$/, 'must be gallery:<sha256>') }).strict()),
  'media.telemetry': method<{ track: Track | null }>()('pupil', MediaRef),
  'media.position': method<{ seconds: number }>()('pupil', MediaRef),
  'media.savePosition': method<{ saved: boolean }>()('pupil', MediaRef.extend({ seconds: z.number().min(0).max(86_400) }).strict()),
  /** Plugged-in cards and sticks this PC can see, camera cards (with DCIM) first. */
  'media.cards': method<{ path: string; camera: boolean }[]>()('teacher', z.object({}).strict().default({})),
  'media.scan': method<ScanResult>()('teacher', z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** Starts copying as a job (core/jobs): progress and the ImportReport come as jobs.progress / jobs.finished; cancel with jobs.cancel. */
  'media.import': method<{ jobId: string }>()('teacher', z.object({ scanId: z.string().min(1).max(100), paths: z.array(z.string().max(4096)).max(10_000).optional() }).strict()),
  'media.update': method<MediaItem>()('teacher', MediaEdit),
  'media.delete': method<{ deleted: boolean }>()('teacher', MediaRef),
  /** The first screen that shows an item without pictures makes them (any role); only a teacher may replace one. */
  'media.saveThumbnail': method<{ saved: boolean }>()('pupil', ThumbnailUpload),
} as const;

export const mediaEvents = {
  /** The gallery changed: every screen showing it reloads. */
  'media.changed': event('pupil', z.object({ sha256: z.string().nullable() })),
} as const;
