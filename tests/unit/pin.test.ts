import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createTeacherPin, GLOBAL_LOCK_MS, GLOBAL_PIN_CAP, LOCAL_TRY_GAP_MS, MAX_PIN_TRIES, PIN_LOCK_MS } from '../../src/core/auth/pin';
import { isWeakPin } from '../../src/shared/pin';
import { tempDir } from '../support/temp';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** A window on another PC of the classroom, or at the teacher's own PC. */
const remote = () => ({ local: false });
const local = () => ({ local: true });

describe('the teacher PIN', () => {
  it('is stored as a scrypt hash, never as the digits', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db);
    pin.set('2468');
    const stored = db.prepare("SELECT value FROM kv WHERE key = 'teacher.pin.hash'").pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('2468');
    expect(codeOf(() => pin.verify('2468', remote()))).toBeUndefined();
    expect(codeOf(() => pin.set('3579'))).toBe('pin_already_set');
    db.close();
  });

  it('locks only the window that tried 5 wrong PINs, for longer each time', () => {
    let clock = 1_000_000;
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db, () => clock);
    pin.set('2468');
    const pupil = remote();
    const teacher = remote();
    for (let i = 1; i < MAX_PIN_TRIES; i++) expect(codeOf(() => pin.verify('0000', pupil))).toBe('pin_wrong');
    expect(codeOf(() => pin.verify('0000', pupil))).toBe('pin_locked');
    expect(codeOf(() => pin.verify('2468', pupil))).toBe('pin_locked'); // even the right PIN waits
    expect(pin.lockedForSeconds(pupil)).toBe(PIN_LOCK_MS / 1000);
    // The teacher at another window is not locked out.
    expect(pin.lockedForSeconds(teacher)).toBe(0);
    expect(codeOf(() => pin.verify('2468', teacher))).toBeUndefined();

    clock += PIN_LOCK_MS + 1;
    for (let i = 0; i < MAX_PIN_TRIES; i++) codeOf(() => pin.verify('0000', pupil));
    expect(pin.lockedForSeconds(pupil)).toBe((2 * PIN_LOCK_MS) / 1000);
    clock += 2 * PIN_LOCK_MS + 1;
    for (let i = 0; i < MAX_PIN_TRIES; i++) codeOf(() => pin.verify('0000', pupil));
    expect(pin.lockedForSeconds(pupil)).toBe((4 * PIN_LOCK_MS) / 1000);
    db.close();
  });

  it('caps wrong tries from all windows: other PCs wait, across a restart; the teacher at this PC can still sign in and clears it', () => {
    const file = path.join(tempDir(), 'kite.db');
    let clock = 1_000_000;
    let db = openDatabase(file);
    let pin = createTeacherPin(db, () => clock);
    pin.set('2468');
    // A pupil who starts a new session (clears cookies) every few tries.
    for (let i = 0; i < GLOBAL_PIN_CAP; i++) codeOf(() => pin.verify('0000', remote()));
    expect(codeOf(() => pin.verify('2468', remote()))).toBe('pin_locked');
    db.close();

    db = openDatabase(file);
    pin = createTeacherPin(db, () => clock);
    const otherPc = remote();
    expect(codeOf(() => pin.verify('2468', otherPc))).toBe('pin_locked');
    expect(pin.lockedForSeconds(otherPc)).toBe(GLOBAL_LOCK_MS / 1000);
    // At the teacher's own PC: one try per few seconds, and the right PIN lifts the lock for everyone.
    const here = local();
    expect(codeOf(() => pin.verify('1357', here))).toBe('pin_locked');
    expect(pin.lockedForSeconds(local())).toBe(LOCAL_TRY_GAP_MS / 1000);
    clock += LOCAL_TRY_GAP_MS + 1;
    expect(codeOf(() => pin.verify('2468', local()))).toBeUndefined();
    expect(codeOf(() => pin.verify('2468', otherPc))).toBeUndefined();
    db.close();
  });

  it('changes only with the current PIN', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db);
    pin.set('2468');
    const window = local();
    expect(codeOf(() => pin.change('1357', '9731', window))).toBe('pin_wrong');
    pin.change('2468', '9731', window);
    expect(codeOf(() => pin.verify('9731', window))).toBeUndefined();
    expect(codeOf(() => pin.verify('2468', window))).toBe('pin_wrong');
    db.close();
  });

  it('refuses PINs anyone would guess, when set or changed, without spending a try', () => {
    for (const weak of ['0000', '1111', '777777', '1234', '4321', '123456', '654321', '0123', '7890', '98765432']) expect(isWeakPin(weak), weak).toBe(true);
    for (const fine of ['2468', '1357', '1243', '9731', '112233', '20260901']) expect(isWeakPin(fine), fine).toBe(false);
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db);
    expect(codeOf(() => pin.set('1234'))).toBe('pin_too_weak');
    expect(pin.isSet()).toBe(false);
    pin.set('2468');
    const window = local();
    expect(codeOf(() => pin.change('2468', '4321', window))).toBe('pin_too_weak');
    expect(codeOf(() => pin.verify('2468', window))).toBeUndefined();
    db.close();
  });
});
