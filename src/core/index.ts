import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Health, HomeSummary } from '../shared/contract';
import { defaultDataDir, prepareDataDir, type DataLayout } from './datadir';
import { applyMachineConfig } from './config/apply';
import type { LoadedConfig } from './config/load';
import { createDesktop, type Desktop, type HostHooks } from './kiosk/desktop';
import { KiteError } from '../shared/errors';
import { startupWarning, type StartupWarning } from '../shared/warnings';
import { openDatabase, schemaVersion } from './db/open';
import { createFileLogger, type Logger } from './log/logger';
import { createSettingsStore, type SettingsStore } from './settings/settings';
import { createTeacherPin, syncPinCopy, type TeacherPin } from './auth/pin';
import { createSessions, type Sessions } from './auth/sessions';
import { createEventBus, type EventBus } from './events';
import { APP_VERSION } from './version';
import { createProgress, type Progress } from './progress';
import { PROGRESS_UPLOAD } from './progress/merge';
import { createUploads, type Uploads } from './fs/uploads';
import { createBackups, recoverDatabase, removeBackupLeftovers, type Backups } from './backups/backup';
import { takeAppLock } from './fs/owners';
import { diskWarning } from './fs/disk';
import { createPackService, type PackService } from './packs/service';
import { DEMO_IDS } from '../shared/pack/steps';
import { createMedia, type MediaService } from './media';
import { headsetContent } from './hub/headset/content';
import { headsetTour } from './hub/headset/tour';
import { createHub, type Hub } from './hub';
import type { BackoffOptions } from './hub/client';
import { createJobs, type Jobs } from './jobs';
import { installedSteps, lessonCatalog, lessonTitles, stepPrompts } from './packs/lesson-text';
import { createLiveSession, type LiveSession } from './hub/session/service';
import { createNarration, type NarrationStore } from './narration';
import { createHubSync, type HubSync } from './hub/sync';
import { createHubClock } from './hub/sync/clock';
import { serveRoom } from './hub/room-wiring';
import { createDistribution, type Distribution } from './hub/distribution';
import { createCountyLink, type CountyLinkService } from './county/bundle';

export interface CoreOptions {
  /** Chosen by --data or KITE_DATA_DIR; else the machine config's dataDir; else the default folder. */
  dataDir?: string;
  /** The machine-wide config (src/core/config/load.ts), read by the host at start. */
  config?: LoadedConfig;
  /** Echo warnings to stderr (CLI, browser host). */
  echoLogs?: boolean;
  now?: () => number;
  /** Long-running hosts (the app, `kite serve`): back up in the background at start (if none today) and daily. */
  backgroundBackups?: boolean;
  /** What only the hosting shell can do (Electron: keep the screen awake). The browser host has none. */
  host?: HostHooks;
  /** Free bytes for media; tests use it to make the disk look full. */
  mediaFreeBytes?: () => number;
  /** The app itself (desktop app, `kite serve`): hold <data>/kite.lock so a restore refuses to run beside it. */
  appLock?: boolean;
  /** How fast a pupil PC retries its hub (tests make it quick). */
  hubBackoff?: BackoffOptions;
  /** How many downloads a hub serves at once (hub/distribution; tests make it 1). */
  hubTransfers?: number;
}

export type { HostHooks } from './kiosk/desktop';

export interface Core {
  layout: DataLayout;
  db: Database.Database;
  log: Logger;
  events: EventBus;
  /** Long work (imports, backups): id, progress, end, cancel; see core/jobs. */
  jobs: Jobs;
  settings: SettingsStore;
  /** The machine config as applied: bad keys left out, problems already in health().warnings. */
  config: LoadedConfig;
  desktop: Desktop;
  pin: TeacherPin;
  sessions: Sessions;
  /** With the progress files the teacher picks to merge, received like packs (core/fs/uploads). */
  progress: Progress & { uploads: Uploads };
  backups: Backups;
  packs: PackService;
  media: MediaService;
  /** The live class session this PC leads (hub) or follows (pupil PC, relayed state). */
  liveSession: LiveSession;
  /** The teacher's own narration recordings. */
  narration: NarrationStore;
  /** This PC's place in the classroom: its role, and the hub or pupil-PC side of the room. */
  hub: Hub;
  /** Classroom hub: progress to the hub, one roster for the room (src/core/hub/sync). */
  hubSync: HubSync;
  /** Classroom hub: packs and videos sent to the room, who has what (src/core/hub/distribution). */
  distribution: Distribution;
  /** The school's link to the county: bundles, receipts, push (src/core/county/bundle). */
  county: CountyLinkService;
  health(): Required<Health>;
  homeSummary(): HomeSummary;
  close(): void;
}

/** Compose the core services over one data folder. Plain Node: no Electron, no React. */
export function createCore({ dataDir, config = NO_CONFIG, echoLogs = false, now = Date.now, backgroundBackups = false, host = {}, mediaFreeBytes, appLock = false, hubBackoff, hubTransfers }: CoreOptions): Core {
  const warnings: StartupWarning[] = config.problems.map((problem) => startupWarning('config_problem', { file: config.file }, problem));
  const layout = prepareConfiguredDataDir(dataDir, config, warnings);
  const log = createFileLogger({ dir: layout.logs, echo: echoLogs });
  for (const warning of warnings) log.warn(warning.text);
  removeBackupLeftovers(layout.backups, layout.db, log);
  const recovered = recoverDatabase(layout.db, layout.backups, log);
  if (recovered) warnings.push(recovered);
  // A copy before any migration touches existing data (a new, empty database needs none).
  const db = openDatabase(layout.db, { beforeMigrate: (from, opened) => void (from > 0 && createBackups(opened, layout.backups, log, now).createNow(`before-v${from}`)) });
  const backups = createBackups(db, layout.backups, log, now);
  const events = createEventBus();
  const settings = createSettingsStore(layout.settings, log, warnings);
  applyMachineConfig(config.config, db, settings, log);
  syncPinCopy(db, layout.pinCopy, log);
  const pin = createTeacherPin(db, now, log, layout.pinCopy);
  const releaseLock = appLock ? takeAppLock(layout.lock) : undefined;
  const desktop = createDesktop(pin, log, host);
  const startedAt = new Date(now()).toISOString();
  const packs = createPackService({ db, layout, log, settings: () => settings.get(), now });
  const jobs = createJobs({ db, events, log, now, tmp: layout.tmp });
  const media = createMedia({ db, layout, log, events, jobs, now, freeBytes: mediaFreeBytes });
  // Progress events are stamped by the hub's clock once this PC has talked to one (hub/sync/clock.ts).
  const hubClock = createHubClock(db);
  const hub = createHub({ db, dataDir: layout.root, log, config: config.config, now, backoff: hubBackoff });
  const progress = createProgress(
    db,
    () => now() + hubClock.offset(),
    (language) => lessonTitles(packs.list(), language ?? settings.get().language),
    (packId, lessonId, language) => stepPrompts(packs, log, packId, lessonId, language ?? settings.get().language),
    (language) => lessonCatalog(packs.list(), language ?? settings.get().language),
    (packId, lessonId) => installedSteps(packs, log, packId, lessonId)?.map((step) => step.id),
    () => hub.role() === 'pupil-pc',
  );
  const liveSession = createLiveSession({
    db,
    events,
    now,
    classes: () => progress.roster.list(),
    lessonSteps: (packId, lessonId) => packs.lesson(packId, lessonId).lesson.steps,
    lastAnswer: (pupilId, ref) => progress.store.lastAnswer(pupilId, ref),
    tourMedia: (sha256) => media.get(sha256),
  });
  const narration = createNarration({ db, layout, log, packs, now });
  const hubSync = createHubSync(db, progress.store, now, hubClock, events);
  const language = () => settings.get().language;
  const distribution = createDistribution({ db, dataDir: layout.root, hub, packs, media, jobs, events, log, now, language, transfers: hubTransfers });
  hub.headset.setContent(headsetContent(media));
  hub.headset.setTour(headsetTour(liveSession, events));
  const stopServingRoom = serveRoom({ hub, hubSync, liveSession, distribution, events, log, db });
  const county = createCountyLink({ db, dataDir: layout.root, config: config.config.county, schoolName: () => settings.get().schoolName, role: () => hub.role(), log, now });
  log.info('core started', { dataDir: layout.root, appVersion: APP_VERSION, config: config.found ? config.file : null });

  // A backup at start (when none was made today) and then once a day while the app runs.
  let closed = false;
  const backupIfDue = () => {
    if (closed || !backups.due()) return;
    jobs.run('backups.create', () => backups.create('daily')).catch((error: unknown) => !closed && log.error('backup failed', { error: String(error) }));
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
    jobs,
    settings,
    config,
    desktop,
    pin,
    sessions: createSessions(now),
    progress: { ...progress, uploads: createUploads(layout.tmp, PROGRESS_UPLOAD, now) },
    hubSync,
    distribution,
    county,
    backups,
    packs,
    media,
    liveSession,
    narration,
    hub,
    health: () => ({
      ok: true,
      appVersion: APP_VERSION,
      dataDir: layout.root,
      dbSchemaVersion: schemaVersion(db),
      startedAt,
      warnings: [...warnings, ...diskWarning(layout.root), ...desktop.notes()],
    }),
    homeSummary() {
      const { schoolName, classroomName } = settings.get();
      return {
        schoolName,
        classroomName,
        lessons: packs.counts(),
        media: media.counts(),
        demos: { available: DEMO_IDS.length },
      };
    },
    close() {
      closed = true;
      liveSession.close();
      clearTimeout(startBackup);
      clearInterval(dailyBackup);
      jobs.cancelAll();
      hub.close();
      county.stop();
      void hubSync.stopAll();
      stopServingRoom();
      db.close();
      releaseLock?.();
      fs.rmSync(layout.tmp, { recursive: true, force: true });
      log.info('core stopped');
    },
  };
}

const NO_CONFIG: LoadedConfig = { file: '', found: false, config: {}, problems: [] };

/**
 * An explicit data folder must work (its error is the one to show). A folder named only in the
 * machine config may be wrong (a missing D: drive): then warn and use the default folder, so the
 * classroom still runs.
 */
function prepareConfiguredDataDir(dataDir: string | undefined, config: LoadedConfig, warnings: StartupWarning[]): DataLayout {
  if (dataDir) return prepareDataDir(dataDir);
  if (process.env.KITE_DATA_DIR) return prepareDataDir(defaultDataDir());
  const configured = config.config.dataDir;
  if (!configured) return prepareDataDir(defaultDataDir());
  try {
    return prepareDataDir(configured);
  } catch (error) {
    if (!(error instanceof KiteError)) throw error;
    const fallback = defaultDataDir();
    warnings.push(
      startupWarning('config_data_dir', { configured, fallback }, `Config file ${config.file}: dataDir ${configured} cannot be used (${error.message}); data is kept in ${fallback} instead.`),
    );
    return prepareDataDir(fallback);
  }
}
