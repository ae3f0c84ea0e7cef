import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VerifiedBundle } from '../../src/shared/county/bundle';
import { openCounty } from '../../src/core/county/store';
import { ingest } from '../../src/core/county/store/ingest';
import type { CountyDb, CountyQueries } from '../../src/core/county/store/db';
import { startPostgres } from '../../tests/support/postgres';
import { cut, rangesOf, scaled, simEvents, simSchool } from '../county-sim';

const shape = scaled();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-prof-'));
const server = await startPostgres({ durable: true });
const county = await openCounty({ dataDir: work, pg: server.url });
const times = new Map<string, number>();
const timed = (q: CountyQueries): CountyQueries => ({
  async query(sql, params) { const t = performance.now(); try { return await q.query(sql, params); } finally { const k = sql.replace(/\s+/g, ' ').trim().slice(0, 60); times.set(k, (times.get(k) ?? 0) + performance.now() - t); } },
  async copy(t, c, r) { const s = performance.now(); try { return await q.copy(t, c, r); } finally { const k = 'COPY ' + t; times.set(k, (times.get(k) ?? 0) + performance.now() - s); } },
  async exec(sql) { const t = performance.now(); try { return await q.exec(sql); } finally { const k = sql.replace(/\s+/g, ' ').trim().slice(0, 60); times.set(k, (times.get(k) ?? 0) + performance.now() - t); } },
});
const db: CountyDb = { ...county.db, transaction: (fn) => county.db.transaction((tx) => fn(timed(tx))) };
const bundles: VerifiedBundle[] = [];
let n = 0;
for (let i = 0; i < shape.schools; i++) {
  const school = simSchool(i, shape.pupils);
  await county.schools.add(school.key.publicKey, school.name);
  for (const part of cut(simEvents(school, shape), shape.bundlesPerSchool)) {
    const named = new Set(part.map((e) => e.pupil_id));
    n += part.length;
    bundles.push({ header: { t: 'kbundle', format: 1, schoolKeyId: school.key.keyId, createdAt: part[part.length - 1]?.at as string, appVersion: '0.1.0', ranges: rangesOf(part), events: part.length }, pupils: school.pupils.filter((p) => named.has(p.id)), events: part, chain: crypto.createHash('sha256').update(`${i} ${part[0]?.id}`).digest('hex') });
  }
}
const t0 = performance.now();
for (const b of bundles) await ingest(db, county.key, b);
const total = performance.now() - t0;
console.log(`events ${n} total ${Math.round(total)} ms  ${Math.round(n / total * 1000)}/s`);
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1])) console.log(Math.round(v).toString().padStart(7), k);
await county.close();
await server.stop();
fs.rmSync(work, { recursive: true, force: true });
