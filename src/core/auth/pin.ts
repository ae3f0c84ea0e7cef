import crypto from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { PIN_HASH_PATTERN } from '../../shared/config';
import { KiteError } from '../../shared/errors';
import { createKv } from '../db/kv';
import { writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';

export const MAX_PIN_TRIES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPin(pin: string, salt = crypto.randomBytes(16)): string {
  const hash = crypto.scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function pinMatches(pin: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

export interface TeacherPin {
  isSet(): boolean;
  set(pin: string): void;
  change(currentPin: string, newPin: string): void;
  /** Throws pin_wrong or pin_locked. Failed tries and the lock survive a restart. */
  verify(pin: string): void;
  lockedForSeconds(): number;
}

export const PIN_HASH_KEY = 'teacher.pin.hash';

/** The hash kept in the copy file, when it holds a well-formed one. */
function readPinCopy(file: string): string | undefined {
  try {
    const { hash } = JSON.parse(fs.readFileSync(file, 'utf8')) as { hash?: unknown };
    return typeof hash === 'string' && PIN_HASH_PATTERN.test(hash) ? hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keep the PIN's hash and its copy outside the database (<data>/teacher-pin.json) in step, at start
 * (after the machine config was applied). A database without a PIN (restored from an old backup,
 * or started empty after the file was lost) takes the copy's: losing kite.db must never leave the
 * teacher console open to anyone. Otherwise the database's PIN is the one, and the copy follows it.
 */
export function syncPinCopy(db: Database.Database, file: string, log: Logger): void {
  const kv = createKv(db);
  const inDb = kv.get(PIN_HASH_KEY);
  const copy = readPinCopy(file);
  if (inDb === undefined && copy !== undefined) {
    kv.set(PIN_HASH_KEY, copy);
    log.warn('the database had no teacher PIN; the PIN kept beside it was put back');
  } else if (inDb !== undefined && inDb !== copy) {
    writeFileAtomic(file, JSON.stringify({ hash: inDb }) + '\n');
  }
}

/** The teacher PIN: a scrypt hash in the database (and its copy file); 5 wrong tries lock it for 5 minutes. */
export function createTeacherPin(db: Database.Database, now: () => number = Date.now, copyFile?: string): TeacherPin {
  const kv = createKv(db);
  const storeHash = (hash: string) => {
    kv.set(PIN_HASH_KEY, hash);
    if (copyFile) writeFileAtomic(copyFile, JSON.stringify({ hash }) + '\n');
  };
  const lockedForSeconds = () => Math.max(0, Math.ceil((Number(kv.get('teacher.pin.lockedUntil') ?? 0) - now()) / 1000));

  const verify = (pin: string) => {
    const stored = kv.get(PIN_HASH_KEY);
    if (!stored) throw new KiteError('pin_not_set', 'No teacher PIN has been set yet.');
    const locked = lockedForSeconds();
    if (locked > 0) {
      throw new KiteError('pin_locked', `Too many wrong PINs. Try again in ${locked} seconds.`, { details: { seconds: locked } });
    }
    if (pinMatches(pin, stored)) {
      kv.delete('teacher.pin.failures');
      return;
    }
    const failures = Number(kv.get('teacher.pin.failures') ?? 0) + 1;
    if (failures >= MAX_PIN_TRIES) {
      db.transaction(() => {
        kv.set('teacher.pin.failures', '0');
        kv.set('teacher.pin.lockedUntil', String(now() + PIN_LOCK_MS));
      })();
      const seconds = PIN_LOCK_MS / 1000;
      throw new KiteError('pin_locked', `Too many wrong PINs. Try again in ${seconds} seconds.`, { details: { seconds } });
    }
    kv.set('teacher.pin.failures', String(failures));
    throw new KiteError('pin_wrong', 'That PIN is not right.', { details: { triesLeft: MAX_PIN_TRIES - failures } });
  };

  return {
    isSet: () => kv.get(PIN_HASH_KEY) !== undefined,
    set(pin) {
      if (kv.get(PIN_HASH_KEY)) throw new KiteError('pin_already_set', 'A teacher PIN is already set; change it from the teacher console.');
      storeHash(hashPin(pin));
    },
    change(currentPin, newPin) {
      verify(currentPin);
      storeHash(hashPin(newPin));
    },
    verify,
    lockedForSeconds,
  };
}
