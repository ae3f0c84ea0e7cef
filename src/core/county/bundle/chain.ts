import crypto from 'node:crypto';
import { BUNDLE_SIGNING_PREFIX } from '../../../shared/county/bundle';
import { signBytes, verifyBytes, type PublisherKey } from '../../packs/signing';

/**
 * The bundle's hash chain: chain_0 = SHA-256(header line), chain_i = SHA-256(chain_{i-1} ‖ line_i),
 * over the exact UTF-8 bytes of each line (without its newline). Changing, dropping or reordering any
 * line changes the end of the chain, which the school signs.
 */
export function startChain(headerLine: string) {
  // The link is kept as a 32-character 'binary' (latin1) string, one character a byte: a one-shot hash answers a
  // string in about half the time it takes to answer a Buffer (a county links millions of lines).
  let link = crypto.hash('sha256', headerLine, 'binary');
  // chain_{i-1} ‖ line_i is written into one buffer, kept between lines: a one-shot hash of it makes no
  // Hash object per line.
  let joined = Buffer.alloc(4096);
  const room = (lineBytes: number) => {
    if (32 + lineBytes > joined.length) joined = Buffer.alloc((32 + lineBytes) * 2);
    joined.write(link, 0, 'binary');
  };
  return {
    add(line: string): void {
      const length = Buffer.byteLength(line, 'utf8');
      room(length);
      joined.write(line, 32, 'utf8');
      link = crypto.hash('sha256', joined.subarray(0, 32 + length), 'binary');
    },
    /** A line as the bytes it was read as, bytes[start, end): no decoding and encoding again. */
    addBytes(bytes: Buffer, start: number, end: number): void {
      room(end - start);
      bytes.copy(joined, 32, start, end);
      link = crypto.hash('sha256', joined.subarray(0, 32 + end - start), 'binary');
    },
    hex: (): string => Buffer.from(link, 'binary').toString('hex'),
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
