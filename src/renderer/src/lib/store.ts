import { create } from 'zustand';
import type { Settings } from '../../../shared/settings';
import type { Language } from '../../../shared/languages';
import type { SessionInfo } from '../../../shared/contract';
import { api } from '../api/client';
import { applyLanguage } from '../i18n';

interface AppState {
  settings?: Settings;
  session?: SessionInfo;
  loadError?: string;
  load(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setSession(session: SessionInfo): void;
  /** Read the session again (after a sign-out ended the pupil's language). */
  refreshSession(): Promise<void>;
  setSettings(settings: Settings): void;
}

/** The language on screen: the one picked on this window for this pupil's session, else the PC's default. */
const languageOf = (settings: Settings | undefined, session: SessionInfo | undefined): Language => session?.language ?? settings?.language ?? 'zh-CN';

/** App-wide state: the PC's settings and who is using it. Everything else lives in feature stores. */
export const useApp = create<AppState>((set, get) => ({
  async load() {
    try {
      const [settings, session] = await Promise.all([api.invoke('settings.get'), api.invoke('auth.session')]);
      applyLanguage(languageOf(settings, session));
      set({ settings, session, loadError: undefined });
      api.reconnectEvents();
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
  async setLanguage(language) {
    applyLanguage(language);
    get().setSession(await api.invoke('auth.setLanguage', { language }));
  },
  async refreshSession() {
    get().setSession(await api.invoke('auth.session'));
  },
  setSession(session) {
    applyLanguage(languageOf(get().settings, session));
    set({ session });
    // Events are filtered by role: the stream is opened again for the new role.
    api.reconnectEvents();
  },
  setSettings(settings) {
    applyLanguage(languageOf(settings, get().session));
    set({ settings });
  },
}));

api.on('settings.changed', (settings) => useApp.getState().setSettings(settings));
// A teacher idle too long is a pupil again: the next teacher call is refused, and the console asks for the PIN.
api.onForbidden(() => void api.invoke('auth.session').then((session) => useApp.getState().setSession(session)));
