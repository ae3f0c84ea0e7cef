import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/shared/messages';
import { b64, screen } from '../support/progress';
import { codeOf, eventually, roomWithOnePupil } from '../support/room';

describe("a pupil PC's roster is the hub's (issue 15)", () => {
  it('refuses every roster change on the pupil PC with roster_from_hub, changes nothing, and still takes the roster from the hub', { timeout: 60_000 }, async () => {
    const { pc, teacher: hubTeacher, cls, xiaoming, stopFollowing } = await roomWithOnePupil();
    const teacher = screen(pc.core, 'teacher');
    const before = await teacher('classes.list');
    const tries = [
      teacher('classes.create', { name: '本机的班', grade: 3 }),
      teacher('classes.update', { classId: cls.id, name: '改名', grade: 4 }),
      teacher('classes.remove', { classId: cls.id }),
      teacher('pupils.add', { classId: cls.id, name: '小新' }),
      teacher('pupils.update', { pupilId: xiaoming.id, name: '小明明' }),
      teacher('pupils.remove', { pupilId: xiaoming.id }),
      teacher('pupils.newPicturePassword', { pupilId: xiaoming.id }),
      teacher('classes.assignLesson', { classId: cls.id, packId: 'org.example.test-pack', lessonId: 'first-lesson', assigned: true }),
      teacher('classes.importCommit', { classId: cls.id, fileBase64: b64('姓名\n小华\n') }),
    ];
    for (const attempt of tries) expect(await codeOf(attempt)).toBe('roster_from_hub');
    expect(await teacher('classes.list')).toEqual(before);
    expect(await teacher('classes.lessons', { classId: cls.id })).toEqual([]);

    // The hub's own changes still arrive (the roster is applied by the sync, not through these methods),
    // at once: the hub tells its pupil PCs (roster.changed) rather than wait for their next poll (a minute).
    const xiaohong = await hubTeacher('pupils.add', { classId: cls.id, name: '小红' });
    await eventually(() => JSON.stringify(pc.core.progress.roster.list()).includes(xiaohong.id), 'the new pupil on the pupil PC', 10_000);
    await hubTeacher('classes.update', { classId: cls.id, name: '三年级二班', grade: 3 });
    await eventually(() => pc.core.progress.roster.list()[0]?.name === '三年级二班', 'the renamed class on the pupil PC', 10_000);
    // On the hub itself, and on a standalone PC, the roster stays the teacher's to edit.
    expect(await codeOf(hubTeacher('pupils.update', { pupilId: xiaoming.id, name: '小明明' }))).toBeUndefined();
    await stopFollowing();
  });

  it('says why in both languages', () => {
    expect(MESSAGES['zh-CN'].errors.roster_from_hub).toContain('老师的电脑');
    expect(MESSAGES.en.errors.roster_from_hub).toContain("teacher's PC");
  });
});
