import fs from 'node:fs';
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
import { createPackService, type PackService } from './packs/service';
import { createProgress, type Progress } from './progress';
import { createBackups, recoverIfCorrupt, type Backups } from './backup/backup';

export interface CoreOptions {
  dataDir: string;
  /** Echo warnings to stderr (CLI, browser host). */
  echoLogs?: boolean;
  now?: () => number;
  /** Make the start-of-day backup in the background (on by default; off for short-lived CLI runs). */
  backgroundBackups?: boolean;
}

export interface Core {
  layout: DataLayout;
  db: Database.Database;
  log: Logger;
  events: EventBus;
  settings: SettingsStore;
  pin: TeacherPin;
  sessions: Sessions;
  packs: PackService;
  progress: Progress;
  backups: Backups;
  health(): Health;
  homeSummary(): HomeSummary;
  close(): void;
}

/** Compose the core services over one data folder. Plain Node: no Electron, no React. */
export function createCore({ dataDir, echoLogs = false, now = Date.now, backgroundBackups = true }: CoreOptions): Core {
  const layout = prepareDataDir(dataDir);
  const log = createFileLogger({ dir: layout.logs, echo: echoLogs });
  const warnings: string[] = [];
  const recovered = recoverIfCorrupt(layout.db, layout.backups, log);
  if (recovered) warnings.push(recovered);
  // A copy before any migration touches existing data (a new, empty database needs none).
  const db = openDatabase(layout.db, { beforeMigrate: (from, opened) => void (from > 0 && createBackups(opened, layout.backups, log, now).createNow(`before-v${from}`)) });
  const backups = createBackups(db, layout.backups, log, now);
  const events = createEventBus();
  const settings = createSettingsStore(layout.settings, log, warnings);
  const startedAt = new Date(now()).toISOString();
  const packs = createPackService({ db, layout, log, settings: () => settings.get(), now });
  log.info('core started', { dataDir: layout.root, appVersion: APP_VERSION });

  // A backup at start (when none was made today) and then once a day while the app runs.
  let closed = false;
  const backupIfDue = () => {
    if (closed || !backups.due()) return;
    backups.create('daily').catch((error: unknown) => !closed && log.error('backup failed', { error: String(error) }));
  };
  const startBackup = backgroundBackups ? setTimeout(backupIfDue, 2000) : undefined;
  const dailyBackup = backgroundBackups ? setInterval(backupIfDue, 3600_000) : undefined;
  startBackup?.unref();
  dailyBackup?.unref();

  return {
    layout,
    db,
    log,
    events,
    settings,
    pin: createTeacherPin(db, now),
    sessions: createSessions(),
    packs,
    progress: createProgress(db, now),
    backups,
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
      const mediaFiles = fs.existsSync(layout.media) ? fs.readdirSync(layout.media) : [];
      return {
        schoolName,
        classroomName,
        lessons: packs.counts(),
        media: {
          videos: mediaFiles.filter((f) => /\.(mp4|mov)$/i.test(f)).length,
          photos: mediaFiles.filter((f) => /\.(jpe?g|png)$/i.test(f)).length,
        },
        demos: { available: 0 },
      };
    },
    close() {
      closed = true;
      clearTimeout(startBackup);
      clearInterval(dailyBackup);
      db.close();
      log.info('core stopped');
    },
  };
}
