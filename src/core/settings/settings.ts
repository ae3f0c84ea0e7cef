import fs from 'node:fs';
import { Settings, SettingsPatch } from '../../shared/settings';
import { startupWarning, type StartupWarning } from '../../shared/warnings';
import { writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

/**
 * Settings live in settings.json, written atomically. A file that is not JSON or fails the schema
 * is moved aside (never overwritten, so nothing is lost) and the app runs on defaults; keys that
 * are individually invalid fall back to their defaults.
 */
export function createSettingsStore(file: string, log: Logger, warnings: StartupWarning[]): SettingsStore {
  let current = load();

  function load(): Settings {
    if (!fs.existsSync(file)) return Settings.parse({});
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      return setAside(`is not valid JSON (${(error as Error).message})`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return setAside('is not a JSON object');
    const parsed = Settings.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep every key that is valid on its own; default the rest.
    const defaults = Settings.parse({});
    const merged: Record<string, unknown> = { ...defaults };
    const bad: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      if (!(key in Settings.shape)) continue;
      const one = Settings.shape[key as keyof Settings].safeParse(value);
      if (one.success) merged[key] = one.data;
      else bad.push(key);
    }
    const message = `Settings file ${file}: invalid value for ${bad.join(', ')}; using the default for ${bad.length === 1 ? 'it' : 'them'}.`;
    warnings.push(startupWarning('settings_invalid', { keys: bad.join(', ') }, message));
    log.warn(message);
    return Settings.parse(merged);
  }

  function setAside(reason: string): Settings {
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, aside);
    const message = `Settings file ${file} ${reason}; it was kept as ${aside} and default settings are in use.`;
    warnings.push(startupWarning('settings_set_aside', { aside }, message));
    log.warn(message);
    return Settings.parse({});
  }

  return {
    get: () => current,
    update(patch) {
      // zod 4 fills the defaults of absent keys even in a partial schema: keep only the keys given,
      // or changing the language would reset the school name.
      const parsed = SettingsPatch.parse(patch) as Record<string, unknown>;
      const given = Object.fromEntries(Object.entries(parsed).filter(([key]) => Object.hasOwn(patch, key)));
      const next = Settings.parse({ ...current, ...given });
      writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
      current = next;
      return current;
    },
  };
}
