import { describe, expect, it } from 'vitest';
import { createSessions, SESSION_LIMITS } from '../../src/core/auth/sessions';

const MINUTE = 60_000;

describe('sessions', () => {
  it('makes an idle teacher a pupil again, and forgets a session idle for longer', () => {
    let clock = 1_000_000;
    const sessions = createSessions(() => clock);
    const teacher = sessions.create();
    sessions.setRole(teacher.id, 'teacher');
    clock += SESSION_LIMITS.teacherIdleMs - MINUTE;
    expect(sessions.get(teacher.id)?.role).toBe('teacher'); // in use: the clock starts again
    clock += SESSION_LIMITS.teacherIdleMs - MINUTE;
    expect(sessions.roleOf(teacher.id)).toBe('teacher');
    clock += 2 * MINUTE;
    expect(sessions.roleOf(teacher.id)).toBe('pupil');
    expect(sessions.get(teacher.id)).toMatchObject({ id: teacher.id, role: 'pupil' });

    const pupil = sessions.create();
    sessions.setPupil(pupil.id, { mode: 'guest' });
    clock += SESSION_LIMITS.pupilIdleMs + MINUTE;
    expect(sessions.get(pupil.id)).toBeUndefined();
    expect(sessions.get(teacher.id)).toBeUndefined();
    expect(sessions.size()).toBe(0);
  });

  it('keeps at most the cap, dropping unused sessions before signed-in ones, least recently used first', () => {
    let clock = 0;
    const sessions = createSessions(() => ++clock, { ...SESSION_LIMITS, max: 3 });
    const teacher = sessions.create();
    sessions.setRole(teacher.id, 'teacher');
    const child = sessions.create();
    sessions.setPupil(child.id, { mode: 'pupil', id: 'p1' });
    for (let i = 0; i < 50; i++) sessions.create();
    expect(sessions.size()).toBe(3);
    expect(sessions.get(teacher.id)?.role).toBe('teacher');
    expect(sessions.get(child.id)?.pupil).toEqual({ mode: 'pupil', id: 'p1' });

    // With only signed-in sessions left, the least recently used goes.
    const other = sessions.create();
    sessions.setPupil(other.id, { mode: 'guest' });
    sessions.get(teacher.id);
    sessions.create();
    expect(sessions.get(child.id)).toBeUndefined();
    expect(sessions.get(teacher.id)).toBeDefined();
  });
});
