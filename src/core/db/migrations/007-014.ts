import type { Migration } from './migration';

/** Migrations 7–14: the room and the county (hub devices and sync, narration, device sequence numbers, drag hints, headsets, held ranges), archived classes. The next one goes here. */
export const migrations7to14: Migration[] = [
  {
    version: 7,
    name: 'classroom hub: the pupil PCs paired with this hub (only a hash of each device credential)',
    up: (db) => {
      db.exec(`
        CREATE TABLE hub_devices (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          token_hash TEXT NOT NULL,
          address TEXT,
          paired_at TEXT NOT NULL,
          last_seen_at TEXT,
          removed_at TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 8,
    name: 'classroom hub sync: which events the hub has taken (pupil PC), what each pupil PC has pushed (hub)',
    up: (db) => {
      db.exec(`
        -- Pupil PC: events (by progress_events.seq) the hub acknowledged or refused (or refused, and to
        -- be offered again: retry). Below the kv watermark 'hub.outbox.through' only refused/retry rows stay.
        CREATE TABLE hub_outbox_done (
          seq INTEGER PRIMARY KEY,
          state TEXT NOT NULL CHECK (state IN ('acked', 'refused', 'retry')),
          reason TEXT,
          at TEXT NOT NULL
        ) STRICT;
        -- Hub: per pupil PC, what its pushes brought and how far its clock is from the hub's.
        CREATE TABLE hub_sync_devices (
          device_id TEXT PRIMARY KEY,
          pushes INTEGER NOT NULL,
          events_added INTEGER NOT NULL,
          events_again INTEGER NOT NULL,
          events_refused INTEGER NOT NULL,
          clock_skew_ms INTEGER,
          last_push_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 9,
    name: "the teacher's own narration recordings, per pack version, lesson, step and language",
    up: (db) => {
      db.exec(`
        CREATE TABLE narration_recordings (
          pack_id TEXT NOT NULL,
          pack_version TEXT NOT NULL,
          lesson_id TEXT NOT NULL,
          step_id TEXT NOT NULL,
          language TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          ext TEXT NOT NULL,
          type TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          duration_ms INTEGER NOT NULL,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (pack_id, pack_version, lesson_id, step_id, language)
        ) STRICT;
        CREATE INDEX narration_recordings_file ON narration_recordings (sha256, ext);
      `);
    },
  },
  {
    version: 10,
    name: 'county bundles: a per-device sequence number on every progress event, and what the county has acknowledged',
    up: (db) => {
      db.exec(`
        -- The n-th event its device recorded (1, 2, 3…): set by that device, carried in progress files and
        -- the hub's stream, so a county can tell per device what it has and what is missing.
        ALTER TABLE progress_events ADD COLUMN device_seq INTEGER;
        CREATE INDEX progress_events_device_seq ON progress_events (device_id, device_seq);
        -- Per device, the highest device_seq the county holds with no gap from 1 (from its signed receipts).
        CREATE TABLE county_watermarks (
          device_id TEXT PRIMARY KEY,
          through INTEGER NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
      `);
      // Events from before: numbered per device in the order that device made them (its clock only moves
      // forward per event, ties by id). Every PC holding the same events gives them the same numbers.
      db.exec(`
        UPDATE progress_events SET device_seq = numbered.n
        FROM (SELECT seq, row_number() OVER (PARTITION BY device_id ORDER BY at, id) AS n FROM progress_events) AS numbered
        WHERE numbered.seq = progress_events.seq;
      `);
    },
  },
  {
    version: 11,
    name: 'the first-time drag hints each pupil has seen, per activity type',
    up: (db) => {
      db.exec(`
        CREATE TABLE pupil_hints_seen (
          pupil_id TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          seen_at TEXT NOT NULL,
          PRIMARY KEY (pupil_id, kind)
        ) STRICT;
      `);
    },
  },
  {
    version: 12,
    name: 'classroom hub: what kind of device each paired device is (a pupil PC or a VR headset)',
    up: (db) => {
      db.exec(`
        ALTER TABLE hub_devices ADD COLUMN kind TEXT NOT NULL DEFAULT 'pupil-pc' CHECK (kind IN ('pupil-pc', 'headset'));
      `);
    },
  },
  {
    version: 13,
    name: 'a removed class whose removed pupils keep their progress is archived, not deleted; its name is free again',
    up: (db) => {
      db.exec(`
        ALTER TABLE classes ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
        DROP INDEX classes_name;
        CREATE UNIQUE INDEX classes_name ON classes (name) WHERE archived = 0;
      `);
    },
  },
  {
    version: 14,
    name: 'county: what each bundle sent, and what receipts confirmed held above a gap the school cannot fill',
    up: (db) => {
      db.exec(`
        -- Each bundle's device ranges, until its receipt comes back (matched by the bundle's chain).
        CREATE TABLE county_sent (
          chain TEXT NOT NULL,
          device_id TEXT NOT NULL,
          from_seq INTEGER NOT NULL,
          to_seq INTEGER NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX county_sent_chain ON county_sent (chain);
        -- Ranges the county holds above a device's watermark: past a hole, the watermark stops, these are not sent again.
        CREATE TABLE county_held (
          device_id TEXT NOT NULL,
          from_seq INTEGER NOT NULL,
          to_seq INTEGER NOT NULL,
          PRIMARY KEY (device_id, from_seq)
        ) STRICT;
      `);
    },
  },
];
