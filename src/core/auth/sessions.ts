import crypto from 'node:crypto';
import type { Role } from '../../shared/contract';

export interface Session {
  id: string;
  role: Role;
  createdAt: number;
  lastSeenAt: number;
  /** At the PC the app runs on (an Electron window, or a browser on 127.0.0.1), not another PC of the classroom. */
  local: boolean;
  /** The signed-in pupil on this window, or a guest (nothing saved), or nobody yet. */
  pupil: { mode: 'none' } | { mode: 'guest' } | { mode: 'pupil'; id: string };
}

export interface SessionLimits {
  /** A teacher idle this long is a pupil again (the PIN is asked for again). */
  teacherIdleMs: number;
  /** A session idle this long is forgotten (its pupil signs in again). */
  pupilIdleMs: number;
  /** At most this many sessions; past it the least recently used one goes, unused ones first. */
  max: number;
}

export const SESSION_LIMITS: SessionLimits = { teacherIdleMs: 30 * 60_000, pupilIdleMs: 12 * 3_600_000, max: 2000 };

/**
 * Who is calling. Every window (Electron) or browser (HTTP host) gets a session; it starts as a
 * pupil and becomes a teacher only through the PIN. Kept in memory: a restart signs teachers out.
 * Idle teachers become pupils, idle sessions are forgotten, and the count is capped (the Map keeps
 * them least recently used first), so a flood of cookieless requests cannot grow memory.
 */
export function createSessions(now: () => number = Date.now, limits: SessionLimits = SESSION_LIMITS) {
  const sessions = new Map<string, Session>();

  const isBlank = (s: Session) => s.role === 'pupil' && s.pupil.mode === 'none';
  const evictOne = () => {
    let victim: Session | undefined;
    for (const s of sessions.values()) {
      victim ??= s;
      if (isBlank(s)) {
        victim = s;
        break;
      }
    }
    if (victim) sessions.delete(victim.id);
  };
  /** Apply the idle rules and mark the session as just used (most recently used last). */
  const touch = (session: Session): Session => {
    const idle = now() - session.lastSeenAt;
    if (session.role === 'teacher' && idle > limits.teacherIdleMs) session.role = 'pupil';
    session.lastSeenAt = now();
    sessions.delete(session.id);
    while (sessions.size >= limits.max) evictOne();
    sessions.set(session.id, session);
    return session;
  };

  return {
    create({ local = false }: { local?: boolean } = {}): Session {
      const at = now();
      return touch({ id: crypto.randomBytes(24).toString('base64url'), role: 'pupil', createdAt: at, lastSeenAt: at, local, pupil: { mode: 'none' } });
    },
    /** The live session for an id (touched), or undefined when unknown or idle too long. */
    get(id: string | undefined): Session | undefined {
      const session = id ? sessions.get(id) : undefined;
      if (!session) return undefined;
      if (now() - session.lastSeenAt > limits.pupilIdleMs) {
        sessions.delete(session.id);
        return undefined;
      }
      return touch(session);
    },
    /** For hosts that hold their session (an Electron window): the idle rules, and back in the table if it was dropped. */
    touch,
    /** The role a session has now, without counting as use (for event delivery): pupil when gone or idle. */
    roleOf(id: string): Role {
      const session = sessions.get(id);
      if (!session || session.role !== 'teacher') return 'pupil';
      return now() - session.lastSeenAt > limits.teacherIdleMs ? 'pupil' : 'teacher';
    },
    setRole(id: string, role: Role): void {
      const session = sessions.get(id);
      if (session) session.role = role;
    },
    setPupil(id: string, pupil: Session['pupil']): void {
      const session = sessions.get(id);
      if (session) session.pupil = pupil;
    },
    delete: (id: string): void => void sessions.delete(id),
    size: (): number => sessions.size,
  };
}
export type Sessions = ReturnType<typeof createSessions>;
