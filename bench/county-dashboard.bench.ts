// The county dashboard on a real PostgreSQL (a throwaway cluster) filled with the simulator's county
// through county-store's ingest: the time a viewer waits for the dashboard page (every query + the
// HTML), p95 over repeated loads, against recounting the same completion table straight from the
// events (what the incrementally kept aggregates save). Budget: p95 < 300 ms. KITE_COUNTY_SCALE
// shrinks the county (default 0.02; 1 = 200 schools × 300 pupils × 14 lessons ≈ 10M events).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestBundleOf } from '../src/core/county/store/ingest';
import { loadDashboard } from '../src/core/county/dashboard';
import { dashboardPage } from '../src/core/county/server/pages/dashboard-page';
import { openCounty } from '../src/core/county/store';
import { startPostgres } from '../tests/support/postgres';
import { cut, rangesOf, scaled, simEvents, simSchool } from './county-sim';
import { median, withBudget, type Bench, type BenchResult } from './lib';

const RUNS = 40;

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] as number;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** The completion-by-grade table recounted from the events (no aggregates): the baseline. */
const RECOUNT = `SELECT coalesce(p.grade, 0) AS grade, e.pack_id, e.lesson_id, count(DISTINCT e.pupil_id) AS started,
  count(DISTINCT e.pupil_id) FILTER (WHERE e.kind = 'finish') AS finished
  FROM events e JOIN pupils p USING (school_id, pupil_id) WHERE e.kind <> 'reset' GROUP BY 1, 2, 3`;

export const countyDashboard: Bench = {
  name: 'county-dashboard',
  async run(): Promise<BenchResult[]> {
    const shape = scaled();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-county-dash-'));
    const server = await startPostgres();
    const county = await openCounty({ dataDir: work, pg: server.url });
    try {
      let events = 0;
      const fillStarted = performance.now();
      for (let i = 0; i < shape.schools; i++) {
        const school = simSchool(i, shape.pupils);
        await county.schools.add(school.key.publicKey, school.name);
        // Two syncs a school, as bundles the county verified (the same rows readBundle gives ingest).
        for (const part of cut(simEvents(school, shape), 2)) {
          const named = new Set(part.map((e) => e.pupil_id));
          const bundle = ingestBundleOf({
            header: { t: 'kbundle', format: 1, schoolKeyId: school.key.keyId, schoolName: school.name, createdAt: part[part.length - 1]?.at as string, appVersion: '0.1.0', ranges: rangesOf(part), events: part.length },
            pupils: school.pupils.filter((p) => named.has(p.id)),
            events: part,
            chain: crypto.createHash('sha256').update(`${i} ${part[0]?.id}`).digest('hex'),
          });
          events += (await county.ingest(bundle)).added;
        }
      }
      const fillMs = performance.now() - fillStarted;
      const now = Date.parse('2026-12-15T00:00:00Z');
      const load = async () => dashboardPage({ lang: 'zh-CN', viewer: 'bench', path: '/dashboard' }, await loadDashboard(county.db, 'zh-CN', undefined, now));
      for (let i = 0; i < 5; i++) await load();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await load();
        times.push(performance.now() - started);
      }
      const recount: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await county.db.query(RECOUNT);
        recount.push(performance.now() - started);
      }
      const shapeNote = `${shape.schools} schools × ${shape.pupils} pupils × ${shape.lessons} lessons: ${events} events on PostgreSQL (filled by ingest in ${Math.round(fillMs / 1000)} s)`;
      return [
        withBudget({ name: 'dashboard page p95 (all queries + HTML)', value: round(p95(times)), unit: 'ms', baseline: { name: 'completion recounted from events', value: round(median(recount)) }, ratio: Math.round((p95(times) / median(recount)) * 100) / 100, notes: shapeNote }, 300),
        { name: 'dashboard page median', value: round(median(times)), unit: 'ms', notes: shapeNote },
      ];
    } finally {
      await county.close();
      await server.stop();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
