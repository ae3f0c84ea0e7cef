import crypto from 'node:crypto';
import { BUNDLE_SIGNING_PREFIX } from '../../../shared/county/bundle';
import { signBytes, verifyBytes, type PublisherKey } from '../../packs/signing';

/**
 * The bundle's hash chain: chain_0 = SHA-256(header line), chain_i = SHA-256(chain_{i-1} ‖ line_i),
 * over the exact UTF-8 bytes of each line (without its newline). Changing, dropping or reordering any
 * line changes the end of the chain, which the school signs.
 */
export function startChain(headerLine: string) {
  let link = crypto.createHash('sha256').update(headerLine, 'utf8').digest();
  return {
    add(line: string): void {
      link = crypto.createHash('sha256').update(link).update(line, 'utf8').digest();
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
