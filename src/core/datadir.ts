import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KiteError } from '../shared/errors';
import { removeStaleStaging, stagingName } from './fs/owners';
import { isDiskFull } from './fs/disk';

/** The product name Electron uses for `userData`; the CLI and browser host use the same folder. */
export const PRODUCT_NAME = 'Kite Classroom';

export interface DataLayout {
  root: string;
  db: string;
  settings: string;
  packs: string;
  media: string;
  /** The teacher's narration recordings: <sha256>.<webm|ogg|m4a>, content-addressed. */
  recordings: string;
  backups: string;
  logs: string;
  /** <data>/tmp: one staging folder per process inside it. */
  tmpRoot: string;
  /** This process's own staging folder (prepareDataDir makes it); from dataLayout alone, tmpRoot. */
  tmp: string;
  /** Held by the running app (src/core/fs/owners.ts). */
  lock: string;
  /** A copy of the teacher PIN's hash outside the database, so losing kite.db never unlocks the console. */
  pinCopy: string;
}

export function dataLayout(root: string): DataLayout {
  const abs = path.resolve(root);
  return {
    root: abs,
    db: path.join(abs, 'kite.db'),
    settings: path.join(abs, 'settings.json'),
    packs: path.join(abs, 'packs'),
    media: path.join(abs, 'media'),
    recordings: path.join(abs, 'recordings'),
    backups: path.join(abs, 'backups'),
    logs: path.join(abs, 'logs'),
    tmpRoot: path.join(abs, 'tmp'),
    tmp: path.join(abs, 'tmp'),
    lock: path.join(abs, 'kite.lock'),
    pinCopy: path.join(abs, 'teacher-pin.json'),
  };
}

/** Same place as Electron's app.getPath('userData') for this product, without importing Electron. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KITE_DATA_DIR) return path.resolve(env.KITE_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/**
 * Create the layout and this process's own staging folder (tmp/<pid>-<random>), prove the folder
 * is writable, and remove staging that dead processes left (an interrupted import). Staging of a
 * live process (the app, while a `kite` command runs beside it) is left alone. Throws a KiteError
 * a person can act on.
 */
export function prepareDataDir(root: string): DataLayout {
  const base = dataLayout(root);
  const layout = { ...base, tmp: path.join(base.tmpRoot, stagingName()) };
  try {
    for (const dir of [layout.root, layout.packs, layout.media, layout.recordings, layout.backups, layout.logs, layout.tmp]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    fs.accessSync(layout.root, fs.constants.W_OK);
    const probe = path.join(layout.tmp, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
    if (isDiskFull(error)) throw new KiteError('disk_full', `The disk is full: Kite Classroom cannot write to its data folder ${layout.root}. Free some space (delete old videos or files), then start again.`);
    throw new KiteError(
      'data_dir_unwritable',
      `Cannot write to the data folder ${layout.root} (${reason}). Choose another with --data DIR or KITE_DATA_DIR, or ask IT staff to fix its permissions.`,
      { details: { dataDir: layout.root } },
    );
  }
  removeStaleStaging(layout.tmpRoot);
  return layout;
}
