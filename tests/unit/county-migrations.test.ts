import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY_MIGRATIONS, migrateCounty } from '../../src/core/county/store/migrations';
import { PGLITE_DIR, type CountyDb } from '../../src/core/county/store/db';
import { openPg } from '../../src/core/county/store/pg';
import { openPglite } from '../../src/core/county/store/pglite';
import { openCounty } from '../../src/core/county/store';
import { COUNTY_BACKENDS } from '../support/county';
import { tempDir } from '../support/temp';

/** The database of an older county: its migrations up to `version`, applied as migrateCounty did then. */
async function countyAt(target: { dataDir: string; pg?: string }, version: number): Promise<CountyDb> {
  const db = target.pg ? await openPg(target.pg) : await openPglite(path.join(target.dataDir, PGLITE_DIR));
  await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of COUNTY_MIGRATIONS.filter((m) => m.version <= version)) {
    await db.exec(m.sql);
    await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
  return db;
}

describe.each(COUNTY_BACKENDS)('county migrations on $name', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  it("migration 3 keeps every pupil's first tries, one row per pupil, and leaves nothing for the current code to apply", async () => {
    // An empty database: PGlite's fresh() copies a migrated one.
    const target = backend.name === 'PGlite' ? { dataDir: tempDir('kite-county-') } : await backend.fresh();
    const db = await countyAt(target, 2);
    const school = '0123456789abcdef';
    // An older county's rows: two pupils, a step id that is a JavaScript object's own word, microseconds kept.
    await db.exec(`INSERT INTO question_first (school_id, pupil_id, pack_id, lesson_id, step_id, at, event_id, correct) VALUES
      ('${school}', 'p1', 'pack.a', 'l1', 'q1', '2026-09-01T08:00:00.123456Z', 'e1', 1),
      ('${school}', 'p1', 'pack.a', 'l1', '__proto__', '2026-09-01T08:01:00Z', 'e2', 0),
      ('${school}', 'p1', 'pack.b', 'l9', 'q1', '2026-09-02T08:00:00Z', 'e3', 0),
      ('${school}', 'p2', 'pack.a', 'l1', 'q1', '2026-09-03T08:00:00.5Z', 'e4', 1)`);
    expect(await migrateCounty(db)).toBe(COUNTY_MIGRATIONS.length - 2);
    const rows = await db.query<{ pupil_id: string; tries: string }>('SELECT pupil_id, tries::text AS tries FROM first_tries ORDER BY pupil_id');
    const us = (iso: string, extra = 0) => Date.parse(iso) * 1000 + extra;
    expect(rows.map((r) => [r.pupil_id, JSON.parse(r.tries)])).toEqual([
      ['p1', { 'pack.a': { l1: JSON.parse(`{"q1": [${us('2026-09-01T08:00:00.123Z', 456)}, "e1", 1], "__proto__": [${us('2026-09-01T08:01:00Z')}, "e2", 0]}`) }, 'pack.b': { l9: { q1: [us('2026-09-02T08:00:00Z'), 'e3', 0] } } }],
      ['p2', { 'pack.a': { l1: { q1: [us('2026-09-03T08:00:00.5Z'), 'e4', 1] } } }],
    ]);
    expect(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'question_first'")).toEqual([]);
    await db.close();
    // The current code opens it as it is: nothing left to apply.
    const county = await openCounty(target);
    expect(await county.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: COUNTY_MIGRATIONS.length }]);
    await county.close();
  });
});
