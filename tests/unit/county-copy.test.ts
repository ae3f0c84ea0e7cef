import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleEvent } from '../../src/shared/county/bundle';
import { readBundle } from '../../src/core/county/bundle/read';
import { CopyText, rowsOf } from '../../src/core/county/store/copy';
import { deltasOf } from '../../src/core/county/store/deltas';
import { eventRow, ingestBundleOf, readForIngest } from '../../src/core/county/store/ingest';
import { openCounty, type County } from '../../src/core/county/store';
import { rangesOf, simEvents, simSchool, writeSimBundle } from '../../bench/county-sim';
import { aggregatesAndRecount } from '../support/county';
import { tempDir } from '../support/temp';

// Text a pupil's answer may hold: every character COPY text escapes, its NULL marker as plain text, and more.
const AWKWARD = ['tab\there', 'two\nlines', 'cr\r\nlf', 'back\\slash', '\\N', '\\t not a tab', '汉字 and ✓', ''];

const school = simSchool(0, 4);
// Other text fields may not hold control characters, but may hold a backslash (and the NULL marker as text).
const events: BundleEvent[] = simEvents(school, { lessons: 2, attempts: 3 }).map((e, i) =>
  e.kind === 'attempt' ? { ...e, answer_json: AWKWARD[i % AWKWARD.length] as string, activity_type: i % 2 ? '\\N' : 'type\\one', pack_version: `1.0\\${i}` } : e,
);

describe("a bundle's events kept as COPY text (what the county holds of a bundle between reading and writing it)", () => {
  let county: County | undefined;
  afterEach(async () => {
    await county?.close();
    county = undefined;
  });

  it('round-trips every value, escaped characters and NULLs included, across chunks', () => {
    const text = new CopyText();
    const rows = Array.from({ length: 3000 }, (_, i) => [`id-${i}`, AWKWARD[i % AWKWARD.length], i % 3 === 0 ? null : i, i % 5 === 0 ? undefined : 'x']);
    for (const row of rows) text.add(row);
    expect(text.buffers().length).toBeGreaterThan(1); // more than one 64 KB chunk
    expect([...rowsOf(text)]).toEqual(rows.map((row) => row.map((v) => (v === null || v === undefined ? null : String(v)))));
  });

  it('reading for ingest keeps the same rows, deltas, months and pupils as the events read whole', async () => {
    const file = path.join(tempDir(), 'awkward.kbundle');
    await writeSimBundle(file, school, { events });
    const trust = () => school.key;
    const whole = await readBundle(file, trust);
    const kept = await readForIngest(file, trust);
    expect(kept.chain).toBe(whole.chain);
    expect(kept.header.events).toBe(events.length);
    expect([...rowsOf(kept.events.rows)]).toEqual(whole.events.map((e) => eventRow(school.key.keyId, e).map((v) => (v === null ? null : String(v)))));
    expect(kept.events.deltas).toEqual(deltasOf(whole.events));
    expect([...kept.events.pupils].sort()).toEqual([...new Set(events.map((e) => e.pupil_id))].sort());
    expect([...kept.events.months]).toEqual([...new Set(events.map((e) => `${e.at.slice(0, 7)}-01T00:00:00Z`))]);
  });

  it('a bundle part of which the county holds adds the rest with their exact answers, and the aggregates match a recount', async () => {
    county = await openCounty({ dataDir: tempDir() });
    await county.schools.add(school.key.publicKey, 'Awkward school');
    const half = Math.floor(events.length / 2);
    const first = ingestBundleOf({ header: header(events.slice(0, half)), pupils: school.pupils, events: events.slice(0, half), chain: 'a'.repeat(64) });
    expect((await county.ingest(first)).added).toBe(half);
    // All of them again, under another chain: the held half is skipped, the rest comes back from its COPY rows.
    const all = ingestBundleOf({ header: header(events), pupils: school.pupils, events, chain: 'b'.repeat(64) });
    expect(await county.ingest(all)).toMatchObject({ added: events.length - half, again: half });
    const held = await county.db.query<{ id: string; answer_json: string | null }>('SELECT id, answer_json FROM events');
    expect(new Map(held.map((r) => [r.id, r.answer_json]))).toEqual(new Map(events.map((e) => [e.id, e.answer_json])));
    for (const [table, [stored, recount]] of Object.entries(await aggregatesAndRecount(county.db))) expect(stored, table).toEqual(recount);
  });
});

const header = (list: BundleEvent[]) => ({ t: 'kbundle' as const, format: 1 as const, schoolKeyId: school.key.keyId, createdAt: list[list.length - 1]?.at as string, appVersion: '0.1.0', ranges: rangesOf(list), events: list.length });
