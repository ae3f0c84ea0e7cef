import { create } from 'zustand';
import type { PupilSession } from '../../../../shared/contract';
import { api } from '../../api/client';
import { navigate } from '../../lib/router';
import { useApp } from '../../lib/store';

interface PupilState {
  /** undefined while loading */
  session?: PupilSession;
  load(): Promise<void>;
  set(session: PupilSession): void;
  signOut(): Promise<void>;
}

/**
 * Who is learning on this screen: a pupil, a guest (nothing saved) or nobody yet (sign-in).
 * Before signing out, listeners of `kite:before-sign-out` may hold it with detail.waitUntil(promise),
 * e.g. the lesson player saving the pupil's place.
 */
export const usePupil = create<PupilState>((set) => ({
  async load() {
    set({ session: await api.invoke('pupils.current') });
  },
  set: (session) => set({ session }),
  async signOut() {
    const pending: Promise<unknown>[] = [];
    window.dispatchEvent(new CustomEvent('kite:before-sign-out', { detail: { waitUntil: (p: Promise<unknown>) => pending.push(p) } }));
    await Promise.allSettled(pending);
    set({ session: await api.invoke('pupils.signOut') });
    // The language this pupil picked ends with them: back to the PC's.
    await useApp.getState().refreshSession();
    navigate('home');
  },
}));
