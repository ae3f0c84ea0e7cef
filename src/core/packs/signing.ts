import crypto from 'node:crypto';
import { Signature } from '../../shared/pack';

/**
 * Ed25519 signatures over the exact bytes of manifest.json. The manifest lists every file's
 * size and SHA-256, so signing it signs the whole pack.
 */

export interface PublisherKey {
  keyId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

/** The first 16 hex digits of the SHA-256 of the raw public key. */
export function keyIdOf(publicKeyRaw: Buffer): string {
  return crypto.createHash('sha256').update(publicKeyRaw).digest('hex').slice(0, 16);
}

export function generateKeyPair(): { privateKeyPem: string; publicKey: PublisherKey } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: describePublicKey(publicKey) };
}

function rawPublicKey(key: crypto.KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key is a fixed 12-byte prefix and the 32 raw bytes.
  return key.export({ type: 'spki', format: 'der' }).subarray(-32);
}

function describePublicKey(key: crypto.KeyObject): PublisherKey {
  const raw = rawPublicKey(key);
  return { keyId: keyIdOf(raw), publicKey: raw.toString('base64') };
}

export function publicKeyFromPrivatePem(privateKeyPem: string): PublisherKey {
  return describePublicKey(crypto.createPublicKey(loadPrivateKey(privateKeyPem)));
}

function loadPrivateKey(pem: string): crypto.KeyObject {
  const key = crypto.createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 private key');
  return key;
}

export function signManifest(manifestBytes: Buffer, privateKeyPem: string): Signature {
  const key = loadPrivateKey(privateKeyPem);
  const { keyId } = describePublicKey(crypto.createPublicKey(key));
  return { algorithm: 'ed25519', keyId, signature: crypto.sign(null, manifestBytes, key).toString('base64') };
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Parse a public key given as raw base64 (32 bytes) or PEM. */
export function parsePublicKey(text: string): PublisherKey {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? crypto.createPublicKey(trimmed)
    : crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, rawFromBase64(trimmed)]), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 public key');
  return describePublicKey(key);
}

function rawFromBase64(text: string): Buffer {
  const raw = Buffer.from(text, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes (44 characters of base64)');
  return raw;
}

export function verifyManifest(manifestBytes: Buffer, signature: Signature, key: PublisherKey): boolean {
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, rawFromBase64(key.publicKey)]), format: 'der', type: 'spki' });
  try {
    return crypto.verify(null, manifestBytes, publicKey, Buffer.from(signature.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The same Ed25519 signatures over other signed bytes (county bundles and receipts): one signing code. */
export { signManifest as signBytes, verifyManifest as verifyBytes };
