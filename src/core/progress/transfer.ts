import { z } from 'zod';
import type Database from 'better-sqlite3';
import type { MergeResult } from '../../shared/contract/progress';
import { KiteError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { csvLabels, type CsvOptions } from './csv-export';
import { lessonKey, type LessonTitles } from './reports';
import type { Roster } from './roster';
import { EVENT_COLUMNS, type ProgressStore, type StoredEvent } from './store';

/** What the first line of a progress file says; a newer formatVersion is refused, never guessed at. */
export const PROGRESS_FILE = { app: 'kite-classroom', kind: 'progress', formatVersion: 1 } as const;
const PAGE = 2000;

const Header = z.object({ app: z.string(), kind: z.string(), formatVersion: z.number().int() }).passthrough();
const Nullable = <T extends z.ZodType>(t: T) => t.nullable();
const EventLine = z
  .object({
    t: z.literal('event'),
    id: z.string().min(1).max(64),
    device_id: z.string().min(1).max(64),
    pupil_id: z.string().min(1).max(64),
    kind: z.enum(['attempt', 'position', 'finish', 'reset']),
    pack_id: Nullable(z.string().max(128)),
    pack_version: Nullable(z.string().max(64)),
    lesson_id: Nullable(z.string().max(64)),
    step_id: Nullable(z.string().max(64)),
    activity_type: Nullable(z.string().max(64)),
    answer_json: Nullable(z.string().max(4000)),
    correct: Nullable(z.union([z.literal(0), z.literal(1)])),
    hints_used: Nullable(z.number().int().min(0)),
    time_ms: Nullable(z.number().int().min(0)),
    score: Nullable(z.number().int().min(0).max(100)),
    stars: Nullable(z.number().int().min(0).max(3)),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T/),
  })
  .strict();
const ClassLine = z.object({ t: z.literal('class'), id: z.string().min(1).max(64), name: z.string().min(1).max(30), grade: z.number().int().min(1).max(6).nullable() }).strict();
const PupilLine = z
  .object({ t: z.literal('pupil'), id: z.string().min(1).max(64), classId: z.string().min(1).max(64), name: z.string().min(1).max(20), avatar: z.string().max(20), archived: z.boolean() })
  .strict();
const EndLine = z.object({ t: z.literal('end'), events: z.number().int().min(0) }).strict();
const Line = z.discriminatedUnion('t', [EventLine, ClassLine, PupilLine, EndLine]);
type Line = z.infer<typeof Line>;

/** Quote a CSV field; cells that Excel would run as a formula are prefixed with '. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvRow = (cells: unknown[]) => cells.map(csvField).join(',') + '\r\n';

export function createTransfer(db: Database.Database, roster: Roster, store: ProgressStore, titles: LessonTitles = () => new Map()) {
  const eventPage = db.prepare<[number], StoredEvent & { seq: number }>(`SELECT seq, ${EVENT_COLUMNS.join(', ')} FROM progress_events WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
  const allPupils = db.prepare<[], { id: string; class_id: string; name: string; avatar: string; archived: number }>('SELECT id, class_id, name, avatar, archived FROM pupils ORDER BY created_at, rowid');
  const summaryRows = db.prepare<[string | null, string | null], Record<string, string | number | null>>(
    `SELECT c.name AS class_name, p.name AS pupil_name, s.pack_id, s.lesson_id, s.status, s.stars, s.best_score, s.time_ms, s.attempts, s.first_finished_at
     FROM lesson_summaries s JOIN pupils p ON p.id = s.pupil_id JOIN classes c ON c.id = p.class_id
     WHERE p.archived = 0 AND (? IS NULL OR c.id = ?) ORDER BY c.name, p.created_at, p.rowid, s.pack_id, s.lesson_id`,
  );
  const insertPupilRaw = db.prepare('INSERT INTO pupils (id, class_id, name, avatar, picture_hash, archived, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)');

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
      for (const c of roster.list()) yield JSON.stringify({ t: 'class', id: c.id, name: c.name, grade: c.grade }) + '\n';
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

    /**
     * Merge a progress file from another PC. First the whole file is checked (whose it is, its
     * version, every line, that it is complete); only then is anything written. Events are
     * keyed by their global id, so merging the same file again adds nothing.
     */
    async merge(lines: () => AsyncIterable<string> | Iterable<string>): Promise<MergeResult> {
      await check(lines());
      const result: MergeResult = { events: { added: 0, alreadyHere: 0 }, pupils: { added: 0, matched: 0 }, classes: { added: 0, matched: 0 } };
      const classIds = new Map<string, string>();
      const pupilIds = new Map<string, string>();
      let batch: StoredEvent[] = [];
      const flush = () => {
        const added = store.insertEvents(batch);
        result.events.added += added;
        result.events.alreadyHere += batch.length - added;
        batch = [];
      };
      let first = true;
      for await (const text of lines()) {
        if (first || text.trim() === '') {
          first = false;
          continue;
        }
        const line = Line.parse(JSON.parse(text));
        if (line.t === 'class') {
          const here = roster.list().find((c) => c.id === line.id) ?? roster.findClassByName(line.name);
          if (here) result.classes.matched += 1;
          else result.classes.added += 1;
          classIds.set(line.id, here ? here.id : roster.createClass(line.name, line.grade, line.id).id);
        } else if (line.t === 'pupil') {
          const classId = classIds.get(line.classId) ?? line.classId;
          const byId = db.prepare<[string], { id: string }>('SELECT id FROM pupils WHERE id = ?').get(line.id);
          const here = byId ?? (line.archived ? undefined : roster.findPupilByName(classId, line.name));
          if (here) result.pupils.matched += 1;
          else {
            result.pupils.added += 1;
            insertPupilRaw.run(line.id, classId, line.name, line.avatar, line.archived ? 1 : 0, new Date().toISOString());
          }
          pupilIds.set(line.id, here ? here.id : line.id);
        } else if (line.t === 'event') {
          const { t: _t, ...event } = line;
          batch.push({ ...event, pupil_id: pupilIds.get(event.pupil_id) ?? event.pupil_id });
          if (batch.length >= PAGE) flush();
        }
      }
      flush();
      return result;
    },
  };
}
export type Transfer = ReturnType<typeof createTransfer>;

async function check(lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  let n = 0;
  let events = 0;
  let end: number | undefined;
  for await (const text of lines) {
    n += 1;
    if (n === 1) {
      const header = safeJson(text);
      const parsed = Header.safeParse(header);
      if (!parsed.success || parsed.data.app !== PROGRESS_FILE.app || parsed.data.kind !== PROGRESS_FILE.kind) {
        throw new KiteError('file_not_ours', 'This is not a Kite Classroom progress file. Nothing was changed.');
      }
      if (parsed.data.formatVersion > PROGRESS_FILE.formatVersion) {
        throw new KiteError('file_too_new', `This progress file was made by a newer Kite Classroom (format ${parsed.data.formatVersion}, this app reads ${PROGRESS_FILE.formatVersion}). Update this PC first. Nothing was changed.`);
      }
      continue;
    }
    if (text.trim() === '') continue;
    if (end !== undefined) throw damaged(n, 'there is more after the end line');
    const parsed = Line.safeParse(safeJson(text));
    if (!parsed.success) throw damaged(n, parsed.error.issues[0]?.message ?? 'unreadable');
    if (parsed.data.t === 'event') events += 1;
    if (parsed.data.t === 'end') end = parsed.data.events;
  }
  if (n === 0) throw new KiteError('file_not_ours', 'The file is empty. Nothing was changed.');
  if (end === undefined || end !== events) throw new KiteError('invalid_input', 'The progress file is incomplete (it was cut off while copying?). Export it again. Nothing was changed.');
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const damaged = (line: number, why: string) => new KiteError('invalid_input', `Line ${line} of the progress file is damaged (${why}). Nothing was changed.`);
