import type { CountyQueries } from './db';

/** Months from this many before the county's clock to one after it get a partition of their own. */
export const PARTITION_MONTHS_BACK = 24;

/** 'events_y2026m03' for March 2026 (UTC). */
export function partitionName(year: number, month: number): string {
  return `events_y${year}m${String(month).padStart(2, '0')}`;
}

const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
const iso = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01T00:00:00Z`;

/**
 * Make the monthly partitions these event times need, within the window around `now`; times outside
 * it stay in events_default. A month's rows that went to the default partition before its partition
 * existed (a school clock that ran ahead) move into the new partition first, as PostgreSQL requires.
 */
export async function ensurePartitions(tx: CountyQueries, times: Iterable<string>, now: Date): Promise<void> {
  const newest = monthIndex(now) + 1;
  const months = new Set<number>();
  for (const time of times) {
    const index = monthIndex(new Date(time));
    if (index >= newest - PARTITION_MONTHS_BACK && index <= newest) months.add(index);
  }
  if (months.size === 0) return;
  const names = [...months].map((m) => partitionName(Math.floor(m / 12), (m % 12) + 1));
  const existing = new Set((await tx.query<{ relname: string }>('SELECT relname FROM pg_class WHERE relname = ANY($1::text[])', [names])).map((r) => r.relname));
  for (const month of [...months].sort()) {
    const name = partitionName(Math.floor(month / 12), (month % 12) + 1);
    if (existing.has(name)) continue;
    const [from, to] = [iso(month), iso(month + 1)];
    const inMonth = `at >= '${from}' AND at < '${to}'`;
    await tx.exec(`
CREATE TABLE ${name} (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO ${name} SELECT * FROM events_default WHERE ${inMonth};
DELETE FROM events_default WHERE ${inMonth};
ALTER TABLE events ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}');`);
  }
}
