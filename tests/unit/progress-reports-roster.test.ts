import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { createProgress } from '../../src/core/progress';
import { AVATARS } from '../../src/shared/avatars';
import { progressSetup } from '../support/progress';
import { tempDir } from '../support/temp';

// Classes and pupils at the edges mutation testing found no test deciding (docs/mutation/core-progress-reports.md).

const PICTURES: ('sun' | 'tree' | 'car')[] = ['sun', 'tree', 'car'];

describe("a pupil PC's roster, which is the hub's", () => {
  it('refuses every change with roster_from_hub and changes nothing', () => {
    const db = openDatabase(path.join(tempDir(), 'kite.db'));
    let fromHub = false;
    const { roster } = createProgress(db, Date.now, undefined, undefined, undefined, undefined, () => fromHub);
    const cls = roster.createClass('一年级一班', 1);
    const p = roster.addPupil(cls.id, '小明');
    const before = roster.list();
    fromHub = true;
    const changes: (() => unknown)[] = [
      () => roster.editable(),
      () => roster.createClass('二年级一班', 2),
      () => roster.updateClass(cls.id, '一年级二班', 1),
      () => roster.removeClass(cls.id),
      () => roster.addPupil(cls.id, '小红'),
      () => roster.updatePupil(p.id, { name: '小明明' }),
      () => roster.newPicturePassword(p.id),
      () => roster.removePupil(p.id),
    ];
    // The words are printed under the sentence by `kite progress merge`, whose file may bring a new class.
    const refusal = { code: 'roster_from_hub', message: "This PC is a pupil PC: its classes and pupils come from the teacher's PC (the hub) and are changed there." };
    for (const change of changes) expect(change).toThrow(expect.objectContaining(refusal));
    expect(roster.list()).toEqual(before);
    db.close();
  });
});

describe("refusals whose English words the teacher sees on the error's details line", () => {
  it('names the class or pupil name that is taken, and says why a class cannot be removed', async () => {
    const { core, teacher } = progressSetup();
    const cls = await teacher('classes.create', { name: '二班', grade: 2 });
    await expect(teacher('classes.create', { name: '二班', grade: 3 })).rejects.toMatchObject({ code: 'duplicate_name', message: 'There is already a class called "二班".' });
    await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await expect(teacher('pupils.add', { classId: cls.id, name: '小明' })).rejects.toMatchObject({
      code: 'duplicate_name',
      message: 'There is already a pupil called "小明" in this class.',
    });
    await expect(teacher('classes.remove', { classId: cls.id })).rejects.toMatchObject({ code: 'conflict', message: 'Move or remove the pupils of this class first.' });
    core.close();
  });
});

describe('picture passwords', () => {
  it('stay when the teacher renames a pupil or changes their picture', async () => {
    const { core, teacher, pupil } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await teacher('pupils.update', { pupilId: p.id, picturePassword: PICTURES });
    expect(await teacher('pupils.update', { pupilId: p.id, name: '小明明' })).toMatchObject({ name: '小明明', hasPicturePassword: true });
    const other = AVATARS.find((a) => a !== p.avatar)!;
    expect(await teacher('pupils.update', { pupilId: p.id, avatar: other })).toMatchObject({ avatar: other, hasPicturePassword: true });
    expect(await teacher('pupils.picturePassword', { pupilId: p.id })).toEqual({ pictures: PICTURES, isSet: true });
    await expect(pupil()('pupils.signIn', { pupilId: p.id })).rejects.toMatchObject({ code: 'picture_wrong', details: { needed: true } });
    core.close();
  });

  it('a new one is answered as set', async () => {
    const { core, teacher } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    expect(await teacher('pupils.newPicturePassword', { pupilId: p.id })).toEqual({ pictures: expect.any(Array), isSet: true });
    core.close();
  });

  it('an empty list of pictures only asks for them: it is no wrong try and never locks', async () => {
    const { core, teacher, pupil } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await teacher('pupils.update', { pupilId: p.id, picturePassword: PICTURES });
    const child = pupil();
    for (let i = 0; i < 6; i++) await expect(child('pupils.signIn', { pupilId: p.id, pictures: [] })).rejects.toMatchObject({ code: 'picture_wrong', details: { needed: true } });
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: PICTURES })).resolves.toMatchObject({ mode: 'pupil' });
    core.close();
  });

  it('the lock ends at its minute: a wrong try then is just wrong, as a right one gets in', async () => {
    let clock = Date.parse('2026-12-03T08:00:00Z');
    const { core, teacher, pupil } = progressSetup(undefined, () => clock);
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    const p = await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await teacher('pupils.update', { pupilId: p.id, picturePassword: PICTURES });
    const child = pupil();
    const wrong = ['car', 'tree', 'sun'];
    for (let i = 0; i < 4; i++) await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_wrong' });
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_locked' });
    clock += 60_000;
    await expect(child('pupils.signIn', { pupilId: p.id, pictures: wrong })).rejects.toMatchObject({ code: 'picture_wrong' });
    core.close();
  });
});
