import type Database from 'better-sqlite3';
import { Receipt, RECEIPT_FORMAT, receiptSigningBytes } from '../../../shared/county/bundle';
import { KiteError } from '../../../shared/errors';
import { createKv } from '../../db/kv';
import { markHeld } from './acknowledged';
import { parsePublicKey, publicKeyFromPrivatePem, signBytes, verifyBytes, type PublisherKey } from '../../packs/signing';

/** Where a school keeps the county key it pinned from its first receipt (when the config names none). */
const PINNED = 'county.publicKey';
const LAST = 'county.lastReceipt';

export type ReceiptFields = Omit<Receipt, 't' | 'format' | 'countyKeyId' | 'countyPublicKey' | 'signature'>;

/** The county's side: sign a receipt with the county key (its public key travels in it, for pinning). */
export function signReceipt(fields: ReceiptFields, countyPrivateKeyPem: string): Receipt {
  const key = publicKeyFromPrivatePem(countyPrivateKeyPem);
  const unsigned = { t: 'kreceipt' as const, format: RECEIPT_FORMAT, countyKeyId: key.keyId, countyPublicKey: key.publicKey, ...fields };
  const { signature } = signBytes(Buffer.from(receiptSigningBytes(unsigned), 'utf8'), countyPrivateKeyPem);
  return { ...unsigned, signature };
}

export function receiptSignedBy(receipt: Receipt, key: PublisherKey): boolean {
  return verifyBytes(Buffer.from(receiptSigningBytes(receipt), 'utf8'), { algorithm: 'ed25519', keyId: key.keyId, signature: receipt.signature }, key);
}

const refuse = (code: 'receipt_invalid' | 'receipt_bad_signature' | 'receipt_other_school' | 'receipt_other_county', message: string, details: Record<string, string> = {}) =>
  new KiteError(code, `${message} Nothing was changed.`, { details });

export function parseReceipt(input: string | unknown): Receipt {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      throw refuse('receipt_invalid', 'This is not a county receipt (it is not JSON).');
    }
  }
  const parsed = Receipt.safeParse(raw);
  if (!parsed.success) throw refuse('receipt_invalid', `This is not a county receipt, or it is damaged (${parsed.error.issues[0]?.message ?? 'unreadable'}).`);
  return parsed.data;
}

export interface ReceiptResult {
  countyKeyId: string;
  /** True when this receipt's key was pinned now (the first receipt, no county.publicKey in the config). */
  pinned: boolean;
  /** Devices whose acknowledged watermark moved forward. */
  advanced: number;
  gaps: Receipt['gaps'];
}

/**
 * The school's side: check a receipt (for this school; signed by the county key the config names, or
 * the one pinned from the first receipt), then move each device's watermark forward (never back: an
 * old receipt imported again changes nothing) and mark what its bundle carried as held. Later bundles
 * leave out what the watermarks and held ranges cover.
 */
export function importReceipt(db: Database.Database, schoolKeyId: string, input: string | unknown, configuredKey?: string): ReceiptResult {
  const receipt = parseReceipt(input);
  if (receipt.schoolKeyId !== schoolKeyId) throw refuse('receipt_other_school', `This receipt is for another school (key ${receipt.schoolKeyId}).`, { keyId: receipt.schoolKeyId });
  const kv = createKv(db);
  const trustedText = configuredKey ?? kv.get(PINNED);
  let key: PublisherKey;
  if (trustedText) key = parsePublicKey(trustedText);
  else if (receipt.countyPublicKey) key = parsePublicKey(receipt.countyPublicKey);
  else throw refuse('receipt_other_county', 'The receipt does not carry the county key and none is configured (county.publicKey).', { keyId: receipt.countyKeyId, trusted: '-' });
  if (receipt.countyKeyId !== key.keyId) {
    throw refuse('receipt_other_county', `The receipt is signed by county key ${receipt.countyKeyId}, not the trusted ${key.keyId}.`, { keyId: receipt.countyKeyId, trusted: key.keyId });
  }
  if (!receiptSignedBy(receipt, key)) throw refuse('receipt_bad_signature', `The receipt's signature does not match county key ${key.keyId}.`, { keyId: key.keyId });
  const advance = db.prepare(
    `INSERT INTO county_watermarks (device_id, through, at) VALUES (?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET through = excluded.through, at = excluded.at WHERE excluded.through > county_watermarks.through`,
  );
  return db.transaction((): ReceiptResult => {
    const pinned = !trustedText;
    if (pinned) kv.set(PINNED, key.publicKey);
    let advanced = 0;
    for (const w of receipt.watermarks) advanced += advance.run(w.deviceId, w.through, receipt.receivedAt).changes;
    markHeld(db, receipt.bundleChain);
    kv.set(LAST, JSON.stringify({ receivedAt: receipt.receivedAt, added: receipt.added, again: receipt.again, gaps: receipt.gaps }));
    return { countyKeyId: key.keyId, pinned, advanced, gaps: receipt.gaps };
  })();
}

/** The last receipt this school imported (for status lines), or null. */
export function lastReceipt(db: Database.Database): { receivedAt: string; added: number; again: number; gaps: Receipt['gaps'] } | null {
  const text = createKv(db).get(LAST);
  return text ? (JSON.parse(text) as { receivedAt: string; added: number; again: number; gaps: Receipt['gaps'] }) : null;
}

