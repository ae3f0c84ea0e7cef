import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createTeacherPin, MAX_PIN_TRIES, PIN_LOCK_MS } from '../../src/core/auth/pin';
import { tempDir } from '../support/temp';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('the teacher PIN', () => {
  it('is stored as a scrypt hash, never as the digits', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db);
    pin.set('2468');
    const stored = db.prepare("SELECT value FROM kv WHERE key = 'teacher.pin.hash'").pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('2468');
    expect(codeOf(() => pin.verify('2468'))).toBeUndefined();
    expect(codeOf(() => pin.set('1111'))).toBe('pin_already_set');
    db.close();
  });

  it('locks for 5 minutes after 5 wrong tries, across a restart, then opens again', () => {
    const file = path.join(tempDir(), 'kite.db');
    let clock = 1_000_000;
    let db = openDatabase(file);
    let pin = createTeacherPin(db, () => clock);
    pin.set('2468');
    for (let i = 1; i < MAX_PIN_TRIES; i++) expect(codeOf(() => pin.verify('0000'))).toBe('pin_wrong');
    expect(codeOf(() => pin.verify('0000'))).toBe('pin_locked');
    db.close();

    db = openDatabase(file);
    pin = createTeacherPin(db, () => clock);
    expect(codeOf(() => pin.verify('2468'))).toBe('pin_locked'); // even the right PIN waits
    expect(pin.lockedForSeconds()).toBe(PIN_LOCK_MS / 1000);
    clock += PIN_LOCK_MS + 1;
    expect(codeOf(() => pin.verify('2468'))).toBeUndefined();
    db.close();
  });

  it('changes only with the current PIN', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    const pin = createTeacherPin(db);
    pin.set('2468');
    expect(codeOf(() => pin.change('1357', '9999'))).toBe('pin_wrong');
    pin.change('2468', '9999');
    expect(codeOf(() => pin.verify('9999'))).toBeUndefined();
    expect(codeOf(() => pin.verify('2468'))).toBe('pin_wrong');
    db.close();
  });
});
