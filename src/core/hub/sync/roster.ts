import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { Avatar, ClassName, PupilName } from '../../../shared/contract/roster';
import { KiteError } from '../../../shared/errors';
import { createKv } from '../../db/kv';

const VERSION_KEY = 'hub.roster.version';
const Id = z.string().min(1).max(64);
const Iso = z.string().min(1).max(40);

/**
 * The room's roster as the hub sends it: picture passwords as their salted hashes only (never the pictures).
 * A pupil PC may run an older Kite than its hub: fields it does not know are dropped, not refused (a
 * PC that refused the roster would leave its pupils unable to sign in).
 */
export const RosterSnapshot = z.object({
  version: z.string().regex(/^[0-9a-f]{64}$/),
  // archived: a removed class that removed pupils (with progress) still belong to; absent from older hubs.
  classes: z.array(z.object({ id: Id, name: ClassName, grade: z.number().int().min(1).max(6).nullable(), archived: z.boolean().default(false), createdAt: Iso })).max(500),
  pupils: z.array(z.object({ id: Id, classId: Id, name: PupilName, avatar: Avatar, pictureHash: z.string().max(200).nullable(), archived: z.boolean(), createdAt: Iso })).max(20_000),
  lessons: z.array(z.object({ classId: Id, packId: z.string().min(1).max(128), lessonId: Id, assignedAt: Iso })).max(50_000),
});
export type RosterSnapshot = z.infer<typeof RosterSnapshot>;

/** The `roster.get` room route's input: the version the pupil PC has, so an unchanged roster costs a few bytes. */
export const RosterGetInput = z.object({ version: z.string().max(64).nullable().default(null) }).strict();
export type RosterAnswer = RosterSnapshot | { version: string; unchanged: true };

interface PupilRow {
  id: string;
  class_id: string;
  name: string;
}

/**
 * One roster for the room: the hub's classes, pupils (with archived ones, so their events stay
 * attributable) and class lesson assignments go to every pupil PC, so any pupil signs in at any PC.
 * The version is a hash of the content: the same roster has the same version on any hub, and a pupil
 * PC that has it already is told so in a few bytes.
 */
export function createRosterSync(db: Database.Database) {
  const kv = createKv(db);
  const classRows = db.prepare<[], { id: string; name: string; grade: number | null; archived: number; createdAt: string }>(
    'SELECT id, name, grade, archived, created_at AS createdAt FROM classes ORDER BY id',
  );
  const pupilRows = db.prepare<[], { id: string; classId: string; name: string; avatar: Avatar; pictureHash: string | null; archived: number; createdAt: string }>(
    'SELECT id, class_id AS classId, name, avatar, picture_hash AS pictureHash, archived, created_at AS createdAt FROM pupils ORDER BY created_at, rowid',
  );
  const lessonRows = db.prepare<[], RosterSnapshot['lessons'][number]>(
    'SELECT class_id AS classId, pack_id AS packId, lesson_id AS lessonId, assigned_at AS assignedAt FROM class_lessons ORDER BY class_id, pack_id, lesson_id',
  );

  function snapshot(): RosterSnapshot {
    const content = {
      classes: classRows.all().map((c) => ({ ...c, archived: c.archived === 1 })),
      pupils: pupilRows.all().map((p) => ({ ...p, archived: p.archived === 1 })),
      lessons: lessonRows.all(),
    };
    const version = crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
    return { version, ...content };
  }

  const apply = db.transaction((snap: RosterSnapshot): boolean => {
    if (kv.get(VERSION_KEY) === snap.version) return false;
    const classIds = new Set(snap.classes.map((c) => c.id));
    const pupilIds = new Set(snap.pupils.map((p) => p.id));
    const localClasses = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM classes').all();
    const localPupils = db.prepare<[], PupilRow>('SELECT id, class_id, name FROM pupils').all();
    // Free every name first, so renames and swaps on the hub never trip the unique indexes mid-way.
    db.prepare("UPDATE classes SET name = char(1) || id").run();
    db.prepare("UPDATE pupils SET name = char(1) || id").run();
    const upsertClass = db.prepare(
      `INSERT INTO classes (id, name, grade, archived, created_at) VALUES (@id, @name, @grade, @archived, @createdAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, grade = excluded.grade, archived = excluded.archived`,
    );
    for (const c of snap.classes) upsertClass.run({ ...c, archived: c.archived ? 1 : 0 });
    const upsertPupil = db.prepare(
      `INSERT INTO pupils (id, class_id, name, avatar, picture_hash, picture_password, archived, created_at)
       VALUES (@id, @classId, @name, @avatar, @pictureHash, NULL, @archived, @createdAt)
       ON CONFLICT (id) DO UPDATE SET class_id = excluded.class_id, name = excluded.name, avatar = excluded.avatar, picture_hash = excluded.picture_hash,
         archived = excluded.archived, picture_password = CASE WHEN pupils.picture_hash IS excluded.picture_hash THEN pupils.picture_password END`,
    );
    for (const p of snap.pupils) {
      if (!classIds.has(p.classId)) throw new KiteError('conflict', 'The roster from the hub names a class it does not send. Nothing was changed.');
      upsertPupil.run({ ...p, archived: p.archived ? 1 : 0 });
    }
    // This PC's own pupils that the hub does not know are archived, not deleted: their events stay.
    const restorePupil = db.prepare('UPDATE pupils SET name = ?, archived = 1 WHERE id = ?');
    for (const p of localPupils) if (!pupilIds.has(p.id)) restorePupil.run(p.name, p.id);
    // This PC's own classes: one with a hub class's name folds into it; an empty one goes; the rest hold only
    // archived pupils now (above), so they are archived too, keeping their name.
    const hubClassByName = new Map(snap.classes.filter((c) => !c.archived).map((c) => [c.name, c.id]));
    const used = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM pupils WHERE class_id = ?');
    for (const c of localClasses) {
      if (classIds.has(c.id)) continue;
      const twin = hubClassByName.get(c.name);
      if (twin) db.prepare('UPDATE pupils SET class_id = ? WHERE class_id = ?').run(twin, c.id);
      if (twin || (used.get(c.id)?.n ?? 0) === 0) db.prepare('DELETE FROM classes WHERE id = ?').run(c.id);
      else db.prepare('UPDATE classes SET name = ?, archived = 1 WHERE id = ?').run(c.name, c.id);
    }
    // The hub's classes get exactly the hub's lesson assignments.
    const dropLessons = db.prepare('DELETE FROM class_lessons WHERE class_id = ?');
    for (const c of snap.classes) dropLessons.run(c.id);
    const addLesson = db.prepare('INSERT OR IGNORE INTO class_lessons (class_id, pack_id, lesson_id, assigned_at) VALUES (@classId, @packId, @lessonId, @assignedAt)');
    for (const l of snap.lessons) {
      if (!classIds.has(l.classId)) throw new KiteError('conflict', 'The roster from the hub gives a lesson to a class it does not send. Nothing was changed.');
      addLesson.run(l);
    }
    kv.set(VERSION_KEY, snap.version);
    return true;
  });

  return {
    /** The hub's roster, with its version. */
    snapshot,
    /** The answer to a pupil PC that has `version`: the roster, or just "unchanged". */
    answer(version: string | null): RosterAnswer {
      const snap = snapshot();
      return snap.version === version ? { version, unchanged: true } : snap;
    },
    /**
     * On a pupil PC: make this PC's roster the hub's, all in one transaction (a bad snapshot changes
     * nothing). Returns false when this version is here already. The PC keeps it when the hub goes away.
     */
    apply(input: unknown): boolean {
      const parsed = RosterSnapshot.safeParse(input);
      if (!parsed.success) throw new KiteError('invalid_input', `The roster from the hub is not readable (${parsed.error.issues[0]?.message ?? 'invalid'}). Nothing was changed.`);
      return apply(parsed.data);
    },
    /** On a pupil PC: ask the hub (`get` = one `roster.get` call) and apply what changed; true when something did. */
    async pull(get: (version: string | null) => Promise<unknown>): Promise<boolean> {
      const answer = await get(kv.get(VERSION_KEY) ?? null);
      if ((answer as { unchanged?: unknown } | null)?.unchanged === true) return false;
      return this.apply(answer);
    },
    /** The version of the roster this PC last took from the hub (null: never). */
    version: (): string | null => kv.get(VERSION_KEY) ?? null,
  };
}
export type RosterSync = ReturnType<typeof createRosterSync>;
