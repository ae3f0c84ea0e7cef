import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { KiteError } from '../../shared/errors';
import { isWeakPin } from '../../shared/pin';
import { MESSAGES } from '../../shared/messages';
import { createKv } from '../db/kv';
import type { Logger } from '../log/logger';

/** Wrong tries a window gets before it must wait. */
export const MAX_PIN_TRIES = 5;
/** The first wait of a window; each further lock of the same window doubles it, up to PIN_LOCK_MAX_MS. */
export const PIN_LOCK_MS = 60_000;
export const PIN_LOCK_MAX_MS = 30 * 60_000;
/** Wrong tries from all windows together (since the last right PIN) that lock out every other PC. */
export const GLOBAL_PIN_CAP = 20;
export const GLOBAL_LOCK_MS = 15 * 60_000;
/** While every other PC is locked out, the teacher's own PC gets one try per this long. */
export const LOCAL_TRY_GAP_MS = 10_000;
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

/** Who is trying the PIN: a window's session. `local`: at the PC the app runs on. */
export interface PinCaller {
  local: boolean;
}

export interface TeacherPin {
  isSet(): boolean;
  set(pin: string): void;
  change(currentPin: string, newPin: string, caller: PinCaller): void;
  /** Throws pin_wrong or pin_locked. The count of all windows' wrong tries and its lock survive a restart. */
  verify(pin: string, caller: PinCaller): void;
  /** Seconds this caller must wait before the next try; 0 when it may try now. */
  lockedForSeconds(caller: PinCaller): number;
}

interface CallerState {
  /** The PIN hash these tries were against: a new PIN (e.g. from the machine config) starts afresh. */
  hash: string | undefined;
  failures: number;
  locks: number;
  lockedUntil: number;
}

function refuseWeak(pin: string): void {
  if (isWeakPin(pin)) throw new KiteError('pin_too_weak', MESSAGES.en.errors.pin_too_weak);
}

/**
 * The teacher PIN: a scrypt hash in the database. Each window (session) has its own count: after 5
 * wrong tries it waits 1 minute, then 2, 4… (so a pupil at one PC cannot lock the teacher out at
 * another). Wrong tries from all windows together are capped too: past the cap every other PC is
 * locked out for 15 minutes, while the teacher's own PC may still try (one try per 10 seconds), and
 * the right PIN there clears the lock.
 */
export function createTeacherPin(db: Database.Database, now: () => number = Date.now, log?: Logger): TeacherPin {
  const kv = createKv(db);
  const callers = new WeakMap<PinCaller, CallerState>();
  let localNextTry = 0;
  const stateOf = (caller: PinCaller): CallerState => {
    const hash = kv.get('teacher.pin.hash');
    let state = callers.get(caller);
    if (!state || state.hash !== hash) callers.set(caller, (state = { hash, failures: 0, locks: 0, lockedUntil: 0 }));
    return state;
  };
  const seconds = (until: number) => Math.max(0, Math.ceil((until - now()) / 1000));
  const globalUntil = () => Number(kv.get('teacher.pin.lockedUntil') ?? 0);

  const lockedForSeconds = (caller: PinCaller) => {
    const own = seconds(stateOf(caller).lockedUntil);
    const global = seconds(globalUntil());
    if (global === 0) return own;
    return Math.max(own, caller.local ? seconds(localNextTry) : global);
  };

  const locked = (wait: number) => new KiteError('pin_locked', `Too many wrong PINs. Try again in ${wait} seconds.`, { details: { seconds: wait } });

  const verify = (pin: string, caller: PinCaller) => {
    const stored = kv.get('teacher.pin.hash');
    if (!stored) throw new KiteError('pin_not_set', 'No teacher PIN has been set yet.');
    const wait = lockedForSeconds(caller);
    if (wait > 0) throw locked(wait);
    const state = stateOf(caller);
    if (pinMatches(pin, stored)) {
      Object.assign(state, { failures: 0, locks: 0, lockedUntil: 0 });
      // Any right PIN resets the count of all windows; only the teacher's own PC could pass a global lock.
      db.transaction(() => {
        kv.delete('teacher.pin.failures');
        kv.delete('teacher.pin.lockedUntil');
      })();
      return;
    }
    if (caller.local && globalUntil() > now()) localNextTry = now() + LOCAL_TRY_GAP_MS;
    const all = Number(kv.get('teacher.pin.failures') ?? 0) + 1;
    kv.set('teacher.pin.failures', String(all));
    if (all >= GLOBAL_PIN_CAP && globalUntil() <= now()) {
      db.transaction(() => {
        kv.set('teacher.pin.failures', '0');
        kv.set('teacher.pin.lockedUntil', String(now() + GLOBAL_LOCK_MS));
      })();
      log?.warn(`teacher PIN: ${GLOBAL_PIN_CAP} wrong tries from all windows; other PCs must wait ${GLOBAL_LOCK_MS / 60_000} minutes (the teacher's own PC can still sign in)`);
    }
    state.failures += 1;
    if (state.failures >= MAX_PIN_TRIES) {
      const ms = Math.min(PIN_LOCK_MAX_MS, PIN_LOCK_MS * 2 ** state.locks);
      Object.assign(state, { failures: 0, locks: state.locks + 1, lockedUntil: now() + ms });
      log?.warn(`teacher PIN: ${MAX_PIN_TRIES} wrong tries in one window; it waits ${ms / 1000} seconds`, { local: caller.local });
    }
    const waitNow = lockedForSeconds(caller);
    if (waitNow > 0) throw locked(waitNow);
    throw new KiteError('pin_wrong', 'That PIN is not right.', { details: { triesLeft: MAX_PIN_TRIES - state.failures } });
  };

  return {
    isSet: () => kv.get('teacher.pin.hash') !== undefined,
    set(pin) {
      if (kv.get('teacher.pin.hash')) throw new KiteError('pin_already_set', 'A teacher PIN is already set; change it from the teacher console.');
      refuseWeak(pin);
      kv.set('teacher.pin.hash', hashPin(pin));
    },
    change(currentPin, newPin, caller) {
      refuseWeak(newPin);
      verify(currentPin, caller);
      kv.set('teacher.pin.hash', hashPin(newPin));
    },
    verify,
    lockedForSeconds,
  };
}
