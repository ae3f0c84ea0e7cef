import type Database from 'better-sqlite3';
import type { MachineConfig } from '../../shared/config';
import type { SettingsPatch } from '../../shared/settings';
import { createKv } from '../db/kv';
import { PIN_HASH_KEY } from '../auth/pin';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../settings/settings';

/** Config keys that seed the teacher's settings (same names in both schemas). */
const SETTING_KEYS = ['schoolName', 'classroomName', 'language', 'pinyinDefault', 'idleTimeoutMinutes'] as const;
const APPLIED_KEY = 'config.applied';

/**
 * Apply the machine config at start. A value IT staff set wins once, when it first appears or
 * changes; after that the teacher may change the setting in the console and it stays changed
 * until IT staff change the config again. So the config never silently undoes a teacher's choice
 * on every start, and a new config value is never ignored.
 */
export function applyMachineConfig(config: MachineConfig, db: Database.Database, settings: SettingsStore, log: Logger): void {
  const kv = createKv(db);
  const before = JSON.parse(kv.get(APPLIED_KEY) ?? '{}') as Record<string, unknown>;
  const now: Record<string, unknown> = {};
  const patch: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    now[key] = value;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) patch[key] = value;
  }
  if (config.teacherPinHash) now.teacherPinHash = config.teacherPinHash;
  db.transaction(() => {
    if (config.teacherPinHash && before.teacherPinHash !== config.teacherPinHash) {
      kv.set(PIN_HASH_KEY, config.teacherPinHash);
      kv.delete('teacher.pin.failures');
      kv.delete('teacher.pin.lockedUntil');
      log.info('teacher PIN set from the machine config');
    }
    kv.set(APPLIED_KEY, JSON.stringify(now));
  })();
  if (Object.keys(patch).length > 0) {
    settings.update(patch as SettingsPatch);
    log.info('settings applied from the machine config', { keys: Object.keys(patch) });
  }
}
