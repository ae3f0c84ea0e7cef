import Database from 'better-sqlite3';
import { KiteError } from '../../shared/errors';
import { migrations, LATEST_SCHEMA_VERSION, type Migration } from './migrations';

export interface OpenDbOptions {
  /** Called before the first pending migration runs, e.g. to take a backup. */
  beforeMigrate?: (fromVersion: number, db: Database.Database) => void;
  migrationList?: Migration[];
}

/** Open the app database: WAL so readers never block the writer, synchronous=FULL so an acknowledged write survives a power cut. */
export function openDatabase(file: string, options: OpenDbOptions = {}): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database.Database, { beforeMigrate, migrationList = migrations }: OpenDbOptions): void {
  const from = schemaVersion(db);
  const latest = migrationList === migrations ? LATEST_SCHEMA_VERSION : Math.max(0, ...migrationList.map((m) => m.version));
  if (from > latest) {
    throw new KiteError(
      'conflict',
      `This data folder was used by a newer Kite Classroom (database version ${from}, this app knows ${latest}). Update the app; the data was left untouched.`,
    );
  }
  const pending = migrationList.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  beforeMigrate?.(from, db);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
