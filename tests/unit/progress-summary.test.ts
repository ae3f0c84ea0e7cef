import crypto from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { migrations } from '../../src/core/db/migrations';
import { createProgress } from '../../src/core/progress';
import { EVENT_COLUMNS, type StoredEvent } from '../../src/core/progress/store';
import { summarize } from '../../src/core/progress/summary';
import { tempDir } from '../support/temp';

const PACK = 'org.kite.safe-online';
const LESSONS = ['passwords', 'strangers'];

/** Seeded random numbers, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** A term of work from two PCs, with clashing timestamps between them and one reset in the middle. */
function history(pupilId: string, rnd: () => number, n = 160): StoredEvent[] {
  const base = Date.parse('2026-09-01T08:00:00.000Z');
  return Array.from({ length: n }, (_, i) => {
    const r = rnd();
    const kind: StoredEvent['kind'] = i === n / 2 ? 'reset' : r < 0.6 ? 'attempt' : r < 0.85 ? 'position' : 'finish';
    const lesson = kind === 'reset' ? null : (LESSONS[Math.floor(rnd() * LESSONS.length)] as string);
    return {
      id: crypto.randomUUID(), device_id: i % 2 ? 'pc-a' : 'pc-b', pupil_id: pupilId, kind, pack_id: lesson && PACK, pack_version: lesson && '1.0.0', lesson_id: lesson,
      step_id: kind === 'attempt' || kind === 'position' ? `q${Math.floor(rnd() * 6)}` : null, activity_type: kind === 'attempt' ? 'single-choice' : null,
      answer_json: null, correct: kind === 'attempt' ? (rnd() < 0.7 ? 1 : 0) : null, hints_used: kind === 'attempt' ? 0 : null,
      time_ms: kind === 'attempt' ? 1000 + Math.floor(rnd() * 5000) : null, score: kind === 'finish' ? Math.floor(rnd() * 101) : null,
      stars: kind === 'finish' ? 1 + Math.floor(rnd() * 3) : null,
      // Two PCs' clocks: many events share a millisecond.
      at: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
    };
  });
}

function pc(now = () => Date.parse('2026-12-01T00:00:00Z')) {
  const db = openDatabase(path.join(tempDir(), 'kite.db'));
  const progress = createProgress(db, now);
  const cls = progress.roster.createClass('三年级一班', 3);
  progress.roster.addPupil(cls.id, '小明', 'cat', 'pupil-1');
  return { db, progress };
}

const summaries = (db: Database.Database) => db.prepare('SELECT * FROM lesson_summaries ORDER BY pack_id, lesson_id').all();

function shuffled<T>(items: T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('lesson summaries kept up from each new event', () => {
  it('are the same whatever order the events arrive in, with duplicates, and whatever the clock says', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const events = history('pupil-1', rnd);
      const inOrder = pc();
      inOrder.progress.store.insertEvents(events);
      const expected = summaries(inOrder.db);
      expect(expected.length).toBeGreaterThan(0);
      for (let round = 0; round < 4; round++) {
        const other = pc(() => Date.parse('2030-01-01T00:00:00Z') + round);
        const mixed = shuffled([...events, ...events.slice(0, 40)], rnd);
        // In several merges, as a hub would receive them.
        for (let i = 0; i < mixed.length; i += 37) other.progress.store.insertEvents(mixed.slice(i, i + 37));
        expect(summaries(other.db), `seed ${seed} round ${round}`).toEqual(expected);
        other.db.close();
      }
      inOrder.db.close();
    }
  });

  it('taken in one at a time agree with a recount of every event since the reset', () => {
    const rnd = random(7);
    const events = history('pupil-1', rnd);
    const one = pc();
    for (const e of shuffled(events, rnd)) one.progress.store.insertEvents([e]);
    const reset = events.find((e) => e.kind === 'reset')?.at as string;
    for (const lesson of LESSONS) {
      const counted = events.filter((e) => e.lesson_id === lesson && e.at > reset);
      const s = summarize(counted);
      const row = one.db.prepare('SELECT * FROM lesson_summaries WHERE lesson_id = ?').get(lesson) as Record<string, unknown>;
      expect(row).toMatchObject({ status: s.status, attempts: s.attempts, time_ms: s.timeMs, best_score: s.bestScore, stars: s.stars, last_step_id: s.lastStepId, first_finished_at: s.firstFinishedAt, last_at: s.lastAt });
    }
    one.db.close();
  });

  it('a pupil answering through the app: where they are, done, and the next run scored on its own', () => {
    const { db, progress } = pc();
    const answer = (stepId: string, correct: boolean) =>
      progress.store.recordAttempt('pupil-1', { attemptId: crypto.randomUUID(), packId: PACK, packVersion: '1.0.0', lessonId: 'passwords', stepId, activityType: 'single-choice', answer: { chosen: [0] }, correct, hintsUsed: 0, timeMs: 1500 });
    answer('q1', false);
    answer('q1', true);
    answer('q2', true);
    expect(progress.store.position('pupil-1', { packId: PACK, lessonId: 'passwords' })).toMatchObject({ stepId: 'q2', status: 'in-progress' });
    expect(progress.store.finishLesson('pupil-1', { packId: PACK, lessonId: 'passwords', packVersion: '1.0.0' })).toEqual({ score: 50, stars: 1 });
    expect(progress.store.position('pupil-1', { packId: PACK, lessonId: 'passwords' })).toMatchObject({ stepId: null, status: 'done' });
    answer('q1', true);
    answer('q2', true);
    expect(progress.store.finishLesson('pupil-1', { packId: PACK, lessonId: 'passwords', packVersion: '1.0.0' })).toEqual({ score: 100, stars: 3 });
    expect(db.prepare('SELECT best_score, stars, attempts FROM lesson_summaries').get()).toEqual({ best_score: 100, stars: 3, attempts: 5 });
    progress.store.resetPupil('pupil-1');
    expect(summaries(db)).toEqual([]);
    db.close();
  });

  it('a database from before (schema 4) gets its summaries filled in, and new events then count the same', () => {
    const file = path.join(tempDir(), 'kite.db');
    const old = openDatabase(file, { migrationList: migrations.filter((m) => m.version <= 4) });
    const rnd = random(11);
    const events = history('pupil-1', rnd);
    old.prepare("INSERT INTO classes (id, name, grade, created_at) VALUES ('c', '一班', 1, '2026-09-01T00:00:00Z')").run();
    old.prepare("INSERT INTO pupils (id, class_id, name, avatar, created_at) VALUES ('pupil-1', 'c', '小明', 'cat', '2026-09-01T00:00:00Z')").run();
    // The columns a schema-4 database had (device_seq came with migration 10).
    const columns = EVENT_COLUMNS.filter((c) => c !== 'device_seq');
    const insert = old.prepare(`INSERT INTO progress_events (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
    const reset = events.find((e) => e.kind === 'reset')?.at as string;
    for (const e of events.slice(0, 120)) insert.run(e);
    for (const lesson of LESSONS) {
      const s = summarize(events.slice(0, 120).filter((e) => e.lesson_id === lesson && e.at > reset));
      old.prepare(`INSERT INTO lesson_summaries (pupil_id, pack_id, lesson_id, status, best_score, stars, time_ms, attempts, last_step_id, first_finished_at, updated_at)
        VALUES ('pupil-1', ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-12-01T00:00:00Z')`).run(PACK, lesson, s.status, s.bestScore, s.stars, s.timeMs, s.attempts, s.lastStepId, s.firstFinishedAt);
    }
    old.close();

    const migrated = openDatabase(file);
    createProgress(migrated).store.insertEvents(events.slice(120));
    const fresh = pc();
    fresh.progress.store.insertEvents(events);
    expect(summaries(migrated)).toEqual(summaries(fresh.db));
    migrated.close();
    fresh.db.close();
  });
});
