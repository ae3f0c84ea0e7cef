import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/core/county/bundle/read';
import { importReceipt } from '../../src/core/county/bundle/receipt';
import { loadSchoolIdentity } from '../../src/core/county/bundle/identity';
import { loadDashboard, MIN_PUPILS, weekOf } from '../../src/core/county/dashboard';
import { openCounty, type County } from '../../src/core/county/store';
import { addPupils, EASY_STEP, HARD_STEP, makeSchool, schoolBundle, schoolKey, SECRETS } from '../support/county-school';
import { tempDir } from '../support/temp';

const schoolKeyId = (dir: string) => loadSchoolIdentity(dir).publicKey.keyId;
const right = { hardRight: true, easyRight: true, finish: true };
const wrongFirst = { hardRight: false, easyRight: true, finish: true };
const unfinished = { hardRight: false, easyRight: false, finish: false };

/** Ingest a school's bundle the way the server does: verified whole, then ingested. */
async function send(county: County, school: Awaited<ReturnType<typeof makeSchool>>) {
  return county.ingest(await county.read(await schoolBundle(school.core, school.dataDir)));
}

describe('the county dashboard queries, on data ingested from real school bundles', () => {
  let county: County;
  // Folders that last the whole suite (tempDir's go after each test).
  const dirs: string[] = [];
  const suiteDir = (prefix: string) => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    return dirs.at(-1) as string;
  };
  let a: Awaited<ReturnType<typeof makeSchool>>;
  let b: Awaited<ReturnType<typeof makeSchool>>;

  beforeAll(async () => {
    county = await openCounty({ dataDir: suiteDir('kite-county-') });
    // School A, grade 3: 6 pupils; school B, grade 5: 4 pupils; school C registered but never synced.
    a = await makeSchool(3, [right, right, wrongFirst, wrongFirst, wrongFirst, unfinished], suiteDir('kite-school-a-'));
    b = await makeSchool(5, [right, wrongFirst, unfinished, unfinished], suiteDir('kite-school-b-'));
    await county.schools.add(schoolKey(a.dataDir), '东山小学');
    await county.schools.add(schoolKey(b.dataDir), '西河小学');
    await county.schools.add(schoolKey(tempDir('kite-school-c-')), '南岭小学');
    await send(county, a);
    await send(county, b);
  }, 60_000);
  afterAll(async () => {
    await county.close();
    a.core.close();
    b.core.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts schools, pupils, answers and finished lessons, and flags the school that never synced', async () => {
    const d = await loadDashboard(county.db, 'zh-CN');
    expect(d.totals).toEqual({ schools: 3, pupils: 10, attempts: 10 * 2 + 7, finished: 7, stale: 1 });
    const names = d.schools.map((s) => [s.name, s.stale, s.pupils, s.bundles]);
    expect(names).toEqual([['南岭小学', true, 0, 0], ['东山小学', false, 6, 1], ['西河小学', false, 4, 1]].sort((x, y) => (x[0] === '南岭小学' ? -1 : y[0] === '南岭小学' ? 1 : 0)));
    expect(d.schools[0]?.lastSyncAt).toBeNull();
    expect(d.schools.find((s) => s.name === '东山小学')?.daysSince).toBe(0);
  });

  it('shows completion by grade and lesson, with average stars', async () => {
    const d = await loadDashboard(county.db, 'en');
    const rows = d.completion.map((r) => [r.grade, r.lessonId, r.started, r.finished]);
    expect(rows).toEqual([
      [3, SECRETS.lessonId, 6, 5],
      [5, SECRETS.lessonId, 4, 2],
    ]);
    expect(d.completion[0]?.avgStars).toBeGreaterThan(0);
  });

  it('ranks the hardest questions by first-try success across schools', async () => {
    const d = await loadDashboard(county.db, 'en');
    expect(d.hardest.map((q) => [q.stepId, q.pupils, q.firstTryRight])).toEqual([
      // where-do-you-live: right first by 2 + 1 of 10; game-form: by 8 of 10.
      [HARD_STEP, 10, 3],
      [EASY_STEP, 10, 7],
    ]);
    expect(MIN_PUPILS).toBeLessThanOrEqual(10);
  });

  it('has this week in the trend, and a school syncing again moves the numbers without doubling them', async () => {
    const before = await loadDashboard(county.db, 'en');
    expect(before.weeks).toEqual([{ week: weekOf(Date.now()), activePupils: 10, lessonsFinished: 7 }]);
    await addPupils(b, [right, right]);
    // Without the first receipt, the school sends everything again: only the new events count.
    const receipt = await send(county, b);
    expect(receipt).toMatchObject({ added: 2 * 3, again: 13 });
    const after = await loadDashboard(county.db, 'en');
    expect(after.totals.pupils).toBe(12);
    expect(after.completion.find((r) => r.grade === 5)).toMatchObject({ started: 6, finished: 4 });
    expect(after.schools.find((s) => s.name === '西河小学')?.bundles).toBe(2);
    // The same bundle again (a replay) changes nothing the dashboard shows.
    const replay = await county.read(await schoolBundle(b.core, b.dataDir));
    expect((await county.ingest(replay)).added).toBe(0);
    expect((await loadDashboard(county.db, 'en')).totals).toEqual(after.totals);
    // With the receipt imported, the school's next bundle holds nothing old.
    importReceipt(b.core.db, schoolKeyId(b.dataDir), receipt, county.key.publicKey);
    const next = await readBundle(await schoolBundle(b.core, b.dataDir), (id) => county.schools.trust(id));
    expect(next.events).toEqual([]);
  });

  it('is quiet before any school syncs', async () => {
    const empty = await openCounty({ dataDir: tempDir('kite-county-empty-') });
    try {
      const d = await loadDashboard(empty.db, 'zh-CN');
      expect(d).toMatchObject({ totals: { schools: 0, pupils: 0, attempts: 0, finished: 0, stale: 0 }, schools: [], completion: [], hardest: [], weeks: [] });
    } finally {
      await empty.close();
    }
  });

  it('weeks start on Monday, China time', () => {
    expect(weekOf(Date.parse('2026-12-06T15:59:00Z'))).toBe('2026-11-30'); // Sunday 23:59 in Beijing
    expect(weekOf(Date.parse('2026-12-06T16:00:00Z'))).toBe('2026-12-07'); // Monday 00:00 in Beijing
  });
});
