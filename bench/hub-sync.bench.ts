import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withBudget, type Bench } from './lib';
import { openDatabase } from '../src/core/db/open';
import { createProgress } from '../src/core/progress';
import { createHubSync } from '../src/core/hub/sync';
import { EVENT_COLUMNS, type StoredEvent } from '../src/core/progress/store';

const PCS = 40;
const BATCH = 200;
const PER_PC = 500;

/** One pupil PC's events: its pupil's answers and finishes over 10 lessons, as a progress file holds them. */
export function pcEvents(pc: number, device: string, pupil: string, count = PER_PC): StoredEvent[] {
  const base = Date.parse('2026-09-01T08:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const finish = i % 25 === 24;
    return {
      id: crypto.randomUUID(), device_id: device, pupil_id: pupil, kind: finish ? 'finish' : 'attempt', pack_id: 'org.kite.safe-online', pack_version: '1.0.0',
      lesson_id: `lesson-${Math.floor(i / 50)}`, step_id: finish ? null : `q${i % 12}`, activity_type: finish ? null : 'single-choice', answer_json: finish ? null : '{"chosen":[1]}',
      correct: finish ? null : i % 3 ? 1 : 0, hints_used: finish ? null : 0, time_ms: finish ? null : 2500, score: finish ? 80 : null, stars: finish ? 2 : null,
      at: new Date(base + pc * 7 + i * 1000).toISOString(),
    };
  });
}

/** What 40 pupil PCs push, as JSON off the wire. */
function pushes(pupils: string[]): { device: string; events: unknown[] }[] {
  const batches: { device: string; events: unknown[] }[] = [];
  for (let pc = 0; pc < PCS; pc++) {
    const device = crypto.randomUUID();
    const events = pcEvents(pc, device, pupils[pc] as string);
    for (let i = 0; i < events.length; i += BATCH) batches.push({ device, events: JSON.parse(JSON.stringify(events.slice(i, i + BATCH))) as unknown[] });
  }
  // The PCs take turns, as their pushes would reach the hub.
  return batches.sort((a, b) => (a.events[0] as StoredEvent).at.localeCompare((b.events[0] as StoredEvent).at));
}

/** The baseline: a bare better-sqlite3 table of the event columns, WAL + synchronous=FULL, one transaction per batch. */
export function rawInserter(file: string) {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(`CREATE TABLE t (seq INTEGER PRIMARY KEY, ${EVENT_COLUMNS.map((c) => (c === 'id' ? 'id TEXT UNIQUE' : c)).join(', ')})`);
  const insert = raw.prepare(`INSERT INTO t (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => '@' + c).join(', ')})`);
  return { batch: raw.transaction((events: unknown[]) => events.forEach((e) => insert.run(e as StoredEvent))), close: () => raw.close() };
}

/**
 * The hub ingesting pushed batches (each event checked with the progress file's schema, stored once,
 * counted into its summary, acknowledged, one transaction per push) against a bare INSERT of the same
 * rows, a transaction per batch; both WAL + synchronous=FULL on the same disk.
 */
function ingestVsRaw() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-hub-sync-'));
  try {
    const db = openDatabase(path.join(dir, 'kite.db'));
    const progress = createProgress(db);
    const cls = progress.roster.createClass('六年级一班', 6);
    const pupils = Array.from({ length: PCS }, (_, i) => progress.roster.addPupil(cls.id, `学生${i}`).id);
    const hub = createHubSync(db, progress.store);
    const work = pushes(pupils);
    const raw = rawInserter(path.join(dir, 'raw.db'));
    let ours = 0;
    let bare = 0;
    let acked = 0;
    for (const push of work) {
      let t = performance.now();
      acked += hub.ingest(push.device, push.events).acked.length;
      ours += performance.now() - t;
      t = performance.now();
      raw.batch(push.events);
      bare += performance.now() - t;
    }
    // The same pushes again (answers lost): every event acknowledged again, nothing stored twice.
    let again = performance.now();
    for (const push of work.slice(0, 20)) hub.ingest(push.device, push.events);
    again = performance.now() - again;
    const events = work.reduce((n, p) => n + p.events.length, 0);
    if (acked !== events) throw new Error(`ingest acknowledged ${acked} of ${events}`);
    db.close();
    raw.close();
    return { events, ours, bare, againPerEvent: again / (20 * BATCH) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const hubSyncBench: Bench = {
  name: 'hub-sync',
  async run() {
    const r = ingestVsRaw();
    const perSecond = (ms: number) => Math.round((r.events / ms) * 1000);
    return [
      withBudget(
        {
          name: 'hub-ingest-throughput', value: perSecond(r.ours), unit: 'events/s',
          baseline: { name: 'raw better-sqlite3 INSERT of the same rows, a transaction per batch, WAL + synchronous=FULL', value: perSecond(r.bare) },
          ratio: +(r.ours / r.bare).toFixed(2),
          notes: `${r.events.toLocaleString('en')} events from ${PCS} pupil PCs in pushes of ${BATCH}; ours = schema check + duplicate and pupil check + insert + summary + per-device stats; a re-sent push costs ${(r.againPerEvent * 1000).toFixed(1)} µs an event`,
        },
        6,
        'ratio',
      ),
    ];
  },
};
