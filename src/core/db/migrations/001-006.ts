import { freeAvatar } from '../../../shared/avatars';
import type { Migration } from './migration';

/** Migrations 1–6: the single-PC app (app state, packs, progress with classes and pupils, the gallery, summaries, class lessons and picture passwords). */
export const migrations1to6: Migration[] = [
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
  {
    version: 3,
    name: 'classes, pupils, append-only progress events and per-lesson summaries derived from them',
    up: (db) => {
      db.exec(`
        CREATE TABLE classes (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          grade INTEGER,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX classes_name ON classes (name);

        CREATE TABLE pupils (
          id TEXT PRIMARY KEY,
          class_id TEXT NOT NULL REFERENCES classes (id),
          name TEXT NOT NULL,
          avatar TEXT NOT NULL,
          picture_hash TEXT,
          archived INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX pupils_class_name ON pupils (class_id, name) WHERE archived = 0;

        -- Append-only: rows are never updated or deleted. id is globally unique (the player's
        -- attemptId, or a uuid made here), so merging files from other PCs is idempotent.
        CREATE TABLE progress_events (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          device_id TEXT NOT NULL,
          pupil_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('attempt', 'position', 'finish', 'reset')),
          pack_id TEXT,
          pack_version TEXT,
          lesson_id TEXT,
          step_id TEXT,
          activity_type TEXT,
          answer_json TEXT,
          correct INTEGER,
          hints_used INTEGER,
          time_ms INTEGER,
          score INTEGER,
          stars INTEGER,
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX progress_events_lesson ON progress_events (pupil_id, pack_id, lesson_id, at);
        CREATE INDEX progress_events_kind ON progress_events (pupil_id, kind, at);
        CREATE INDEX progress_events_at ON progress_events (at);

        -- Derived from progress_events (rebuildable); kept so reports read one row per pupil × lesson.
        CREATE TABLE lesson_summaries (
          pupil_id TEXT NOT NULL,
          pack_id TEXT NOT NULL,
          lesson_id TEXT NOT NULL,
          status TEXT NOT NULL,
          best_score INTEGER,
          stars INTEGER NOT NULL,
          time_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL,
          last_step_id TEXT,
          first_finished_at TEXT,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (pupil_id, pack_id, lesson_id)
        ) STRICT, WITHOUT ROWID;
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
  {
    version: 5,
    name: 'lesson summaries kept up from each new event alone: the latest event (at, id) and the latest finish',
    up: (db) => {
      // Filled from the events already here; events before the pupil's latest reset do not count.
      db.exec(`
        ALTER TABLE lesson_summaries ADD COLUMN last_at TEXT;
        ALTER TABLE lesson_summaries ADD COLUMN last_event_id TEXT;
        ALTER TABLE lesson_summaries ADD COLUMN last_finished_at TEXT;
        CREATE TEMP TABLE resets AS SELECT pupil_id, max(at) AS at FROM progress_events WHERE kind = 'reset' GROUP BY pupil_id;
        UPDATE lesson_summaries SET
          (last_at, last_event_id, last_step_id) = (
            SELECT e.at, e.id, CASE e.kind WHEN 'finish' THEN NULL ELSE e.step_id END FROM progress_events e
            WHERE e.pupil_id = lesson_summaries.pupil_id AND e.pack_id = lesson_summaries.pack_id AND e.lesson_id = lesson_summaries.lesson_id
              AND e.kind != 'reset' AND e.at > coalesce((SELECT at FROM resets r WHERE r.pupil_id = lesson_summaries.pupil_id), '')
            ORDER BY e.at DESC, e.id DESC LIMIT 1),
          last_finished_at = (
            SELECT max(e.at) FROM progress_events e
            WHERE e.pupil_id = lesson_summaries.pupil_id AND e.pack_id = lesson_summaries.pack_id AND e.lesson_id = lesson_summaries.lesson_id
              AND e.kind = 'finish' AND e.at > coalesce((SELECT at FROM resets r WHERE r.pupil_id = lesson_summaries.pupil_id), ''));
        UPDATE lesson_summaries SET updated_at = last_at WHERE last_at IS NOT NULL;
        DROP TABLE temp.resets;
      `);
    },
  },
  {
    version: 6,
    name: 'lessons a teacher gives a class, picture passwords the teacher can read back, one avatar per pupil in a class',
    up: (db) => {
      db.exec(`
        CREATE TABLE class_lessons (
          class_id TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
          pack_id TEXT NOT NULL,
          lesson_id TEXT NOT NULL,
          assigned_at TEXT NOT NULL,
          PRIMARY KEY (class_id, pack_id, lesson_id)
        ) STRICT;
        -- The three pictures, so the teacher can tell a pupil who forgot them (sign-in still checks picture_hash).
        ALTER TABLE pupils ADD COLUMN picture_password TEXT;
      `);
      // Classmates who share an avatar: the first added keeps it, the others get one nobody in the class has.
      const pupils = db.prepare<[], { id: string; class_id: string; avatar: string }>('SELECT id, class_id, avatar FROM pupils WHERE archived = 0 ORDER BY class_id, created_at, rowid').all();
      const update = db.prepare('UPDATE pupils SET avatar = ? WHERE id = ?');
      const taken = new Map<string, Set<string>>();
      const repeats: typeof pupils = [];
      for (const p of pupils) {
        const mine = taken.get(p.class_id) ?? new Set<string>();
        taken.set(p.class_id, mine);
        if (mine.has(p.avatar)) repeats.push(p);
        else mine.add(p.avatar);
      }
      for (const p of repeats) {
        const mine = taken.get(p.class_id) as Set<string>;
        const avatar = freeAvatar(mine);
        update.run(avatar, p.id);
        mine.add(avatar);
      }
    },
  },
];
