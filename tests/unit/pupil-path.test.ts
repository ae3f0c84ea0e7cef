import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { migrations } from '../../src/core/db/migrations';
import { AVATARS } from '../../src/shared/avatars';
import { KiteError } from '../../src/shared/errors';
import { buildFixturePack } from '../support/packs';
import { b64, progressSetup } from '../support/progress';
import { tempDir } from '../support/temp';

// The youngest pupil's day (issue 16), in the core: own pictures, own shelf, own place in a lesson.

async function grade1Class(names: string[]) {
  const setup = progressSetup();
  const csv = '\uFEFF姓名,班级\r\n' + names.map((n) => `${n},一年级一班\r\n`).join('');
  await setup.teacher('classes.importCommit', { fileBase64: b64(csv) });
  const [cls] = await setup.teacher('classes.list');
  return { ...setup, cls: cls! };
}

describe('avatars', () => {
  it('gives each of 33 pupils imported from a roster, and one added later, a picture nobody else in the class has', async () => {
    const { core, teacher, cls } = await grade1Class(Array.from({ length: 33 }, (_, i) => `学生${i + 1}`));
    expect(new Set(cls.pupils.map((p) => p.avatar)).size).toBe(33);
    // The first 24 get a picture of their own; only then the same pictures on other discs.
    expect(cls.pupils.slice(0, 24).every((p) => !p.avatar.includes('-'))).toBe(true);
    const late = await teacher('pupils.add', { classId: cls.id, name: '插班生' });
    expect(cls.pupils.map((p) => p.avatar)).not.toContain(late.avatar);
    await expect(teacher('pupils.update', { pupilId: late.id, avatar: cls.pupils[0]!.avatar })).rejects.toMatchObject({ code: 'avatar_taken' });
    await expect(teacher('pupils.add', { classId: cls.id, name: '又一个', avatar: cls.pupils[1]!.avatar })).rejects.toBeInstanceOf(KiteError);
    expect((await teacher('classes.list'))[0]!.pupils).toHaveLength(34);
    core.close();
  });

  it('gives classmates who shared a picture before the update different ones (the first keeps it)', () => {
    const file = path.join(tempDir(), 'kite.db');
    openDatabase(file, { migrationList: migrations.filter((m) => m.version < 6) }).close();
    const old = new Database(file);
    old.prepare("INSERT INTO classes (id, name, grade, created_at) VALUES ('c1', '一年级一班', 1, '2026-01-01')").run();
    old.prepare("INSERT INTO classes (id, name, grade, created_at) VALUES ('c2', '二年级一班', 2, '2026-01-01')").run();
    const add = old.prepare('INSERT INTO pupils (id, class_id, name, avatar, created_at) VALUES (?, ?, ?, ?, ?)');
    add.run('p1', 'c1', '甲', 'cat', '2026-01-01T00:00:01Z');
    add.run('p2', 'c1', '乙', 'cat', '2026-01-01T00:00:02Z');
    add.run('p3', 'c1', '丙', 'dog', '2026-01-01T00:00:03Z');
    add.run('p4', 'c2', '丁', 'cat', '2026-01-01T00:00:04Z');
    old.close();
    const db = openDatabase(file);
    const avatars = Object.fromEntries(db.prepare<[], { id: string; avatar: string }>('SELECT id, avatar FROM pupils').all().map((r) => [r.id, r.avatar]));
    expect(avatars.p1).toBe('cat');
    expect(avatars.p3).toBe('dog');
    expect(avatars.p4).toBe('cat');
    expect(['cat', 'dog']).not.toContain(avatars.p2);
    expect(AVATARS).toContain(avatars.p2);
    db.close();
  });
});

describe('picture passwords for the teacher', () => {
  it('shows the teacher the pictures they set, and makes a new one that signs the pupil in', async () => {
    const { core, teacher, pupil, cls } = await grade1Class(['小刚']);
    const id = cls.pupils[0]!.id;
    expect(await teacher('pupils.picturePassword', { pupilId: id })).toEqual({ pictures: null, isSet: false });
    await teacher('pupils.update', { pupilId: id, picturePassword: ['sun', 'tree', 'car'] });
    expect(await teacher('pupils.picturePassword', { pupilId: id })).toEqual({ pictures: ['sun', 'tree', 'car'], isSet: true });
    const fresh = await teacher('pupils.newPicturePassword', { pupilId: id });
    expect(fresh.pictures).toHaveLength(3);
    const child = pupil();
    if (fresh.pictures!.join() !== 'sun,tree,car') await expect(child('pupils.signIn', { pupilId: id, pictures: ['sun', 'tree', 'car'] })).rejects.toMatchObject({ code: 'picture_wrong' });
    expect(await child('pupils.signIn', { pupilId: id, pictures: fresh.pictures! })).toMatchObject({ mode: 'pupil' });
    // Pupils cannot read anyone's pictures.
    await expect(child('pupils.picturePassword', { pupilId: id })).rejects.toMatchObject({ code: 'forbidden' });
    // Set before the pictures were kept: the teacher is told to make a new one.
    core.db.prepare('UPDATE pupils SET picture_password = NULL WHERE id = ?').run(id);
    expect(await teacher('pupils.picturePassword', { pupilId: id })).toEqual({ pictures: null, isSet: true });
    core.close();
  });
});

describe("the pupil's shelf and place", () => {
  async function pupilWithPack() {
    const setup = await grade1Class(['小明']);
    await setup.core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.test-pack' }), { trustConfirmed: true });
    const lesson = setup.core.packs.list().find((p) => p.id === 'org.example.test-pack')!.lessons[0]!;
    const steps = setup.core.packs.lesson('org.example.test-pack', lesson.id).lesson.steps.map((s) => s.id);
    const child = setup.pupil();
    await child('pupils.signIn', { pupilId: setup.cls.pupils[0]!.id });
    return { ...setup, child, steps, where: { packId: 'org.example.test-pack', lessonId: lesson.id }, version: setup.core.packs.list().find((p) => p.id === 'org.example.test-pack')!.version };
  }

  it('keeps the steps done and the open step\'s half-done state with the place, until the lesson is finished', async () => {
    const { core, child, steps, where, version } = await pupilWithPack();
    expect(steps.length).toBeGreaterThanOrEqual(2);
    const draft = { stepId: steps[0]!, state: { placement: { a: 'bin1' } } };
    // Back at step 1 after step 2 was done: both the place and the steps done are kept.
    await child('progress.savePosition', { ...where, packVersion: version, stepId: steps[0]!, done: [steps[0]!, steps[1]!], draft });
    expect(await child('progress.position', where)).toEqual({ stepId: steps[0], status: 'in-progress', done: [steps[0], steps[1]], draft });
    // A draft belongs to its step: moving on without one leaves none.
    await child('progress.savePosition', { ...where, packVersion: version, stepId: steps[1]!, done: [steps[0]!] });
    expect(await child('progress.position', where)).toMatchObject({ stepId: steps[1], done: [steps[0]], draft: null });
    await expect(child('progress.savePosition', { ...where, packVersion: version, stepId: steps[1]!, draft: { stepId: steps[1]!, state: 'x'.repeat(5000) } })).rejects.toMatchObject({ code: 'invalid_input' });
    await child('progress.finishLesson', { ...where, packVersion: version });
    expect(await child('progress.position', where)).toEqual({ stepId: null, status: 'done', done: [], draft: null });
    core.close();
  });

  it("says per lesson: done with stars, at step N, or nothing yet; with the class's grade and the teacher's lessons", async () => {
    const { core, teacher, child, cls, steps, where, version } = await pupilWithPack();
    expect(await child('pupils.shelf')).toEqual({ grade: 1, assigned: [], lessons: [] });
    await child('progress.savePosition', { ...where, packVersion: version, stepId: steps[1]! });
    expect((await child('pupils.shelf')).lessons).toEqual([expect.objectContaining({ ...where, status: 'in-progress', step: 2, stars: 0 })]);
    await child('progress.finishLesson', { ...where, packVersion: version });
    expect((await child('pupils.shelf')).lessons).toEqual([expect.objectContaining({ ...where, status: 'done', stars: 3, step: null })]);

    await teacher('classes.assignLesson', { classId: cls.id, ...where, assigned: true });
    await teacher('classes.assignLesson', { classId: cls.id, packId: 'org.example.other', lessonId: 'later', assigned: true });
    await teacher('classes.assignLesson', { classId: cls.id, ...where, assigned: true });
    expect(await teacher('classes.lessons', { classId: cls.id })).toEqual([{ packId: 'org.example.other', lessonId: 'later' }, where]);
    expect((await child('pupils.shelf')).assigned).toHaveLength(2);
    await teacher('classes.assignLesson', { classId: cls.id, ...where, assigned: false });
    expect((await child('pupils.shelf')).assigned).toEqual([{ packId: 'org.example.other', lessonId: 'later' }]);
    await expect(child('classes.assignLesson', { classId: cls.id, ...where, assigned: true })).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });
});

describe('the first-time hand, per pupil', () => {
  it('keeps which activity types each pupil has seen the hand of, across sign-outs and classmates; nothing for a guest', async () => {
    const { core, pupil, cls } = await grade1Class(['小明', '小红']);
    const [ming, hong] = cls.pupils;
    const screen = pupil();
    await screen('pupils.signIn', { pupilId: ming!.id });
    expect(await screen('pupils.hintsSeen')).toEqual([]);
    expect(await screen('pupils.sawHint', { kind: 'sort-bins' })).toEqual({ saved: true });
    await screen('pupils.sawHint', { kind: 'sort-bins' });
    await screen('pupils.sawHint', { kind: 'sequence' });
    await expect(screen('pupils.sawHint', { kind: 'not-a-step' })).rejects.toMatchObject({ code: 'invalid_input' });
    await screen('pupils.signOut');
    await screen('pupils.signIn', { pupilId: hong!.id });
    expect(await screen('pupils.hintsSeen')).toEqual([]);
    await screen('pupils.signOut');
    await screen('pupils.signIn', { pupilId: ming!.id });
    expect(await screen('pupils.hintsSeen')).toEqual(['sequence', 'sort-bins']);
    await screen('pupils.signInGuest');
    expect(await screen('pupils.sawHint', { kind: 'sort-bins' })).toEqual({ saved: false });
    expect(await screen('pupils.hintsSeen')).toEqual([]);
    core.close();
  });
});
