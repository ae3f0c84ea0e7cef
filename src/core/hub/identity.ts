import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';
import { certFingerprint } from './proof';

/** The hub's TLS identity: made on its first start, kept in <data>/hub/identity.json (one file, written atomically, readable by this user only). */
export interface HubIdentity {
  /** The room's id (kept in the hub's database, so a hub that re-made its certificate is still the same room). */
  hubId: string;
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

const Stored = z.object({ certPem: z.string().min(100), keyPem: z.string().min(100), createdAt: z.string() });

/** Twenty years: a classroom hub must never stop working because its certificate ran out. */
const VALID_MS = 20 * 365 * 24 * 3600_000;

export function identityFile(hubDir: string): string {
  return path.join(hubDir, 'identity.json');
}

/**
 * The hub's (or the county server's: `role`) certificate and key: read, or made now (ECDSA P-256,
 * self-signed) when missing or damaged.
 */
export async function loadOrCreateIdentity(hubDir: string, hubId: string, log: Logger, role: 'hub' | 'county' = 'hub'): Promise<HubIdentity> {
  const file = identityFile(hubDir);
  const existing = readIdentity(file, hubId, log, role);
  if (existing) return existing;
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const commonName = role === 'hub' ? `Kite Classroom hub ${hubId.slice(0, 8)}` : 'Kite Classroom county';
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: os.hostname() || 'kite-hub' }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  fs.mkdirSync(hubDir, { recursive: true });
  const stored = { certPem: pems.cert, keyPem: pems.private, createdAt: new Date().toISOString() };
  writeFileAtomic(file, JSON.stringify(stored, null, 2), 0o600);
  const identity = { hubId, certPem: pems.cert, keyPem: pems.private, fingerprint: certFingerprint(pems.cert) };
  log.info(`${role} certificate made`, { ...(role === 'hub' ? { hubId } : {}), fingerprint: identity.fingerprint });
  return identity;
}

function readIdentity(file: string, hubId: string, log: Logger, role: 'hub' | 'county'): HubIdentity | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const stored = Stored.parse(JSON.parse(text));
    crypto.createPrivateKey(stored.keyPem);
    return { hubId, certPem: stored.certPem, keyPem: stored.keyPem, fingerprint: certFingerprint(stored.certPem) };
  } catch (error) {
    // A damaged identity cannot be repaired: a new one is made, and pupil PCs (or schools) must trust it again (hub_cert_changed).
    log.warn(`the ${role} identity file is damaged; a new certificate is made`, { file, error: String(error) });
    return undefined;
  }
}
