import crypto from 'node:crypto';
import { BUNDLE_SIGNING_PREFIX } from '../../../shared/county/bundle';
import { signBytes, verifyBytes, type PublisherKey } from '../../packs/signing';

/**
 * The bundle's hash chain: chain_0 = SHA-256(header line), chain_i = SHA-256(chain_{i-1} ‖ line_i),
 * over the exact UTF-8 bytes of each line (without its newline). Changing, dropping or reordering any
 * line changes the end of the chain, which the school signs.
 */
export function startChain(headerLine: string) {
  let link = crypto.hash('sha256', headerLine, 'buffer');
  // chain_{i-1} ‖ line_i is written into one buffer, kept between lines: a one-shot hash of it makes no
  // Hash object per line (a county reads millions of lines).
  let joined = Buffer.alloc(4096);
  const room = (lineBytes: number) => {
    if (32 + lineBytes > joined.length) joined = Buffer.alloc((32 + lineBytes) * 2);
    link.copy(joined, 0);
  };
  return {
    add(line: string): void {
      const length = Buffer.byteLength(line, 'utf8');
      room(length);
      joined.write(line, 32, 'utf8');
      link = crypto.hash('sha256', joined.subarray(0, 32 + length), 'buffer');
    },
    /** A line as the bytes it was read as, bytes[start, end): no decoding and encoding again. */
    addBytes(bytes: Buffer, start: number, end: number): void {
      room(end - start);
      bytes.copy(joined, 32, start, end);
      link = crypto.hash('sha256', joined.subarray(0, 32 + end - start), 'buffer');
    },
    hex: (): string => link.toString('hex'),
  };
}

const signed = (chainHex: string) => Buffer.from(`${BUNDLE_SIGNING_PREFIX}${chainHex}`, 'utf8');

export function signChain(chainHex: string, privateKeyPem: string): { keyId: string; signature: string } {
  const { keyId, signature } = signBytes(signed(chainHex), privateKeyPem);
  return { keyId, signature };
}

export function chainSignedBy(chainHex: string, signature: string, key: PublisherKey): boolean {
  return verifyBytes(signed(chainHex), { algorithm: 'ed25519', keyId: key.keyId, signature }, key);
}
