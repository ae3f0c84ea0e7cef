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
 * Both are made on first use. Losing them would make the school a new school to the county, with new
 * pupils: a copy of both is kept in the database (kv), so every backup carries them, and a data folder
 * restored from a backup gets them back (`kept`).
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

/** Where the database keeps its copy of the identity (app state in kv, so backups hold it too). */
export interface KeptIdentity {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}
const KEPT = { [KEY_FILE]: 'county.schoolKey', [SECRET_FILE]: 'county.schoolSecret' } as const;

export function loadSchoolIdentity(dataDir: string, kept?: KeptIdentity): SchoolIdentity {
  const dir = countyDir(dataDir);
  /** The file's text: as it is, else the database's copy (a restored PC), else made now; the database's copy kept in step. */
  const load = (file: typeof KEY_FILE | typeof SECRET_FILE, make: () => string): string => {
    const copy = kept?.get(KEPT[file]);
    const text = readOrMake(path.join(dir, file), () => copy ?? make()).toString('utf8');
    if (kept && copy !== text) kept.set(KEPT[file], text);
    return text;
  };
  const privateKeyPem = load(KEY_FILE, () => generateKeyPair().privateKeyPem);
  const secret = Buffer.from(load(SECRET_FILE, () => crypto.randomBytes(32).toString('hex')).trim(), 'hex');
  if (secret.length !== 32) throw new Error(`${path.join(dir, SECRET_FILE)} is damaged (it must be 64 hex digits)`);
  return {
    privateKeyPem,
    publicKey: publicKeyFromPrivatePem(privateKeyPem),
    pseudonym: (kind, id) => crypto.createHmac('sha256', secret).update(`${kind}\n${id}`, 'utf8').digest('hex'),
  };
}

/** The school's public key as IT hands it to the county ("kite county school add KEY.pub"): raw base64, one line. */
export const publicKeyFile = (key: PublisherKey) => `${key.publicKey}\n`;
