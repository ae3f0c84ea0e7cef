import crypto from 'node:crypto';
import { KiteError } from '../../shared/errors';
import { hashPin, pinMatches } from '../auth/pin';
import type { CountyQueries } from './store/db';

/**
 * Read-only viewer accounts of the county dashboard: a name and a scrypt-hashed password (the same
 * hash as the teacher PIN, core/auth/pin), and sessions kept in the county database (a restart
 * keeps viewers signed in). Only a SHA-256 of each session token is stored. No teacher PIN is involved.
 */
/** County migration 2 (store/migrations.ts). */
export const VIEWER_TABLES_SQL = `
CREATE TABLE county_viewers (
  name text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE county_viewer_sessions (
  token_hash text PRIMARY KEY,
  viewer_name text NOT NULL REFERENCES county_viewers(name) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);`;

export const MIN_PASSWORD_LENGTH = 10;
/** A session unused this long is over; a session this old is over however much it is used. */
export const SESSION_IDLE_MS = 8 * 3_600_000;
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;
/** Wrong passwords a name (or an address) gets before it waits; each further lock doubles the wait. */
export const MAX_TRIES = 5;
export const LOCK_MS = 60_000;
const LOCK_MAX_MS = 30 * 60_000;

const NAME = /^[^\s\p{C}][^\p{C}]{0,62}[^\s\p{C}]$|^[^\s\p{C}]$/u;

export type SignIn = { ok: true; token: string } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; seconds: number };

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export function checkViewerName(name: string): string {
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) throw new KiteError('invalid_input', 'A viewer name is 1 to 64 letters, digits or signs, without line breaks.');
  return trimmed;
}

export function checkViewerPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new KiteError('invalid_input', `A viewer password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
}

export function createViewers(db: CountyQueries, now: () => number = Date.now) {
  /** Wrong tries by name and by address, in memory: a restart forgets them (as for the teacher PIN window counts). */
  const tries = new Map<string, { failures: number; locks: number; until: number }>();
  const waitFor = (key: string) => Math.max(0, Math.ceil(((tries.get(key)?.until ?? 0) - now()) / 1000));
  const fail = (key: string) => {
    const state = tries.get(key) ?? { failures: 0, locks: 0, until: 0 };
    state.failures += 1;
    if (state.failures >= MAX_TRIES) Object.assign(state, { failures: 0, locks: state.locks + 1, until: now() + Math.min(LOCK_MAX_MS, LOCK_MS * 2 ** state.locks) });
    tries.set(key, state);
    if (tries.size > 10_000) tries.delete(tries.keys().next().value as string);
  };
  const at = (ms: number) => new Date(ms).toISOString();

  return {
    async add(name: string, password: string): Promise<string> {
      const clean = checkViewerName(name);
      checkViewerPassword(password);
      const rows = await db.query('INSERT INTO county_viewers (name, password_hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name', [clean, hashPin(password)]);
      if (rows.length === 0) throw new KiteError('duplicate_name', `A viewer named "${clean}" already exists.`);
      return clean;
    },
    /** A new password for a viewer; their sessions end. */
    async setPassword(name: string, password: string): Promise<void> {
      checkViewerPassword(password);
      const rows = await db.query('UPDATE county_viewers SET password_hash = $2 WHERE name = $1 RETURNING name', [name, hashPin(password)]);
      if (rows.length === 0) throw new KiteError('not_found', `There is no viewer named "${name}".`);
      await db.query('DELETE FROM county_viewer_sessions WHERE viewer_name = $1', [name]);
    },
    async remove(name: string): Promise<void> {
      const rows = await db.query('DELETE FROM county_viewers WHERE name = $1 RETURNING name', [name]);
      if (rows.length === 0) throw new KiteError('not_found', `There is no viewer named "${name}".`);
    },
    async list(): Promise<{ name: string; createdAt: string }[]> {
      const rows = await db.query<{ name: string; created_at: Date | string }>('SELECT name, created_at FROM county_viewers ORDER BY name');
      return rows.map((r) => ({ name: r.name, createdAt: new Date(r.created_at).toISOString() }));
    },
    /** A right name and password open a session; wrong ones are counted per name and per address. */
    async signIn(name: string, password: string, address: string): Promise<SignIn> {
      const keys = [`name:${name.trim()}`, `addr:${address}`];
      const wait = Math.max(...keys.map(waitFor));
      if (wait > 0) return { ok: false, reason: 'locked', seconds: wait };
      const rows = await db.query<{ name: string; password_hash: string }>('SELECT name, password_hash FROM county_viewers WHERE name = $1', [name.trim()]);
      const row = rows[0];
      // A missing name costs the same scrypt as a wrong password, so timing does not tell names apart.
      const right = pinMatches(password, row?.password_hash ?? (dummyHash ??= hashPin(crypto.randomBytes(12).toString('hex')))) && row !== undefined;
      if (!right) {
        keys.forEach(fail);
        const locked = Math.max(...keys.map(waitFor));
        return locked > 0 ? { ok: false, reason: 'locked', seconds: locked } : { ok: false, reason: 'wrong' };
      }
      keys.forEach((k) => tries.delete(k));
      const token = crypto.randomBytes(32).toString('base64url');
      await db.query('INSERT INTO county_viewer_sessions (token_hash, viewer_name, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [sha256(token), row.name, at(now())]);
      return { ok: true, token };
    },
    /** The viewer a session token belongs to, or undefined (unknown, idle too long, too old); marks it used. */
    async viewerOf(token: string | undefined): Promise<string | undefined> {
      if (!token) return undefined;
      const rows = await db.query<{ viewer_name: string; created_at: Date | string; last_seen_at: Date | string }>(
        'SELECT viewer_name, created_at, last_seen_at FROM county_viewer_sessions WHERE token_hash = $1',
        [sha256(token)],
      );
      const row = rows[0];
      if (!row) return undefined;
      const seen = new Date(row.last_seen_at).getTime();
      if (now() - seen > SESSION_IDLE_MS || now() - new Date(row.created_at).getTime() > SESSION_MAX_MS) {
        await db.query('DELETE FROM county_viewer_sessions WHERE token_hash = $1', [sha256(token)]);
        return undefined;
      }
      // One write a minute at most, not one per page.
      if (now() - seen > 60_000) await db.query('UPDATE county_viewer_sessions SET last_seen_at = $2 WHERE token_hash = $1', [sha256(token), at(now())]);
      return row.viewer_name;
    },
    async signOut(token: string | undefined): Promise<void> {
      if (token) await db.query('DELETE FROM county_viewer_sessions WHERE token_hash = $1', [sha256(token)]);
    },
    /** Forget sessions that ran out (at start and now and then). */
    async sweep(): Promise<void> {
      await db.query('DELETE FROM county_viewer_sessions WHERE last_seen_at < $1 OR created_at < $2', [at(now() - SESSION_IDLE_MS), at(now() - SESSION_MAX_MS)]);
    },
  };
}
export type Viewers = ReturnType<typeof createViewers>;

/** Made on first use (a scrypt costs ~50 ms): checked against when a name is unknown. */
let dummyHash: string | undefined;
