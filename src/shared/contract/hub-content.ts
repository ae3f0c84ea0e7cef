import { z } from 'zod';
import type { ErrorPayload } from '../errors';
import { event, method, NoInput } from './define';

const Sha256 = z.string().regex(/^[a-f0-9]{64}$/);

/**
 * One file the hub sends to the room, addressed by its SHA-256: a lesson pack (.kpack of the hub's
 * installed version) or a gallery video or photo. `name` is what people see (pack or video title).
 * A pupil PC older than its hub drops the fields it does not know rather than refusing the offer.
 */
export const ContentItem = z
  .object({
    sha256: Sha256,
    size: z.number().int().nonnegative(),
    name: z.string().max(300),
    kind: z.enum(['pack', 'media']),
    /** pack: its id and version, how the hub judged its signature, and the publisher key it trusts. */
    packId: z.string().max(200).optional(),
    version: z.string().max(50).optional(),
    signature: z.enum(['trusted', 'unsigned', 'unknown-publisher', 'broken']).optional(),
    publisher: z.object({ keyId: z.string().max(100), name: z.string().max(200), publicKey: z.string().max(200) }).optional(),
    /** media: the file's extension (mp4, mov, jpg). */
    ext: z.enum(['mp4', 'mov', 'jpg']).optional(),
  });
export type ContentItem = z.infer<typeof ContentItem>;

/** A download on a pupil PC, as the hub's teacher sees it. */
export interface PcTransfer {
  sha256: string;
  name: string;
  kind: 'pack' | 'media';
  status: 'queued' | 'downloading' | 'failed';
  bytesDone: number;
  bytesTotal: number;
  /** Why it failed (a KiteError payload the UI words). */
  error?: ErrorPayload;
}

/** "Who has what": one pupil PC's lesson packs, videos and downloads. */
export interface PcHoldings {
  deviceId: string;
  name: string;
  online: boolean;
  /** When the PC last told the hub what it has (null: never). */
  reportedAt: string | null;
  packs: { id: string; version: string; title: string }[];
  media: { sha256: string; title: string }[];
  transfers: PcTransfer[];
}

/** What the hub can send (its installed packs and gallery), what it sends, and each pupil PC's holdings. */
export interface RoomContent {
  sendable: { packs: { id: string; version: string; title: string; signature: string }[]; media: { sha256: string; title: string; size: number }[] };
  offer: ContentItem[];
  pcs: PcHoldings[];
}

export const roomContentMethods = {
  /** The "who has what" view of the room (hub only). */
  'room.content': method<RoomContent>()('teacher', NoInput),
  /** Send these packs (by id, the installed version) and gallery items (by sha256) to every pupil PC. */
  'room.send': method<RoomContent>()(
    'teacher',
    z.object({ packs: z.array(z.string().min(1).max(200)).max(100).default([]), media: z.array(Sha256).max(500).default([]) }).strict(),
  ),
} as const;

export const roomContentEvents = {
  /** A pupil PC reported what it has or how a download goes; the teacher's view asks room.content again. */
  'room.content': event('teacher', z.object({ deviceId: z.string().nullable() })),
} as const;
