import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { median, withBudget, type Bench } from './lib';
import { openDatabase } from '../src/core/db/open';
import { createProgress } from '../src/core/progress';
import { EVENT_COLUMNS, type StoredEvent } from '../src/core/progress/store';

const ROOT = path.join(import.meta.dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-progress-'));

function attemptInput(i: number) {
  return {
    attemptId: crypto.randomUUID(), packId: 'org.kite.safe-online', packVersion: '1.0.0', lessonId: `lesson-${i % 8}`, stepId: `q${i % 12}`,
    activityType: 'single-choice', answer: { chosen: [i % 3] }, correct: i % 3 !== 0, hintsUsed: 0, timeMs: 2000,
  };
}

/** Recording one attempt through the core (event + summary, one transaction) against a bare INSERT, both WAL + synchronous=FULL. */
function recordVsRaw(runs = 400) {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'kite.db'));
  const progress = createProgress(db);
  const cls = progress.roster.createClass('一班', 1);
  const pupil = progress.roster.addPupil(cls.id, '小明');
  const raw = new Database(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, pupil TEXT, lesson TEXT, step TEXT, answer TEXT, correct INTEGER, time_ms INTEGER, at TEXT)');
  const insert = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = attemptInput(i);
    let t = performance.now();
    progress.store.recordAttempt(pupil.id, a);
    ours.push(performance.now() - t);
    t = performance.now();
    insert.run(a.attemptId, pupil.id, a.lessonId, a.stepId, JSON.stringify(a.answer), a.correct ? 1 : 0, a.timeMs, new Date().toISOString());
    bare.push(performance.now() - t);
  }
  db.close();
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ours: median(ours), bare: median(bare), runs };
}

/**
 * Recording one attempt when the pupil's lesson already holds 100, 5,000 or 20,000 events: the
 * summary is kept up from the new event alone, so the cost must not grow with the history. The
 * PCs take turns, attempt by attempt, so a busy disk (fsync) weighs on each the same.
 */
function recordWithHistory(histories: number[], runs = 300): Map<number, number> {
  const base = Date.parse('2026-09-01T08:00:00Z');
  const pcs = histories.map((history) => {
    const dir = tmp();
    const db = openDatabase(path.join(dir, 'kite.db'));
    const progress = createProgress(db);
    const pupil = progress.roster.addPupil(progress.roster.createClass('一班', 1).id, '小明');
    const past = Array.from({ length: history }, (_, i) =>
      event(pupil.id, i % 50 === 49 ? 'finish' : 'attempt', 'lesson-0', base + i * 1000, i % 50 === 49 ? { score: 80, stars: 2 } : { step_id: `q${i % 12}`, correct: i % 3 ? 1 : 0, time_ms: 2500 }),
    );
    for (let i = 0; i < past.length; i += 5000) progress.store.insertEvents(past.slice(i, i + 5000));
    return { history, dir, db, progress, pupilId: pupil.id, times: [] as number[] };
  });
  for (let i = -30; i < runs; i++) {
    for (const pc of pcs) {
      const a = { ...attemptInput(i + 30), lessonId: 'lesson-0' };
      const t = performance.now();
      pc.progress.store.recordAttempt(pc.pupilId, a);
      if (i >= 0) pc.times.push(performance.now() - t); // the first 30 warm up
    }
  }
  for (const pc of pcs) {
    pc.db.close();
    fs.rmSync(pc.dir, { recursive: true, force: true });
  }
  return new Map(pcs.map((pc) => [pc.history, median(pc.times)]));
}

/** A class of 60 pupils who have each touched 40 lessons; the grid computed from the summaries. */
function gridTime() {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'kite.db'));
  const progress = createProgress(db);
  const cls = progress.roster.createClass('六年级一班', 6);
  const events: StoredEvent[] = [];
  const base = Date.parse('2026-09-01T08:00:00Z');
  for (let p = 0; p < 60; p++) {
    const pupil = progress.roster.addPupil(cls.id, `学生${p}`);
    for (let l = 0; l < 40; l++) {
      for (let s = 0; s < 3; s++) {
        events.push(event(pupil.id, 'attempt', `lesson-${l}`, base + (l * 60 + s) * 60_000, { step_id: `q${s}`, correct: (p + s) % 3 ? 1 : 0, time_ms: 3000 }));
      }
      if ((p + l) % 4 !== 0) events.push(event(pupil.id, 'finish', `lesson-${l}`, base + (l * 60 + 5) * 60_000, { score: 67, stars: 2 }));
    }
  }
  progress.store.insertEvents(events);
  const times: number[] = [];
  let cells = 0;
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    const grid = progress.reports.grid(cls.id);
    times.push(performance.now() - t);
    cells = grid.cells.length * grid.lessons.length;
  }
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms: median(times), cells, events: events.length };
}

function event(pupilId: string, kind: StoredEvent['kind'], lessonId: string, at: number, extra: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: crypto.randomUUID(), device_id: 'bench', pupil_id: pupilId, kind, pack_id: 'org.kite.safe-online', pack_version: '1.0.0', lesson_id: lessonId,
    step_id: null, activity_type: kind === 'attempt' ? 'single-choice' : null, answer_json: kind === 'attempt' ? '{"chosen":[1]}' : null,
    correct: null, hints_used: kind === 'attempt' ? 0 : null, time_ms: null, score: null, stars: null, at: new Date(at).toISOString(), ...extra,
  };
}

/** A data folder whose database holds `count` events, written straight into the table (fast). */
function dataDirWithEvents(count: number): string {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'kite.db'));
  const progress = createProgress(db);
  const cls = progress.roster.createClass('一班', 1);
  const pupils = Array.from({ length: 40 }, (_, i) => progress.roster.addPupil(cls.id, `学生${i}`).id);
  const insert = db.prepare(`INSERT INTO progress_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => '@' + c).join(', ')})`);
  const base = Date.parse('2026-09-01T08:00:00Z');
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(event(pupils[i % 40] as string, 'attempt', `lesson-${i % 40}`, base + i * 1000, { step_id: `q${i % 12}`, correct: i % 3 ? 1 : 0, time_ms: 2500 }));
  });
  for (let i = 0; i < count; i += 50_000) fill(i, Math.min(count, i + 50_000));
  db.close();
  return dir;
}

/** Run the built CLI's export and report its peak RSS (KiB) and time. */
function exportRun(dataDir: string): Promise<{ maxRssKiB: number; ms: number; bytes: number }> {
  const out = path.join(dataDir, 'export.kiteprogress');
  const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', reportRss, path.join(ROOT, 'bin/kite.js'), 'progress', 'export', '--format', 'json', '--out', out, '--data', dataDir]);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      const m = /MAXRSS (\d+)/.exec(err);
      if (code !== 0 || !m) return reject(new Error(`export failed (${code}): ${err}`));
      resolve({ maxRssKiB: Number(m[1]), ms: performance.now() - started, bytes: fs.statSync(out).size });
    });
  });
}

export const progressBench: Bench = {
  name: 'progress',
  async run() {
    const record = recordVsRaw();
    const histories = [100, 5_000, 20_000];
    const withHistory = recordWithHistory(histories);
    const ms = (n: number) => withHistory.get(n) as number;
    const grid = gridTime();
    const small = dataDirWithEvents(10_000);
    const big = dataDirWithEvents(1_000_000);
    const smallRun = await exportRun(small);
    const bigRun = await exportRun(big);
    for (const dir of [small, big]) fs.rmSync(dir, { recursive: true, force: true });
    return [
      withBudget(
        {
          name: 'attempt-record-median', value: +record.ours.toFixed(3), unit: 'ms',
          baseline: { name: 'raw better-sqlite3 INSERT, WAL + synchronous=FULL', value: +record.bare.toFixed(3) }, ratio: +(record.ours / record.bare).toFixed(2),
          notes: `median of ${record.runs}; ours = append event + recompute the lesson summary in one transaction`,
        },
        2,
      ),
      withBudget(
        {
          name: 'attempt-record-20k-history-median', value: +ms(20_000).toFixed(3), unit: 'ms',
          baseline: { name: 'the same with 100 events in the lesson', value: +ms(100).toFixed(3) }, ratio: +(ms(20_000) / ms(100)).toFixed(2),
          notes: `median of 300 attempts each, the PCs taking turns; ${histories.map((n) => n.toLocaleString('en')).join(' / ')} events before: ${histories.map((n) => ms(n).toFixed(3)).join(' / ')} ms; the summary takes in the new event alone`,
        },
        1.5,
        'ratio',
      ),
      withBudget({ name: 'class-grid-60x40', value: +grid.ms.toFixed(2), unit: 'ms', notes: `median of 25; ${grid.cells} cells from ${grid.events} events` }, 50),
      withBudget(
        {
          name: 'export-1m-events-peak-rss', value: Math.round(bigRun.maxRssKiB / 1024), unit: 'MiB',
          baseline: { name: 'the same export of 10,000 events', value: Math.round(smallRun.maxRssKiB / 1024) }, ratio: +(bigRun.maxRssKiB / smallRun.maxRssKiB).toFixed(2),
          notes: `1,000,000 events → ${(bigRun.bytes / 2 ** 20).toFixed(0)} MiB file in ${(bigRun.ms / 1000).toFixed(1)} s; bounded memory means the ratio stays near 1`,
        },
        2,
        'ratio',
      ),
    ];
  },
};
