import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, writeFileAtomic } from '../../fs/atomic';
import { generateKeyPair, publicKeyFromPrivatePem, type PublisherKey } from '../../packs/signing';

/**
 * The school's side of the county link, kept in <data>/county/ (readable by this user only):
 * - school-key.pem: the school's Ed25519 private key; its key id IS the school's id at the county;
 * - school-secret: 32 random bytes; pupils and classes leave the school only as HMAC-SHA256 of their
 *   id under it, so the county can count a pupil across bundles but never learn who it is.
 * Both are made on first use. Losing them (a new data folder) makes the school a new school to the
 * county, with new pupils: keep a copy of the folder with the backups (docs/en/county.md).
 */
export interface SchoolIdentity {
  privateKeyPem: string;
  publicKey: PublisherKey;
  /** Pseudonym of a pupil (or class) id: 64 hex digits. */
  pseudonym(kind: 'pupil' | 'class', id: string): string;
}

export const countyDir = (dataDir: string) => path.join(dataDir, 'county');
const KEY_FILE = 'school-key.pem';
const SECRET_FILE = 'school-secret';

/** The file's bytes, or new ones made now, written whole (0600) and only if no other process made it first. */
function readOrMake(file: string, make: () => string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  writeFileAtomic(tmp, make(), 0o600);
  try {
    fs.linkSync(tmp, file); // fails if it exists: the first one made stays
    fsyncDir(path.dirname(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file);
}

export function loadSchoolIdentity(dataDir: string): SchoolIdentity {
  const dir = countyDir(dataDir);
  const privateKeyPem = readOrMake(path.join(dir, KEY_FILE), () => generateKeyPair().privateKeyPem).toString('utf8');
  const secret = Buffer.from(readOrMake(path.join(dir, SECRET_FILE), () => crypto.randomBytes(32).toString('hex')).toString('utf8').trim(), 'hex');
  if (secret.length !== 32) throw new Error(`${path.join(dir, SECRET_FILE)} is damaged (it must be 64 hex digits)`);
  return {
    privateKeyPem,
    publicKey: publicKeyFromPrivatePem(privateKeyPem),
    pseudonym: (kind, id) => crypto.createHmac('sha256', secret).update(`${kind}\n${id}`, 'utf8').digest('hex'),
  };
}

/** The school's public key as IT hands it to the county ("kite county school add KEY.pub"): raw base64, one line. */
export const publicKeyFile = (key: PublisherKey) => `${key.publicKey}\n`;
