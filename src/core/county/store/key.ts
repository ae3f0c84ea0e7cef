import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../fs/atomic';
import { generateKeyPair, publicKeyFromPrivatePem, type PublisherKey } from '../../packs/signing';

export const COUNTY_KEY_FILE = 'county-key.pem';

/** The county's Ed25519 key: signs receipts. */
export interface CountyKey extends PublisherKey {
  privateKeyPem: string;
}

/** The county's key from <dataDir>/county-key.pem, made there (0600, written atomically) on first start. */
export function countyKey(dataDir: string): CountyKey {
  const file = path.join(dataDir, COUNTY_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    writeFileAtomic(file, generateKeyPair().privateKeyPem, 0o600);
  }
  const pem = fs.readFileSync(file, 'utf8');
  return { ...publicKeyFromPrivatePem(pem), privateKeyPem: pem };
}
