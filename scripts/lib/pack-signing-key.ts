// Which key signs the built-in packs (see src/core/packs/official.ts and docs/lesson-packs.md).
import fs from 'node:fs';
import path from 'node:path';
import { DEV_KEY_FILE, RELEASE_KEY } from '../../src/core/packs/official';
import { generateKeyPair, publicKeyFromPrivatePem } from '../../src/core/packs/signing';

export class SigningKeyError extends Error {}

export interface PackSigningKey {
  privateKeyPem: string;
  /** Raw public key (base64) to put beside the packs so a development build trusts them. */
  devPublicKey?: string;
}

/** A release build: the release key from KITE_RELEASE_KEY (PEM) or KITE_RELEASE_KEY_FILE, and nowhere else. */
export function releaseKey(env: NodeJS.ProcessEnv = process.env): PackSigningKey {
  let pem = env.KITE_RELEASE_KEY;
  if (!pem && env.KITE_RELEASE_KEY_FILE) {
    try {
      pem = fs.readFileSync(env.KITE_RELEASE_KEY_FILE, 'utf8');
    } catch (error) {
      throw new SigningKeyError(`KITE_RELEASE_KEY_FILE names ${env.KITE_RELEASE_KEY_FILE}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
  }
  if (!pem) {
    throw new SigningKeyError(
      'A release build signs the built-in lesson packs with the Kite Classroom release key, and none was given.\n' +
        'Set KITE_RELEASE_KEY_FILE to the path of the release private key (PEM), or KITE_RELEASE_KEY to its text, then run `npm run dist` again.\n' +
        'For a build to try out, use `npm run build` or `npm run dist:test` (they sign with a development key).',
    );
  }
  let keyId: string;
  try {
    keyId = publicKeyFromPrivatePem(pem).keyId;
  } catch (error) {
    throw new SigningKeyError(`The release key is not an Ed25519 private key in PEM form (${(error as Error).message}).`);
  }
  if (keyId !== RELEASE_KEY.keyId) {
    throw new SigningKeyError(`The release key given has key id ${keyId}, but the app trusts ${RELEASE_KEY.keyId} (src/core/packs/official.ts). Packs signed with it would not show as official lessons.`);
  }
  return { privateKeyPem: pem };
}

/** A development or test build: this checkout's own development key, made on first use (gitignored folder). */
export function devKey(root: string): PackSigningKey {
  const dir = path.join(root, '.kite-dev-key');
  const file = path.join(dir, 'dev-signing-key.pem');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, generateKeyPair().privateKeyPem, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  const privateKeyPem = fs.readFileSync(file, 'utf8');
  return { privateKeyPem, devPublicKey: publicKeyFromPrivatePem(privateKeyPem).publicKey };
}

export const DEV_PUBLIC_KEY_FILE = DEV_KEY_FILE;
