import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Health, HomeSummary, InstalledPack } from '../shared/contract';
import { prepareDataDir, type DataLayout } from './datadir';
import { openDatabase, schemaVersion } from './db/open';
import { createFileLogger, type Logger } from './log/logger';
import { createSettingsStore, type SettingsStore } from './settings/settings';
import { createTeacherPin, type TeacherPin } from './auth/pin';
import { createSessions, type Sessions } from './auth/sessions';
import { createEventBus, type EventBus } from './events';
import { APP_VERSION } from './version';
import { createProgress, type Progress } from './progress';
import { lessonKey } from './progress/reports';
import { plainText } from '../shared/markup';
import { createBackups, recoverIfCorrupt, type Backups } from './backup/backup';
import { createPackService, type PackService } from './packs/service';

export interface CoreOptions {
  dataDir: string;
  /** Echo warnings to stderr (CLI, browser host). */
  echoLogs?: boolean;
  now?: () => number;
  /** Long-running hosts (the app, `kite serve`): back up in the background at start (if none today) and daily. */
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
  progress: Progress;
  backups: Backups;
  packs: PackService;
  health(): Health;
  homeSummary(): HomeSummary;
  close(): void;
}

/** Compose the core services over one data folder. Plain Node: no Electron, no React. */
export function createCore({ dataDir, echoLogs = false, now = Date.now, backgroundBackups = false }: CoreOptions): Core {
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
    progress: createProgress(db, now, () => lessonTitles(packs.list(), settings.get().language)),
    backups,
    packs,
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

/** Lesson titles in the PC's language (else the pack's first), for the teacher's reports. */
function lessonTitles(packs: InstalledPack[], language: string): Map<string, string> {
  const titles = new Map<string, string>();
  for (const pack of packs) {
    for (const lesson of pack.lessons) {
      const title = lesson.title[language] ?? Object.values(lesson.title)[0];
      if (title) titles.set(lessonKey(pack.id, lesson.id), plainText(title));
    }
  }
  return titles;
}
