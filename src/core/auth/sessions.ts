import crypto from 'node:crypto';
import type { Role } from '../../shared/contract';
import type { Language } from '../../shared/languages';

export interface Session {
  id: string;
  role: Role;
  createdAt: number;
  /** The signed-in pupil on this window, or a guest (nothing saved), or nobody yet. */
  pupil: { mode: 'none' } | { mode: 'guest' } | { mode: 'pupil'; id: string };
  /** The language picked on this window, until the pupil signs out; unset: the PC's default (a teacher setting). */
  language?: Language;
}

/**
 * Who is calling. Every window (Electron) or browser (HTTP host) gets a session; it starts as a
 * pupil and becomes a teacher only through the PIN. Kept in memory: a restart signs teachers out.
 */
export function createSessions() {
  const sessions = new Map<string, Session>();
  return {
    create(): Session {
      const session = { id: crypto.randomBytes(24).toString('base64url'), role: 'pupil' as Role, createdAt: Date.now(), pupil: { mode: 'none' } as Session['pupil'] };
      sessions.set(session.id, session);
      return session;
    },
    get: (id: string | undefined): Session | undefined => (id ? sessions.get(id) : undefined),
    setRole(id: string, role: Role): void {
      const session = sessions.get(id);
      if (session) session.role = role;
    },
    setPupil(id: string, pupil: Session['pupil']): void {
      const session = sessions.get(id);
      if (session) session.pupil = pupil;
    },
    setLanguage(id: string, language: Language | undefined): void {
      const session = sessions.get(id);
      if (session) session.language = language;
    },
    delete: (id: string): void => void sessions.delete(id),
  };
}
export type Sessions = ReturnType<typeof createSessions>;
