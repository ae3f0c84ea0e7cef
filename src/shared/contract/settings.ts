import { Settings, SettingsPatch } from '../settings';
import { event, method, NoInput } from './define';

// The PC's settings (school name, default language, pinyin…): everyone reads them, teachers change them.

export const settingsMethods = {
  'settings.get': method<Settings>()('pupil', NoInput),
  'settings.update': method<Settings>()('teacher', SettingsPatch),
} as const;

export const settingsEvents = {
  /** Every screen follows the language and the school's name. */
  'settings.changed': event('pupil', Settings),
} as const;
