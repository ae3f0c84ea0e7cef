import crypto from 'node:crypto';
import { z } from 'zod';
import type Database from 'better-sqlite3';
import { Avatar, ClassName, PupilName } from '../../shared/contract/roster';
import { type MergeResult } from '../../shared/contract/progress';
import { KiteError } from '../../shared/errors';
import { EventLine } from '../../shared/progress-event';
import type { UploadKind } from '../fs/uploads';
import type { Roster } from './roster';
import { EVENT_COLUMNS, type ProgressStore, type StoredEvent } from './store';

/** What the first line of a progress file says; a newer formatVersion is refused, never guessed at. */
// Format 2: events carry device_seq (an older app says "made by a newer Kite Classroom" rather than "damaged"); format 1 still merges.
export const PROGRESS_FILE = { app: 'kite-classroom', kind: 'progress', formatVersion: 2 } as const;
const PAGE = 2000;

/** A progress file the teacher picks in the console (core/fs/uploads): a big school's whole history fits. */
export const PROGRESS_UPLOAD: UploadKind = {
  extension: 'kiteprogress',
  maxBytes: 512 * 2 ** 20,
  noun: 'progress file',
  tooLarge: (max) => new KiteError('progress_file_too_large', `The progress file is larger than ${max / 2 ** 20} MB. Nothing was changed.`, { details: { maxMb: max / 2 ** 20 } }),
};

/** Why a line of a progress file is refused (the UI says each in the teacher's language). */
export const PROGRESS_FILE_PROBLEMS = ['damaged', 'after_end', 'incomplete', 'bad_name', 'bad_avatar', 'unknown_class', 'unknown_pupil'] as const;
type Problem = (typeof PROGRESS_FILE_PROBLEMS)[number];

const Header = z.object({ app: z.string(), kind: z.string(), formatVersion: z.number().int() }).passthrough();
const Text = (max: number) => z.string().max(max).refine((s) => !/\p{Cc}/u.test(s), 'no control characters');
// Names and pictures are checked on their own below, to say which is wrong.
// archived: a removed class that removed pupils in the file still belong to (absent in files from before).
const ClassLine = z
  .object({ t: z.literal('class'), id: Text(64).pipe(z.string().min(1)), name: z.string(), grade: z.number().int().min(1).max(6).nullable(), archived: z.boolean().optional() })
  .strict();
const PupilLine = z
  .object({ t: z.literal('pupil'), id: Text(64).pipe(z.string().min(1)), classId: Text(64).pipe(z.string().min(1)), name: z.string(), avatar: z.string(), archived: z.boolean() })
  .strict();
const EndLine = z.object({ t: z.literal('end'), events: z.number().int().min(0) }).strict();
const Line = z.discriminatedUnion('t', [EventLine, ClassLine, PupilLine, EndLine]);
type ClassLine = z.infer<typeof ClassLine> & { line: number };
type PupilLine = z.infer<typeof PupilLine> & { line: number };

const refuse = (line: number, problem: Problem, message: string) =>
  new KiteError('progress_file_invalid', `Line ${line} of the progress file: ${message}. Nothing was changed.`, { details: { line, context: problem } });

/** The file, read once and checked whole: classes and pupils in memory, events in a temp table. */
interface Staged {
  classes: ClassLine[];
  pupils: PupilLine[];
  table: string;
}

/**
 * Merge a progress file from another PC: all or nothing. First the whole file is read and checked
 * as the UI would check it (whose it is, its version, every line, names, pictures, that every
 * pupil's class and every record's pupil is in the file or on this PC, that it is complete); the
 * events wait in a temp table. Only then is everything written, in one transaction. Events are
 * keyed by their global id, so merging the same file again adds nothing.
 */
export async function mergeProgressFile(db: Database.Database, roster: Roster, store: ProgressStore, lines: AsyncIterable<string> | Iterable<string>): Promise<MergeResult> {
  const table = `merge_${crypto.randomBytes(6).toString('hex')}`;
  db.exec(`CREATE TEMP TABLE ${table} (line INTEGER PRIMARY KEY, ${EVENT_COLUMNS.join(', ')})`);
  try {
    const staged = await readAndStage(db, table, lines);
    checkReferences(db, staged);
    return db.transaction(() => apply(db, roster, store, staged))();
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${table}`);
  }
}

async function readAndStage(db: Database.Database, table: string, lines: AsyncIterable<string> | Iterable<string>): Promise<Staged> {
  const insert = db.prepare(`INSERT INTO temp.${table} (line, ${EVENT_COLUMNS.join(', ')}) VALUES (@line, ${EVENT_COLUMNS.map((c) => '@' + c).join(', ')})`);
  const flush = db.transaction((rows: (StoredEvent & { line: number })[]) => rows.forEach((row) => insert.run({ ...row, device_seq: row.device_seq ?? null })));
  const staged: Staged = { classes: [], pupils: [], table };
  let batch: (StoredEvent & { line: number })[] = [];
  let n = 0;
  let events = 0;
  let end: number | undefined;
  for await (const text of lines) {
    n += 1;
    if (n === 1) {
      checkHeader(text);
      continue;
    }
    if (text.trim() === '') continue;
    if (end !== undefined) throw refuse(n, 'after_end', 'there is more after the end line');
    const parsed = Line.safeParse(safeJson(text));
    if (!parsed.success) throw refuse(n, 'damaged', `it is damaged (${parsed.error.issues[0]?.message ?? 'unreadable'})`);
    const line = parsed.data;
    if (line.t === 'end') end = line.events;
    else if (line.t === 'class') staged.classes.push({ ...line, name: nameOf(ClassName, line.name, n), line: n });
    else if (line.t === 'pupil') {
      if (!Avatar.safeParse(line.avatar).success) throw refuse(n, 'bad_avatar', `the picture ${JSON.stringify(line.avatar)} is not one of the app's pictures`);
      staged.pupils.push({ ...line, name: nameOf(PupilName, line.name, n), line: n });
    } else {
      events += 1;
      const { t: _t, ...event } = line;
      batch.push({ ...event, line: n });
      if (batch.length >= PAGE) {
        flush(batch);
        batch = [];
      }
    }
  }
  flush(batch);
  if (n === 0) throw new KiteError('file_not_ours', 'The file is empty. Nothing was changed.');
  if (end === undefined || end !== events) throw refuse(n, 'incomplete', 'the file is incomplete (it was cut off while copying?); export it again');
  return staged;
}

function checkHeader(text: string): void {
  const parsed = Header.safeParse(safeJson(text));
  if (!parsed.success || parsed.data.app !== PROGRESS_FILE.app || parsed.data.kind !== PROGRESS_FILE.kind) {
    throw new KiteError('file_not_ours', 'This is not a Kite Classroom progress file. Nothing was changed.');
  }
  if (parsed.data.formatVersion > PROGRESS_FILE.formatVersion) {
    throw new KiteError('file_too_new', `This progress file was made by a newer Kite Classroom (format ${parsed.data.formatVersion}, this app reads ${PROGRESS_FILE.formatVersion}). Update this PC first. Nothing was changed.`);
  }
}

/** The name as the UI would take it (trimmed), or the refusal naming the line. */
function nameOf(schema: z.ZodType<string>, name: string, line: number): string {
  const parsed = schema.safeParse(name);
  if (parsed.success) return parsed.data;
  throw refuse(line, 'bad_name', `the name ${JSON.stringify(name)} cannot be used (${parsed.error.issues[0]?.message ?? 'not valid'})`);
}

/** Every pupil's class and every record's pupil must be in the file or already on this PC. */
function checkReferences(db: Database.Database, { classes, pupils, table }: Staged): void {
  const classHere = db.prepare<[string], { id: string }>('SELECT id FROM classes WHERE id = ?');
  const inFile = new Set(classes.map((c) => c.id));
  for (const p of pupils) {
    if (!inFile.has(p.classId) && !classHere.get(p.classId)) throw refuse(p.line, 'unknown_class', `pupil ${JSON.stringify(p.name)} is in a class that is neither in the file nor on this PC`);
  }
  const pupilsInFile = new Set(pupils.map((p) => p.id));
  const strangers = db.prepare<[], { line: number; pupil_id: string }>(`SELECT line, pupil_id FROM temp.${table} WHERE pupil_id NOT IN (SELECT id FROM main.pupils) ORDER BY line`);
  for (const e of strangers.all()) {
    if (!pupilsInFile.has(e.pupil_id)) throw refuse(e.line, 'unknown_pupil', 'a record belongs to a pupil who is neither in the file nor on this PC');
  }
}

/** Write the checked file (inside the caller's transaction). */
function apply(db: Database.Database, roster: Roster, store: ProgressStore, { classes, pupils, table }: Staged): MergeResult {
  const result: MergeResult = { events: { added: 0, alreadyHere: 0 }, pupils: { added: 0, matched: 0 }, classes: { added: 0, matched: 0 } };
  const pupilById = db.prepare<[string], { id: string }>('SELECT id FROM pupils WHERE id = ?');
  const insertPupil = db.prepare('INSERT INTO pupils (id, class_id, name, avatar, picture_hash, archived, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)');
  const classById = db.prepare<[string], { id: string }>('SELECT id FROM classes WHERE id = ?');
  const insertArchivedClass = db.prepare('INSERT INTO classes (id, name, grade, archived, created_at) VALUES (?, ?, ?, 1, ?)');
  const classIds = new Map<string, string>();
  for (const c of classes) {
    // An archived class is matched by id only: its name may belong to a live class now.
    const here = classById.get(c.id) ?? (c.archived ? undefined : roster.findClassByName(c.name));
    if (here) result.classes.matched += 1;
    else result.classes.added += 1;
    if (!here && c.archived) insertArchivedClass.run(c.id, c.name, c.grade, new Date().toISOString());
    classIds.set(c.id, here ? here.id : c.archived ? c.id : roster.createClass(c.name, c.grade, c.id).id);
  }
  const pupilIds = new Map<string, string>();
  for (const p of pupils) {
    const classId = classIds.get(p.classId) ?? p.classId;
    const here = pupilById.get(p.id) ?? (p.archived ? undefined : roster.findPupilByName(classId, p.name));
    if (here) result.pupils.matched += 1;
    else {
      result.pupils.added += 1;
      insertPupil.run(p.id, classId, p.name, p.avatar, p.archived ? 1 : 0, new Date().toISOString());
    }
    pupilIds.set(p.id, here ? here.id : p.id);
  }
  const page = db.prepare<[number], StoredEvent & { line: number }>(`SELECT * FROM temp.${table} WHERE line > ? ORDER BY line LIMIT ${PAGE}`);
  for (let after = 0; ; ) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    after = (rows.at(-1) as { line: number }).line;
    const events = rows.map(({ line: _line, ...e }) => ({ ...e, pupil_id: pupilIds.get(e.pupil_id) ?? e.pupil_id }));
    const added = store.insertEvents(events);
    result.events.added += added;
    result.events.alreadyHere += events.length - added;
  }
  return result;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
