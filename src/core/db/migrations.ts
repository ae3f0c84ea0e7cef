import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/**
 * Numbered migrations, applied in order, each in its own transaction. Never edit one that has
 * shipped: add the next number. `PRAGMA user_version` records how far a database has come.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'key-value store for small app state (teacher PIN, lock counters, device id)',
    up: (db) => {
      db.exec(`
        CREATE TABLE kv (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
