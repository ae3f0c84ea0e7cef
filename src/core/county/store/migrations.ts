import type { CountyDb } from './db';
import { VIEWER_TABLES_SQL } from '../viewers';

/**
 * The county database's migrations, numbered, in plain SQL that PostgreSQL 15 and later and PGlite
 * (PostgreSQL 18) all run. Never edit a shipped one: add the next number. schema.md describes the tables.
 */
export const COUNTY_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'schools, devices, pupils, events by month, bundles, aggregates',
    sql: `
CREATE TABLE schools (
  school_id text PRIMARY KEY,
  name text NOT NULL,
  public_key text NOT NULL UNIQUE,
  added_at timestamptz NOT NULL DEFAULT now(),
  last_bundle_at timestamptz,
  last_school_clock timestamptz,
  bundles integer NOT NULL DEFAULT 0,
  events bigint NOT NULL DEFAULT 0
);
CREATE TABLE devices (
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  device_id text NOT NULL,
  through bigint NOT NULL DEFAULT 0,
  max_seq bigint NOT NULL DEFAULT 0,
  last_bundle_at timestamptz NOT NULL,
  PRIMARY KEY (school_id, device_id)
);
CREATE TABLE device_ranges (
  school_id text NOT NULL,
  device_id text NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  PRIMARY KEY (school_id, device_id, from_seq),
  FOREIGN KEY (school_id, device_id) REFERENCES devices ON DELETE CASCADE
);
CREATE TABLE pupils (
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  pupil_id text NOT NULL,
  grade smallint,
  class_id text,
  class_name text,
  first_seen_at timestamptz NOT NULL,
  school_clock timestamptz NOT NULL,
  PRIMARY KEY (school_id, pupil_id)
);
CREATE TABLE events (
  school_id text NOT NULL,
  id text NOT NULL,
  device_id text NOT NULL,
  device_seq bigint NOT NULL,
  pupil_id text NOT NULL,
  kind text NOT NULL,
  pack_id text,
  pack_version text,
  lesson_id text,
  step_id text,
  activity_type text,
  answer_json text,
  correct smallint,
  hints_used integer,
  time_ms integer,
  score smallint,
  stars smallint,
  at timestamptz NOT NULL,
  PRIMARY KEY (school_id, id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE TABLE bundles (
  chain text PRIMARY KEY,
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  school_clock timestamptz NOT NULL,
  first_received_at timestamptz NOT NULL,
  last_received_at timestamptz NOT NULL,
  times integer NOT NULL DEFAULT 1,
  events integer NOT NULL,
  added integer NOT NULL,
  again integer NOT NULL
);
CREATE INDEX bundles_by_school ON bundles (school_id, last_received_at);
CREATE TABLE lesson_progress (
  school_id text NOT NULL,
  pupil_id text NOT NULL,
  pack_id text NOT NULL,
  lesson_id text NOT NULL,
  started_at timestamptz NOT NULL,
  finished smallint NOT NULL,
  best_stars smallint NOT NULL,
  attempts integer NOT NULL,
  PRIMARY KEY (school_id, pupil_id, pack_id, lesson_id)
);
CREATE TABLE lesson_stats (
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  grade smallint NOT NULL,
  pack_id text NOT NULL,
  lesson_id text NOT NULL,
  pupils_started integer NOT NULL,
  pupils_finished integer NOT NULL,
  stars_sum integer NOT NULL,
  attempts integer NOT NULL,
  PRIMARY KEY (school_id, grade, pack_id, lesson_id)
);
CREATE TABLE question_first (
  school_id text NOT NULL,
  pupil_id text NOT NULL,
  pack_id text NOT NULL,
  lesson_id text NOT NULL,
  step_id text NOT NULL,
  at timestamptz NOT NULL,
  event_id text NOT NULL,
  correct smallint NOT NULL,
  PRIMARY KEY (school_id, pupil_id, pack_id, lesson_id, step_id)
);
CREATE TABLE question_stats (
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  pack_id text NOT NULL,
  lesson_id text NOT NULL,
  step_id text NOT NULL,
  first_tries integer NOT NULL,
  first_try_correct integer NOT NULL,
  PRIMARY KEY (school_id, pack_id, lesson_id, step_id)
);
CREATE TABLE pupil_weeks (
  school_id text NOT NULL,
  week date NOT NULL,
  pupil_id text NOT NULL,
  PRIMARY KEY (school_id, week, pupil_id)
);
CREATE TABLE weekly_counts (
  school_id text NOT NULL REFERENCES schools ON DELETE CASCADE,
  week date NOT NULL,
  events integer NOT NULL,
  attempts integer NOT NULL,
  finishes integer NOT NULL,
  active_pupils integer NOT NULL,
  PRIMARY KEY (school_id, week)
);
`,
  },
  { version: 2, name: 'dashboard viewers and their sessions', sql: VIEWER_TABLES_SQL },
  {
    version: 3,
    name: "first tries one row per pupil (first_tries) instead of one per pupil and question (question_first)",
    // tries: {pack: {lesson: {step: [at in µs since 1970, event_id, correct]}}}, the pupil's earliest scored attempt at each question.
    sql: `
CREATE TABLE first_tries (
  school_id text NOT NULL,
  pupil_id text NOT NULL,
  tries jsonb NOT NULL,
  PRIMARY KEY (school_id, pupil_id)
);
INSERT INTO first_tries (school_id, pupil_id, tries)
SELECT school_id, pupil_id, jsonb_object_agg(pack_id, lessons) FROM (
  SELECT school_id, pupil_id, pack_id, jsonb_object_agg(lesson_id, steps) AS lessons FROM (
    SELECT school_id, pupil_id, pack_id, lesson_id,
      jsonb_object_agg(step_id, jsonb_build_array((extract(epoch FROM at) * 1000000)::int8, event_id, correct)) AS steps
    FROM question_first GROUP BY school_id, pupil_id, pack_id, lesson_id
  ) by_lesson GROUP BY school_id, pupil_id, pack_id
) by_pack GROUP BY school_id, pupil_id;
DROP TABLE question_first;
`,
  },
];

const LOCK = 18_001; // pg_advisory_xact_lock key: one migrator at a time (two `kite county` commands starting together)

/** Bring the database up to the newest migration, each in its own transaction. */
export async function migrateCounty(db: CountyDb): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  let applied = 0;
  for (const migration of COUNTY_MIGRATIONS) {
    applied += await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return 0;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return 1;
    });
  }
  return applied;
}
