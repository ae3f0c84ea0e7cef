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
    version: 4,
    name: 'drone video gallery: media items, tags, resume positions',
    up: (db) => {
      db.exec(`
        CREATE TABLE media (
          sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
          ext TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('video', 'photo')),
          size INTEGER NOT NULL,
          original_name TEXT NOT NULL,
          title TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          place TEXT NOT NULL DEFAULT '',
          taken_at TEXT,
          imported_at TEXT NOT NULL,
          width INTEGER,
          height INTEGER,
          duration REAL,
          codec TEXT,
          fps REAL,
          lat REAL,
          lon REAL,
          panorama INTEGER NOT NULL DEFAULT 0,
          proxy_sha256 TEXT,
          telemetry_family TEXT,
          max_height REAL,
          max_distance REAL,
          has_thumbnail INTEGER NOT NULL DEFAULT 0,
          preview_frames INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX media_taken ON media (taken_at DESC, imported_at DESC);
        CREATE TABLE media_tags (
          sha256 TEXT NOT NULL REFERENCES media (sha256) ON DELETE CASCADE,
          tag TEXT NOT NULL,
          PRIMARY KEY (sha256, tag)
        ) STRICT;
        CREATE TABLE media_positions (
          sha256 TEXT NOT NULL REFERENCES media (sha256) ON DELETE CASCADE,
          viewer TEXT NOT NULL,
          seconds REAL NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (sha256, viewer)
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
