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
  setSettings(settings: Settings): void;
}

/** App-wide state: the PC's settings and who is using it. Everything else lives in feature stores. */
export const useApp = create<AppState>((set) => ({
  async load() {
    try {
      const [settings, session] = await Promise.all([api.invoke('settings.get'), api.invoke('auth.session')]);
      applyLanguage(settings.language);
      set({ settings, session, loadError: undefined });
      api.reconnectEvents();
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
  async setLanguage(language) {
    applyLanguage(language);
    set({ settings: await api.invoke('settings.setLanguage', { language }) });
  },
  setSession(session) {
    set({ session });
    api.reconnectEvents();
  },
  setSettings(settings) {
    applyLanguage(settings.language);
    set({ settings });
  },
}));

api.on('settings.changed', (settings) => useApp.getState().setSettings(settings));
// A teacher idle too long is a pupil again: the next teacher call is refused, and the console asks for the PIN.
api.onForbidden(() => void api.invoke('auth.session').then((session) => useApp.getState().setSession(session)));
