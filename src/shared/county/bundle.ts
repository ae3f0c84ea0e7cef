import { z } from 'zod';
import { SequencedEventLine } from '../progress-event';

/**
 * The county bundle (.kbundle): gzip-compressed UTF-8 JSON lines, written by a school, read by the
 * county (docs/en/county.md "The bundle").
 *   1. one header line,
 *   2. pupil lines (pseudonyms only),
 *   3. event lines (the progress file's EventLine with pupil_id = pseudonym and device_seq required),
 *   4. one trailer line with the hash chain and the school's Ed25519 signature.
 * chain_0 = SHA-256(header line bytes); chain_i = SHA-256(chain_{i-1} (32 raw bytes) ‖ line_i bytes)
 * over every pupil and event line in order (line bytes without the newline); the signature is Ed25519
 * over the UTF-8 bytes of `kbundle-v1\n<chain hex>`.
 */
export const BUNDLE_FORMAT = 1 as const;
export const BUNDLE_SIGNING_PREFIX = 'kbundle-v1\n';
export const RECEIPT_FORMAT = 1 as const;

const Hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
/** A key id: the first 16 hex digits of the SHA-256 of the raw Ed25519 public key (packs/signing keyIdOf). */
export const KeyId = Hex(16);
/** A pseudonym: HMAC-SHA256 of a local id under the school secret, hex. */
export const Pseudonym = Hex(64);
const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
const DeviceId = z.string().min(1).max(64);
const Seq = z.number().int().min(1);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200);

export const SeqRange = z.object({ deviceId: DeviceId, from: Seq, to: Seq }).strict().refine((r) => r.from <= r.to, 'a range ends before it starts');
export type SeqRange = z.infer<typeof SeqRange>;

export const BundleHeader = z
  .object({
    t: z.literal('kbundle'),
    format: z.literal(BUNDLE_FORMAT),
    /** The school's id IS its key id. */
    schoolKeyId: KeyId,
    schoolName: z.string().min(1).max(100).optional(),
    /** The school's clock (may be off; the county keeps its own receivedAt). */
    createdAt: IsoTime,
    appVersion: z.string().min(1).max(40),
    /** Per device, the device_seq range this bundle covers. */
    ranges: z.array(SeqRange).max(10_000),
    events: z.number().int().min(0),
  })
  .strict();
export type BundleHeader = z.infer<typeof BundleHeader>;

export const BundlePupil = z
  .object({
    t: z.literal('pupil'),
    id: Pseudonym,
    grade: z.number().int().min(1).max(6).nullable(),
    classId: Pseudonym.nullable(),
    /** Only when the school opted in to sending class names. */
    className: z.string().min(1).max(60).optional(),
  })
  .strict();
export type BundlePupil = z.infer<typeof BundlePupil>;

/** An event line: pupil_id is the pupil's pseudonym, device_seq is required. */
export const BundleEvent = SequencedEventLine;
export type BundleEvent = z.infer<typeof BundleEvent>;

export const BundleTrailer = z
  .object({
    t: z.literal('end'),
    events: z.number().int().min(0),
    chain: Hex(64),
    signature: Base64,
    keyId: KeyId,
  })
  .strict();
export type BundleTrailer = z.infer<typeof BundleTrailer>;

/**
 * A bundle whose chain and signature were checked whole (the county ingests only these). Its events as
 * read, or what a reader kept of them (the county store keeps them as COPY text: readForIngest).
 */
export interface VerifiedBundle<Events = BundleEvent[]> {
  header: BundleHeader;
  pupils: BundlePupil[];
  events: Events;
  chain: string;
}

export const Receipt = z
  .object({
    t: z.literal('kreceipt'),
    format: z.literal(RECEIPT_FORMAT),
    countyKeyId: KeyId,
    /** The county's raw Ed25519 public key (base64): a school with no county.publicKey configured pins it from its first receipt. */
    countyPublicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/).optional(),
    schoolKeyId: KeyId,
    /** The chain of the bundle this answers. */
    bundleChain: Hex(64),
    /** The county's clock. */
    receivedAt: IsoTime,
    added: z.number().int().min(0),
    again: z.number().int().min(0),
    /** Per device, the highest device_seq the county holds with no gap from 1. */
    watermarks: z.array(z.object({ deviceId: DeviceId, through: z.number().int().min(0) }).strict()).max(10_000),
    gaps: z.array(SeqRange).max(10_000),
    /** Ed25519 by the county key over the canonical JSON of the receipt without `signature`. */
    signature: Base64,
  })
  .strict();
export type Receipt = z.infer<typeof Receipt>;

/**
 * Canonical JSON: keys sorted at every level, no spaces. The county signs, and the school verifies,
 * the canonical JSON of the receipt without `signature`.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The bytes the county signs for a receipt. */
export function receiptSigningBytes(receipt: Omit<Receipt, 'signature'> | Receipt): string {
  const { signature: _s, ...rest } = receipt as Receipt;
  return canonicalJson(rest);
}
