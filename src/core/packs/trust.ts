import type Database from 'better-sqlite3';
import type { TrustedKey } from '../../shared/contract/packs';
import { KiteError } from '../../shared/errors';
import { RELEASE_KEY } from './official';
import { parsePublicKey } from './signing';

/**
 * Kite Classroom's own publisher key: the built-in lessons are signed with its private half,
 * which is kept offline by the release team (never in this repository). See official.ts.
 */
export const BUILTIN_KEY: TrustedKey = RELEASE_KEY;

export interface TrustStore {
  list(): TrustedKey[];
  get(keyId: string): TrustedKey | undefined;
  /** Add a publisher key (raw base64 or PEM) under a name a person recognises. */
  add(name: string, publicKeyText: string): TrustedKey;
  remove(keyId: string): void;
  /** Trust an official key for this run only (a development build's key); never stored. */
  addOfficialForRun(key: TrustedKey): void;
  /** Kite Classroom's own key (or this development build's): its packs are "official lessons". */
  isOfficial(keyId: string | null | undefined): boolean;
}

interface KeyRow {
  key_id: string;
  name: string;
  public_key: string;
  added_at: string;
}

/** The publisher keys this PC trusts: the built-in key plus the ones IT staff add. */
export function createTrustStore(db: Database.Database, now: () => number = Date.now): TrustStore {
  const all = db.prepare<[], KeyRow>('SELECT * FROM trusted_keys ORDER BY added_at');
  const one = db.prepare<[string], KeyRow>('SELECT * FROM trusted_keys WHERE key_id = ?');
  const insert = db.prepare('INSERT OR REPLACE INTO trusted_keys (key_id, name, public_key, added_at) VALUES (?, ?, ?, ?)');
  const del = db.prepare<[string]>('DELETE FROM trusted_keys WHERE key_id = ?');
  const forRun = new Map<string, TrustedKey>();
  const fromRow = (r: KeyRow): TrustedKey => ({ keyId: r.key_id, name: r.name, publicKey: r.public_key, builtin: false, addedAt: r.added_at });

  return {
    list: () => [BUILTIN_KEY, ...forRun.values(), ...all.all().map(fromRow)],
    get(keyId) {
      if (keyId === BUILTIN_KEY.keyId) return BUILTIN_KEY;
      const official = forRun.get(keyId);
      if (official) return official;
      const row = one.get(keyId);
      return row ? fromRow(row) : undefined;
    },
    add(name, publicKeyText) {
      let key;
      try {
        key = parsePublicKey(publicKeyText);
      } catch (error) {
        throw new KiteError('invalid_input', `That is not an Ed25519 public key: ${(error as Error).message}.`);
      }
      const addedAt = new Date(now()).toISOString();
      insert.run(key.keyId, name.trim(), key.publicKey, addedAt);
      return { ...key, name: name.trim(), builtin: key.keyId === BUILTIN_KEY.keyId, addedAt };
    },
    remove(keyId) {
      if (keyId === BUILTIN_KEY.keyId || forRun.has(keyId)) throw new KiteError('conflict', 'The built-in Kite Classroom key cannot be removed.');
      del.run(keyId);
    },
    addOfficialForRun(key) {
      forRun.set(key.keyId, key);
    },
    isOfficial: (keyId) => !!keyId && (keyId === BUILTIN_KEY.keyId || forRun.has(keyId)),
  };
}
