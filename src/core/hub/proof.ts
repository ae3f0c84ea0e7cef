import crypto from 'node:crypto';

/**
 * Pairing proofs. The 6-digit join code is short, so it is never sent and never used directly:
 * both sides stretch it with scrypt, salted with the hub certificate's fingerprint, and prove
 * they know it with an HMAC over that fingerprint and both sides' nonces.
 * - The pupil PC proves first. A PC posing as the hub (its own certificate, so another
 *   fingerprint) gets a proof it cannot relay to the real hub, and would have to guess the code
 *   offline at scrypt speed (hours) before the pupil PC gives up waiting (seconds).
 * - The hub answers with its own proof only to a right pupil proof, so a wrong code learns
 *   nothing but "wrong", and the hub counts wrong codes (src/core/hub/pairing.ts).
 */
const KDF = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const JOIN_CODE_PATTERN = /^\d{6}$/;

export function pairingKey(code: string, fingerprint: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(code, `kite-pairing:${fingerprint}`, 32, KDF, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function pupilProof(key: Buffer, fingerprint: string, hubNonce: string, pupilNonce: string): string {
  return mac(key, ['pupil', fingerprint, hubNonce, pupilNonce]);
}

export function hubProof(key: Buffer, fingerprint: string, hubNonce: string, pupilNonce: string, deviceId: string, token: string): string {
  return mac(key, ['hub', fingerprint, hubNonce, pupilNonce, deviceId, sha256(token)]);
}

export function sameProof(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function nonce(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('base64url');
}

/** SHA-256 of a certificate (PEM), as Node writes it: "AB:CD:…". */
export function certFingerprint(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

/** A certificate's DER (as a TLS peer gives it) as PEM. */
export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function mac(key: Buffer, parts: string[]): string {
  return crypto.createHmac('sha256', key).update(parts.join('\n'), 'utf8').digest('base64url');
}
