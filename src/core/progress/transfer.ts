import fs from 'node:fs';
import readline from 'node:readline';
import type Database from 'better-sqlite3';
import type { MergeResult } from '../../shared/contract/progress';
import { APP_VERSION } from '../version';
import { csvLabels, type CsvOptions } from './csv-export';
import { lessonKey, type LessonTitles } from './reports';
import type { Roster } from './roster';
import { EVENT_COLUMNS, type ProgressStore, type StoredEvent } from './store';
import { mergeProgressFile, PROGRESS_FILE } from './merge';

const PAGE = 2000;

/** Quote a CSV field; cells that Excel would run as a formula are prefixed with '. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvRow = (cells: unknown[]) => cells.map(csvField).join(',') + '\r\n';

export function createTransfer(db: Database.Database, roster: Roster, store: ProgressStore, titles: LessonTitles = () => new Map()) {
  const eventPage = db.prepare<[number], StoredEvent & { seq: number }>(`SELECT seq, ${EVENT_COLUMNS.join(', ')} FROM progress_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
  const allClasses = db.prepare<[], { id: string; name: string; grade: number | null; archived: number }>('SELECT id, name, grade, archived FROM classes ORDER BY created_at, rowid');
  const allPupils = db.prepare<[], { id: string; class_id: string; name: string; avatar: string; archived: number }>('SELECT id, class_id, name, avatar, archived FROM pupils ORDER BY created_at, rowid');
  const summaryRows = db.prepare<[string | null, string | null], Record<string, string | number | null>>(
    `SELECT c.name AS class_name, p.name AS pupil_name, s.pack_id, s.lesson_id, s.status, s.stars, s.best_score, s.time_ms, s.attempts, s.first_finished_at
     FROM lesson_summaries s JOIN pupils p ON p.id = s.pupil_id JOIN classes c ON c.id = p.class_id
     WHERE p.archived = 0 AND (? IS NULL OR c.id = ?) ORDER BY c.name, p.created_at, p.rowid, s.pack_id, s.lesson_id`,
  );

  return {
    /**
     * Progress per pupil and per lesson as CSV lines (UTF-8 with BOM so Excel on Chinese Windows
     * reads it), with column names, statuses and local times in the teacher's language.
     */
    *csvLines(classId?: string, options: CsvOptions = {}): Generator<string> {
      const labels = csvLabels(options);
      yield '\uFEFF' + csvRow(labels.header);
      const names = titles(options.lang);
      for (const r of summaryRows.iterate(classId ?? null, classId ?? null)) {
        yield csvRow([
          r.class_name, r.pupil_name, r.pack_id, r.lesson_id, names.get(lessonKey(String(r.pack_id), String(r.lesson_id))) ?? '', labels.status(String(r.status)), r.stars,
          r.best_score, Math.round(Number(r.time_ms) / 6000) / 10, r.attempts, labels.time(r.first_finished_at as string | null),
        ]);
      }
    },

    /** The whole progress of this PC as JSON lines, a page at a time (bounded memory for any size). */
    *fileLines(): Generator<string> {
      yield JSON.stringify({ ...PROGRESS_FILE, appVersion: APP_VERSION, deviceId: store.deviceId, exportedAt: new Date().toISOString() }) + '\n';
      for (const c of allClasses.all()) yield JSON.stringify({ t: 'class', id: c.id, name: c.name, grade: c.grade, ...(c.archived === 1 ? { archived: true } : {}) }) + '\n';
      for (const p of allPupils.all()) yield JSON.stringify({ t: 'pupil', id: p.id, classId: p.class_id, name: p.name, avatar: p.avatar, archived: p.archived === 1 }) + '\n';
      let after = 0;
      let count = 0;
      for (;;) {
        const page = eventPage.all(after);
        if (page.length === 0) break;
        for (const { seq: _seq, ...event } of page) {
          count += 1;
          yield JSON.stringify({ t: 'event', ...event }) + '\n';
        }
        after = (page.at(-1) as { seq: number }).seq;
      }
      yield JSON.stringify({ t: 'end', events: count }) + '\n';
    },

    /** Merge a progress file from another PC: checked whole first, then written all at once (merge.ts). */
    merge: async (lines: () => AsyncIterable<string> | Iterable<string>): Promise<MergeResult> => mergeProgressFile(db, roster, store, lines()),
    /** The same from a file on disk, read a line at a time (any size). */
    mergeFile: async (file: string): Promise<MergeResult> =>
      mergeProgressFile(db, roster, store, readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })),
  };
}
export type Transfer = ReturnType<typeof createTransfer>;
