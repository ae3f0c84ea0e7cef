import { describe, expect, it } from 'vitest';
import { AVATARS } from '../../src/shared/contract/roster';
import { attempt, progressSetup } from '../support/progress';

/** The teacher's class list: classes in grade order, names unique, avatars distinct, picture passwords that lock and unlock. */
describe('classes and pupils as the teacher keeps them', () => {
  it('lists classes by grade, those without a grade last, then by name', async () => {
    const { core, teacher } = progressSetup();
    for (const [name, grade] of [['兴趣小组', null], ['三年级二班', 3], ['一年级一班', 1], ['三年级一班', 3], ['A 组', null]] as const) await teacher('classes.create', { name, grade });
    expect((await teacher('classes.list')).map((c) => c.name)).toEqual(['一年级一班', '三年级一班', '三年级二班', 'A 组', '兴趣小组']);
    core.close();
  });

  it('renames a class, refusing a name another class has, and removes only an empty class', async () => {
    const { core, teacher } = progressSetup();
    const a = await teacher('classes.create', { name: '一班', grade: 1 });
    await teacher('classes.create', { name: '二班', grade: 2 });
    expect(await teacher('classes.update', { classId: a.id, name: '一班', grade: 2 })).toMatchObject({ name: '一班', grade: 2 });
    expect(await teacher('classes.update', { classId: a.id, name: '一年级一班', grade: 1 })).toMatchObject({ name: '一年级一班', grade: 1 });
    await expect(teacher('classes.update', { classId: a.id, name: '二班', grade: 1 })).rejects.toMatchObject({ code: 'duplicate_name', message: 'There is already a class called "二班".' });
    const pupil = await teacher('pupils.add', { classId: a.id, name: '小明' });
    await expect(teacher('classes.remove', { classId: a.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await teacher('classes.list')).map((c) => c.name)).toEqual(['一年级一班', '二班']);
    expect(pupil.name).toBe('小明');
    const empty = await teacher('classes.create', { name: '空班', grade: null });
    await teacher('classes.remove', { classId: empty.id });
    expect((await teacher('classes.list')).map((c) => c.name)).toEqual(['一年级一班', '二班']);
    await expect(teacher('classes.remove', { classId: empty.id })).rejects.toMatchObject({ code: 'not_found' });
    core.close();
  });

  it('removes a class whose pupils were all removed: it leaves the list, its name is free again, and its pupils\' progress stays and travels', async () => {
    const { core, teacher, pupil } = progressSetup();
    const cls = await teacher('classes.create', { name: '六年级一班', grade: 6 });
    const xiaoming = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    const child = pupil();
    await child('pupils.signIn', { pupilId: xiaoming.id });
    await child('attempts.record', attempt('q1', true));
    await teacher('classes.assignLesson', { classId: cls.id, packId: 'org.kite.safe-online', lessonId: 'passwords', assigned: true });
    await teacher('pupils.remove', { pupilId: xiaoming.id });

    await teacher('classes.remove', { classId: cls.id });
    expect(await teacher('classes.list')).toEqual([]);
    await expect(teacher('classes.remove', { classId: cls.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(teacher('classes.lessons', { classId: cls.id })).rejects.toMatchObject({ code: 'not_found' });
    // Next year's class may take the name.
    const next = await teacher('classes.create', { name: '六年级一班', grade: 6 });
    expect((await teacher('classes.list')).map((c) => c.id)).toEqual([next.id]);
    expect(core.db.prepare('SELECT count(*) AS n FROM progress_events WHERE pupil_id = ?').get(xiaoming.id)).toEqual({ n: 1 });

    // The progress file carries the archived class, so another PC takes 小明's work without a live class appearing there.
    const other = progressSetup();
    await other.teacher('classes.create', { name: '六年级一班', grade: 6 });
    const merged = await other.teacher('progress.mergeFile', { text: (await teacher('progress.exportFile')).text });
    expect(merged).toMatchObject({ events: { added: 1, alreadyHere: 0 }, classes: { added: 1, matched: 1 } });
    expect((await other.teacher('classes.list')).map((c) => [c.name, c.pupils.length])).toEqual([['六年级一班', 0]]);
    expect(other.core.db.prepare('SELECT count(*) AS n FROM progress_events WHERE pupil_id = ?').get(xiaoming.id)).toEqual({ n: 1 });
    core.close();
    other.core.close();
  });

  it('gives each new pupil a picture no classmate has, and refuses a taken one', async () => {
    const { core, teacher } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const first = await teacher('pupils.add', { classId: cls.id, name: '小明', avatar: AVATARS[1] });
    const second = await teacher('pupils.add', { classId: cls.id, name: '小红' });
    expect(second.avatar).toBe(AVATARS[0]);
    const third = await teacher('pupils.add', { classId: cls.id, name: '小刚' });
    expect(new Set([first.avatar, second.avatar, third.avatar]).size).toBe(3);
    await expect(teacher('pupils.add', { classId: cls.id, name: '小丽', avatar: first.avatar })).rejects.toMatchObject({ code: 'avatar_taken' });
    await expect(teacher('pupils.update', { pupilId: second.id, avatar: first.avatar })).rejects.toMatchObject({ code: 'avatar_taken' });
    // Keeping one's own picture is no clash.
    expect(await teacher('pupils.update', { pupilId: first.id, avatar: first.avatar, name: '小明明' })).toMatchObject({ name: '小明明', avatar: first.avatar });
    await expect(teacher('pupils.update', { pupilId: first.id, name: '小红' })).rejects.toMatchObject({ code: 'duplicate_name', message: 'There is already a pupil called "小红" in this class.' });
    expect(await teacher('pupils.update', { pupilId: first.id, name: '小明明' })).toMatchObject({ name: '小明明' });
    // A pupil who left is gone from the list, and their name is free again.
    await teacher('pupils.remove', { pupilId: third.id });
    expect((await teacher('classes.list'))[0]!.pupils.map((p) => p.name)).toEqual(['小明明', '小红']);
    expect(await teacher('pupils.add', { classId: cls.id, name: '小刚' })).toMatchObject({ name: '小刚' });
    await expect(teacher('pupils.remove', { pupilId: third.id })).rejects.toMatchObject({ code: 'not_found' });
    core.close();
  });

  it('reads a picture password back to the teacher, makes a new one, and clears it', async () => {
    const { core, teacher, pupil } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    expect(await teacher('pupils.picturePassword', { pupilId: p.id })).toEqual({ pictures: null, isSet: false });
    expect(await teacher('pupils.update', { pupilId: p.id, picturePassword: ['sun', 'tree', 'car'] })).toMatchObject({ hasPicturePassword: true });
    expect(await teacher('pupils.picturePassword', { pupilId: p.id })).toEqual({ pictures: ['sun', 'tree', 'car'], isSet: true });
    const fresh = await teacher('pupils.newPicturePassword', { pupilId: p.id });
    expect(fresh.pictures).toHaveLength(3);
    expect(await teacher('pupils.picturePassword', { pupilId: p.id })).toEqual({ pictures: fresh.pictures, isSet: true });
    await expect(pupil()('pupils.signIn', { pupilId: p.id, pictures: fresh.pictures! })).resolves.toMatchObject({ mode: 'pupil' });
    expect(await teacher('pupils.update', { pupilId: p.id, picturePassword: null })).toMatchObject({ hasPicturePassword: false });
    await expect(pupil()('pupils.signIn', { pupilId: p.id })).resolves.toMatchObject({ mode: 'pupil' });
    core.close();
  });

  it('locks the picture password for a minute after five wrong tries, says how long, then lets the pupil in', async () => {
    let clock = Date.parse('2026-12-03T08:00:00Z');
    const { core, teacher, pupil } = progressSetup(undefined, () => clock);
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await teacher('pupils.update', { pupilId: p.id, picturePassword: ['sun', 'tree', 'car'] });
    const child = pupil();
    const wrong = ['car', 'tree', 'sun'];
    // Four wrong tries, then the right one: in, and the count starts over.
    for (let i = 0; i < 4; i++) await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_wrong', message: 'Those pictures are not right.' });
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: ['sun', 'tree', 'car'] })).resolves.toMatchObject({ mode: 'pupil' });
    for (let i = 0; i < 4; i++) await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_wrong' });
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_locked' });
    clock += 20_000;
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: ['sun', 'tree', 'car'] })).rejects.toMatchObject({ code: 'picture_locked', details: { seconds: 40 } });
    clock += 40_000;
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: ['sun', 'tree', 'car'] })).resolves.toMatchObject({ mode: 'pupil' });
    core.close();
  });
});
