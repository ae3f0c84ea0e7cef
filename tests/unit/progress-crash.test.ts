import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { summarize, type EventRow } from '../../src/core/progress/summary';
import { progressSetup } from '../support/progress';

const WRITER = path.join(__dirname, '../support/crash-writer.ts');
const ROUNDS = 12;

/** Start the writer, let it write for a random moment after its first acknowledgement, then SIGKILL it. */
function runAndKill(dataDir: string, pupilId: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, pupilId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 400);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the writer stopped by itself:\n${err}`));
      // Only whole lines were acknowledged; a line cut by the kill was not.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('progress survives being killed mid-write', () => {
  it(`keeps every acknowledged attempt and a sound database over ${ROUNDS} SIGKILLs`, { timeout: 90_000 }, async () => {
    const setup = progressSetup();
    const cls = await setup.teacher('classes.create', { name: '五年级一班', grade: 5 });
    const pupil = await setup.teacher('pupils.add', { classId: cls.id, name: '小明' });
    setup.core.close();

    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acks = await runAndKill(setup.dataDir, pupil.id);
      expect(acks.length, `round ${round}`).toBeGreaterThan(0);
      acknowledged.push(...acks);

      const db = new Database(setup.core.layout.db);
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const stored = new Set(db.prepare('SELECT id FROM progress_events').pluck().all() as string[]);
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
      db.close();
    }
    // The summaries still agree with the events after all those kills: each stored summary equals,
    // field by field, the one recounted from the surviving events (no reset here: all of them count).
    const again = progressSetup(setup.dataDir);
    const stored = again.core.db.prepare(
      `SELECT lesson_id, status, best_score, stars, time_ms, attempts, last_step_id, first_finished_at, last_at, last_event_id, last_finished_at, updated_at
       FROM lesson_summaries WHERE pupil_id = ? ORDER BY lesson_id`,
    ).all(pupil.id);
    const lessons = again.core.db.prepare('SELECT DISTINCT lesson_id FROM progress_events WHERE pupil_id = ? ORDER BY lesson_id').pluck().all(pupil.id) as string[];
    const eventsOf = again.core.db.prepare<[string, string], EventRow>(
      'SELECT id, kind, step_id, correct, time_ms, score, stars, at FROM progress_events WHERE pupil_id = ? AND lesson_id = ?',
    );
    const recounted = lessons.map((lessonId) => {
      const s = summarize(eventsOf.all(pupil.id, lessonId));
      return {
        lesson_id: lessonId, status: s.status, best_score: s.bestScore, stars: s.stars, time_ms: s.timeMs, attempts: s.attempts, last_step_id: s.lastStepId,
        first_finished_at: s.firstFinishedAt, last_at: s.lastAt, last_event_id: s.lastEventId, last_finished_at: s.lastFinishedAt, updated_at: s.updatedAt,
      };
    });
    expect(lessons.length).toBeGreaterThan(0);
    expect(stored).toEqual(recounted);
    // Every acknowledged answer is counted, and the teacher's report shows each lesson.
    expect(recounted.reduce((n, s) => n + s.attempts, 0)).toBeGreaterThanOrEqual(acknowledged.length);
    const report = await again.teacher('progress.pupil', { pupilId: pupil.id });
    expect(report.lessons).toHaveLength(lessons.length);
    again.core.close();
    process.stdout.write(`crash test: ${acknowledged.length} acknowledged attempts over ${ROUNDS} kills, none lost\n`);
  });
});
