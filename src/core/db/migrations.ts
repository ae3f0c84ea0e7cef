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
  {
    version: 2,
    name: 'lesson packs: which version of each pack is installed, and the publisher keys IT staff trust',
    up: (db) => {
      db.exec(`
        CREATE TABLE installed_packs (
          id TEXT PRIMARY KEY,
          version TEXT NOT NULL,
          signature TEXT NOT NULL,
          key_id TEXT,
          size_bytes INTEGER NOT NULL,
          builtin INTEGER NOT NULL DEFAULT 0,
          installed_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE trusted_keys (
          key_id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          public_key TEXT NOT NULL,
          added_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
