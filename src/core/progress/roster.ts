import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { PICTURES, type Avatar, type ClassInfo, type PupilBrief } from '../../shared/contract/roster';
import { freeAvatar } from '../../shared/avatars';
import { KiteError } from '../../shared/errors';
import { hashPin, pinMatches } from '../auth/pin';

interface PupilRow {
  id: string;
  class_id: string;
  name: string;
  avatar: Avatar;
  picture_hash: string | null;
  picture_password: string | null;
}
interface ClassRow {
  id: string;
  name: string;
  grade: number | null;
}

export const MAX_PICTURE_TRIES = 5;
export const PICTURE_LOCK_MS = 60_000;

const brief = (p: PupilRow): PupilBrief => ({ id: p.id, name: p.name, avatar: p.avatar, hasPicturePassword: p.picture_hash !== null });

/**
 * Classes and pupils. Names are unique within a class (and class names on the PC).
 * `fromHub`: true while this PC is a pupil PC, whose roster is the hub's (hub/sync/roster.ts applies it):
 * then every change here is refused, since the next roster from the hub would undo it.
 */
export function createRoster(db: Database.Database, now: () => number = Date.now, fromHub: () => boolean = () => false) {
  // A removed class whose removed pupils keep their progress stays as an archived row, out of sight.
  const classRows = db.prepare<[], ClassRow>('SELECT id, name, grade FROM classes WHERE archived = 0 ORDER BY grade IS NULL, grade, name');
  const classById = db.prepare<[string], ClassRow>('SELECT id, name, grade FROM classes WHERE id = ? AND archived = 0');
  const classByName = db.prepare<[string], ClassRow>('SELECT id, name, grade FROM classes WHERE name = ? AND archived = 0');
  const pupilRows = db.prepare<[], PupilRow>('SELECT * FROM pupils WHERE archived = 0 ORDER BY class_id, created_at, rowid');
  const pupilsOf = db.prepare<[string], PupilRow>('SELECT * FROM pupils WHERE archived = 0 AND class_id = ? ORDER BY created_at, rowid');
  const pupilById = db.prepare<[string], PupilRow>('SELECT * FROM pupils WHERE id = ? AND archived = 0');
  const pupilByName = db.prepare<[string, string], PupilRow>('SELECT * FROM pupils WHERE class_id = ? AND name = ? AND archived = 0');
  const insertClass = db.prepare('INSERT INTO classes (id, name, grade, created_at) VALUES (?, ?, ?, ?)');
  const insertPupil = db.prepare('INSERT INTO pupils (id, class_id, name, avatar, picture_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const failures = new Map<string, { count: number; lockedUntil: number }>();

  const iso = () => new Date(now()).toISOString();
  const editable = () => {
    if (fromHub()) throw new KiteError('roster_from_hub', "This PC is a pupil PC: its classes and pupils come from the teacher's PC (the hub) and are changed there.");
  };

  function requireClass(id: string): ClassRow {
    const row = classById.get(id);
    if (!row) throw new KiteError('not_found', 'There is no such class.');
    return row;
  }
  function requirePupil(id: string): PupilRow {
    const row = pupilById.get(id);
    if (!row) throw new KiteError('not_found', 'There is no such pupil.');
    return row;
  }
  const info = (c: ClassRow): ClassInfo => ({ ...c, pupils: pupilsOf.all(c.id).map(brief) });

  /** Classmates have different avatars, so a child who cannot read names still finds their own. */
  const classAvatars = (classId: string, except?: string) => pupilsOf.all(classId).filter((p) => p.id !== except).map((p) => p.avatar);
  function checkAvatarFree(classId: string, avatar: Avatar, except?: string): void {
    if (classAvatars(classId, except).includes(avatar)) throw new KiteError('avatar_taken', 'Another pupil in this class has this picture; choose another.');
  }
  /** Sets (or clears) a pupil's picture password: the hash to check sign-in, the pictures for the teacher to read back. */
  function storePictures(id: string, pictures: readonly string[] | null): void {
    db.prepare('UPDATE pupils SET picture_hash = ?, picture_password = ? WHERE id = ?').run(pictures ? hashPin(pictures.join(' ')) : null, pictures ? pictures.join(' ') : null, id);
    failures.delete(id);
  }

  const roster = {
    /** Refuses (roster_from_hub) when this PC's roster belongs to the hub; for other writers of the roster (lesson assignments). */
    editable,
    list(): ClassInfo[] {
      const pupils = pupilRows.all();
      return classRows.all().map((c) => ({ ...c, pupils: pupils.filter((p) => p.class_id === c.id).map(brief) }));
    },
    getClass: (id: string): ClassInfo => info(requireClass(id)),
    findClassByName: (name: string): ClassRow | undefined => classByName.get(name),
    createClass(name: string, grade: number | null, id: string = crypto.randomUUID()): ClassInfo {
      editable();
      if (classByName.get(name)) throw new KiteError('duplicate_name', `There is already a class called "${name}".`);
      insertClass.run(id, name, grade, iso());
      return info(requireClass(id));
    },
    updateClass(id: string, name: string, grade: number | null): ClassInfo {
      editable();
      requireClass(id);
      const other = classByName.get(name);
      if (other && other.id !== id) throw new KiteError('duplicate_name', `There is already a class called "${name}".`);
      db.prepare('UPDATE classes SET name = ?, grade = ? WHERE id = ?').run(name, grade, id);
      return info(requireClass(id));
    },
    removeClass(id: string): void {
      editable();
      requireClass(id);
      if (pupilsOf.all(id).length > 0) throw new KiteError('conflict', 'Move or remove the pupils of this class first.');
      // Removed pupils' rows (and so their events) still point at the class: then it is archived, not deleted.
      db.transaction(() => {
        db.prepare('DELETE FROM class_lessons WHERE class_id = ?').run(id);
        const { changes } = db.prepare('DELETE FROM classes WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pupils WHERE class_id = ?)').run(id, id);
        if (changes === 0) db.prepare('UPDATE classes SET archived = 1 WHERE id = ?').run(id);
      })();
    },
    pupil(id: string): PupilBrief & { classId: string; className: string } {
      const p = requirePupil(id);
      return { ...brief(p), classId: p.class_id, className: requireClass(p.class_id).name };
    },
    findPupilByName: (classId: string, name: string): PupilRow | undefined => pupilByName.get(classId, name),
    addPupil(classId: string, name: string, avatar?: Avatar, id: string = crypto.randomUUID()): PupilBrief {
      editable();
      requireClass(classId);
      if (pupilByName.get(classId, name)) throw new KiteError('duplicate_name', `There is already a pupil called "${name}" in this class.`);
      if (avatar) checkAvatarFree(classId, avatar);
      insertPupil.run(id, classId, name, avatar ?? freeAvatar(classAvatars(classId)), null, iso());
      return brief(requirePupil(id));
    },
    updatePupil(id: string, patch: { name?: string; avatar?: Avatar; picturePassword?: string[] | null }): PupilBrief {
      editable();
      const p = requirePupil(id);
      if (patch.name !== undefined && patch.name !== p.name && pupilByName.get(p.class_id, patch.name)) {
        throw new KiteError('duplicate_name', `There is already a pupil called "${patch.name}" in this class.`);
      }
      if (patch.avatar !== undefined && patch.avatar !== p.avatar) checkAvatarFree(p.class_id, patch.avatar, id);
      db.transaction(() => {
        db.prepare('UPDATE pupils SET name = ?, avatar = ? WHERE id = ?').run(patch.name ?? p.name, patch.avatar ?? p.avatar, id);
        if (patch.picturePassword !== undefined) storePictures(id, patch.picturePassword);
      })();
      return brief(requirePupil(id));
    },
    /** The pupil's three pictures, for the teacher; null when none is set or it was set before they were kept (then make a new one). */
    picturePassword(id: string): { pictures: string[] | null; isSet: boolean } {
      const p = requirePupil(id);
      return { pictures: p.picture_password ? p.picture_password.split(' ') : null, isSet: p.picture_hash !== null };
    },
    /** A new random picture password (3 pictures, repeats allowed), returned once for the teacher to tell the pupil. */
    newPicturePassword(id: string): { pictures: string[]; isSet: true } {
      editable();
      requirePupil(id);
      const pictures = [0, 1, 2].map(() => PICTURES[crypto.randomInt(PICTURES.length)] as string);
      storePictures(id, pictures);
      return { pictures, isSet: true };
    },
    /** Archived, not deleted: the pupil's events stay, so nothing is lost and merges stay consistent. */
    removePupil(id: string): void {
      editable();
      requirePupil(id);
      db.prepare('UPDATE pupils SET archived = 1 WHERE id = ?').run(id);
    },
    /** Check a pupil's sign-in: the picture password where one is set, 5 wrong tries lock for a minute. */
    checkSignIn(id: string, pictures: string[] | undefined): void {
      const p = requirePupil(id);
      if (p.picture_hash === null) return;
      const state = failures.get(id) ?? { count: 0, lockedUntil: 0 };
      if (state.lockedUntil > now()) throw new KiteError('picture_locked', 'Too many wrong picture passwords; wait a minute.', { details: { seconds: Math.ceil((state.lockedUntil - now()) / 1000) } });
      if (pictures && pictures.length === 3 && pinMatches(pictures.join(' '), p.picture_hash)) {
        failures.delete(id);
        return;
      }
      if (!pictures || pictures.length === 0) throw new KiteError('picture_wrong', 'This pupil has a picture password.', { details: { needed: true } });
      state.count += 1;
      if (state.count >= MAX_PICTURE_TRIES) Object.assign(state, { count: 0, lockedUntil: now() + PICTURE_LOCK_MS });
      failures.set(id, state);
      throw new KiteError(state.lockedUntil > now() ? 'picture_locked' : 'picture_wrong', 'Those pictures are not right.');
    },
  };
  return roster;
}
export type Roster = ReturnType<typeof createRoster>;
