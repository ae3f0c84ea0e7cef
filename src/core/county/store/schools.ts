import { KiteError } from '../../../shared/errors';
import { parsePublicKey, type PublisherKey } from '../../packs/signing';
import type { CountyDb } from './db';

const PER_PUPIL = ['lesson_progress', 'first_tries', 'pupil_weeks'];

export const unknownSchool = (keyId: string) =>
  new KiteError('bundle_unknown_school', `No school with the key ${keyId} is registered here. Register it with: kite county school add KEY.pub --name "…". Nothing was changed.`, { details: { keyId } });

export interface CountySchool {
  schoolId: string;
  name: string;
  publicKey: string;
  addedAt: Date;
  lastBundleAt: Date | null;
  events: number;
}

/** The schools registry: a school is its Ed25519 public key; a bundle from any other key is refused. */
export function schoolsOf(db: CountyDb) {
  return {
    /** Register a school by its public key (raw base64 or PEM, as `kite progress school-key` writes it). */
    async add(publicKeyText: string, name: string): Promise<CountySchool> {
      let key: PublisherKey;
      try {
        key = parsePublicKey(publicKeyText);
      } catch (error) {
        throw new KiteError('county_bad_school_key', `This is not a school's public key (${(error as Error).message}). Nothing was changed.`);
      }
      const trimmed = name.trim();
      if (trimmed === '' || trimmed.length > 100 || /\p{Cc}/u.test(trimmed)) throw new KiteError('invalid_input', 'A school name is 1 to 100 characters, without control characters.');
      const rows = await db.query('INSERT INTO schools (school_id, name, public_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING school_id', [key.keyId, trimmed, key.publicKey]);
      if (rows.length === 0) throw new KiteError('county_school_exists', `A school with the key ${key.keyId} is already registered. Nothing was changed.`, { details: { schoolId: key.keyId } });
      return (await this.get(key.keyId)) as CountySchool;
    },
    async get(schoolId: string): Promise<CountySchool | undefined> {
      return (await this.list()).find((s) => s.schoolId === schoolId);
    },
    async list(): Promise<CountySchool[]> {
      const rows = await db.query<{ school_id: string; name: string; public_key: string; added_at: Date; last_bundle_at: Date | null; events: number }>(
        'SELECT school_id, name, public_key, added_at, last_bundle_at, events FROM schools ORDER BY name, school_id',
      );
      return rows.map((r) => ({ schoolId: r.school_id, name: r.name, publicKey: r.public_key, addedAt: r.added_at, lastBundleAt: r.last_bundle_at, events: r.events }));
    },
    /** The registered key of a school, for readBundle's trust; undefined for an unknown school. */
    async trust(schoolId: string): Promise<PublisherKey | undefined> {
      const rows = await db.query<{ public_key: string }>('SELECT public_key FROM schools WHERE school_id = $1', [schoolId]);
      return rows[0] ? { keyId: schoolId, publicKey: rows[0].public_key } : undefined;
    },
    /**
     * Remove a school and everything the county holds from it (events, pupils, devices, bundles and its
     * share of every aggregate), in one transaction. Its bundles are refused from then on.
     */
    async remove(schoolId: string): Promise<{ events: number }> {
      return db.transaction(async (tx) => {
        const found = await tx.query('SELECT 1 FROM schools WHERE school_id = $1 FOR UPDATE', [schoolId]);
        if (found.length === 0) throw unknownSchool(schoolId);
        const events = await tx.query<{ n: number }>('WITH d AS (DELETE FROM events WHERE school_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [schoolId]);
        // Per-pupil aggregates carry no foreign key (ingest writes them fast); the rest cascade from schools.
        for (const table of PER_PUPIL) await tx.query(`DELETE FROM ${table} WHERE school_id = $1`, [schoolId]);
        await tx.query('DELETE FROM schools WHERE school_id = $1', [schoolId]);
        return { events: events[0]?.n ?? 0 };
      });
    },
  };
}

export type CountySchools = ReturnType<typeof schoolsOf>;
