import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Health, HomeSummary } from '../shared/contract';
import { prepareDataDir, type DataLayout } from './datadir';
import { openDatabase, schemaVersion } from './db/open';
import { createFileLogger, type Logger } from './log/logger';
import { createSettingsStore, type SettingsStore } from './settings/settings';
import { createTeacherPin, type TeacherPin } from './auth/pin';
import { createSessions, type Sessions } from './auth/sessions';
import { createEventBus, type EventBus } from './events';
import { APP_VERSION } from './version';
import { createMedia, type MediaService } from './media';

export interface CoreOptions {
  dataDir: string;
  /** Echo warnings to stderr (CLI, browser host). */
  echoLogs?: boolean;
  now?: () => number;
  /** What only the hosting shell can do (Electron: keep the screen awake). The browser host has none. */
  host?: HostHooks;
  /** Free bytes for media; tests use it to make the disk look full. */
  mediaFreeBytes?: () => number;
}

export interface HostHooks {
  keepAwake?(on: boolean): void;
}

export interface Core {
  layout: DataLayout;
  db: Database.Database;
  log: Logger;
  events: EventBus;
  settings: SettingsStore;
  pin: TeacherPin;
  sessions: Sessions;
  media: MediaService;
  host: HostHooks;
  health(): Health;
  homeSummary(): HomeSummary;
  close(): void;
}

/** Compose the core services over one data folder. Plain Node: no Electron, no React. */
export function createCore({ dataDir, echoLogs = false, now = Date.now, host = {}, mediaFreeBytes }: CoreOptions): Core {
  const layout = prepareDataDir(dataDir);
  const log = createFileLogger({ dir: layout.logs, echo: echoLogs });
  const warnings: string[] = [];
  const db = openDatabase(layout.db);
  const events = createEventBus();
  const settings = createSettingsStore(layout.settings, log, warnings);
  const startedAt = new Date(now()).toISOString();
  const media = createMedia({ db, layout, log, events, now, freeBytes: mediaFreeBytes });
  log.info('core started', { dataDir: layout.root, appVersion: APP_VERSION });

  return {
    layout,
    db,
    log,
    events,
    settings,
    pin: createTeacherPin(db, now),
    sessions: createSessions(),
    media,
    host,
    health: () => ({
      ok: true,
      appVersion: APP_VERSION,
      dataDir: layout.root,
      dbSchemaVersion: schemaVersion(db),
      startedAt,
      warnings: [...warnings],
    }),
    homeSummary() {
      const { schoolName, classroomName } = settings.get();
      const installedPacks = listDirs(layout.packs);
      return {
        schoolName,
        classroomName,
        lessons: { packs: installedPacks.length, lessons: 0 },
        media: media.counts(),
        demos: { available: 0 },
      };
    },
    close() {
      db.close();
      log.info('core stopped');
    },
  };
}

function listDirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).isDirectory());
}
