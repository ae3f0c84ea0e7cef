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
import { DEMO_IDS } from '../shared/pack/steps';

export interface CoreOptions {
  dataDir: string;
  /** Echo warnings to stderr (CLI, browser host). */
  echoLogs?: boolean;
  now?: () => number;
}

export interface Core {
  layout: DataLayout;
  db: Database.Database;
  log: Logger;
  events: EventBus;
  settings: SettingsStore;
  pin: TeacherPin;
  sessions: Sessions;
  health(): Health;
  homeSummary(): HomeSummary;
  close(): void;
}

/** Compose the core services over one data folder. Plain Node: no Electron, no React. */
export function createCore({ dataDir, echoLogs = false, now = Date.now }: CoreOptions): Core {
  const layout = prepareDataDir(dataDir);
  const log = createFileLogger({ dir: layout.logs, echo: echoLogs });
  const warnings: string[] = [];
  const db = openDatabase(layout.db);
  const events = createEventBus();
  const settings = createSettingsStore(layout.settings, log, warnings);
  const startedAt = new Date(now()).toISOString();
  log.info('core started', { dataDir: layout.root, appVersion: APP_VERSION });

  return {
    layout,
    db,
    log,
    events,
    settings,
    pin: createTeacherPin(db, now),
    sessions: createSessions(),
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
      const mediaFiles = fs.existsSync(layout.media) ? fs.readdirSync(layout.media) : [];
      return {
        schoolName,
        classroomName,
        lessons: { packs: installedPacks.length, lessons: 0 },
        media: {
          videos: mediaFiles.filter((f) => /\.(mp4|mov)$/i.test(f)).length,
          photos: mediaFiles.filter((f) => /\.(jpe?g|png)$/i.test(f)).length,
        },
        demos: { available: DEMO_IDS.length },
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
