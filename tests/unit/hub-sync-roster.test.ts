import { describe, expect, it } from 'vitest';
import { attempt, progressSetup } from '../support/progress';
import { room } from '../support/hub-room';

type Pc = ReturnType<typeof progressSetup>;
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

describe('one roster for the room', () => {
  it('brings the hub\'s classes, pupils, avatars and lessons to every PC; picture passwords travel only as hashes and work anywhere', async () => {
    const { hub, cls, pupils, pcs } = await room(3);
    const pictures = (await hub.teacher('pupils.newPicturePassword', { pupilId: pupils[0]!.id })).pictures as string[];
    await hub.teacher('classes.assignLesson', { classId: cls.id, ...LESSON, assigned: true });
    await hub.teacher('pupils.remove', { pupilId: pupils[5]!.id });
    const snapshot = hub.core.hubSync.rosterSnapshot();
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain(pictures.join(' '));
    expect(text).not.toMatch(/picture_?password/i);
    expect(snapshot.pupils[0]?.pictureHash).toMatch(/^scrypt\$/);
    expect(snapshot.pupils.find((p) => p.id === pupils[5]!.id)).toMatchObject({ archived: true });

    for (const pc of pcs) expect(pc.core.hubSync.applyRoster(wire(snapshot))).toBe(true);
    for (const pc of pcs as Pc[]) {
      const classes = await pc.teacher('classes.list');
      const hubClasses = await hub.teacher('classes.list');
      expect(classes).toEqual(hubClasses);
      expect(await pc.teacher('classes.lessons', { classId: cls.id })).toEqual([LESSON]);
      // 小明 signs in at this PC with his three pictures; wrong ones are refused, as on the hub.
      const child = pc.pupil();
      await expect(child('pupils.signIn', { pupilId: pupils[0]!.id, pictures: [pictures[1]!, pictures[0]!, 'x'] })).rejects.toMatchObject({ code: 'picture_wrong' });
      await expect(child('pupils.signIn', { pupilId: pupils[0]!.id, pictures })).resolves.toMatchObject({ pupil: { id: pupils[0]!.id } });
      // The pictures themselves stay on the hub, for the teacher to read back there.
      expect((await pc.teacher('pupils.picturePassword', { pupilId: pupils[0]!.id })).pictures).toBeNull();
      expect(pc.core.hubSync.rosterVersion()).toBe(snapshot.version);
    }
    // The same roster again changes nothing and says so; asking the hub costs a few bytes then.
    expect(pcs[0]!.core.hubSync.applyRoster(wire(snapshot))).toBe(false);
    const asked: unknown[] = [];
    const get = async (version: string | null) => (asked.push(wire(hub.core.hubSync.rosterAnswer(version))), asked.at(-1));
    expect(await pcs[0]!.core.hubSync.pullRoster(get)).toBe(false);
    expect(asked).toEqual([{ version: snapshot.version, unchanged: true }]);
    await hub.teacher('pupils.update', { pupilId: pupils[1]!.id, avatar: 'owl' });
    expect(await pcs[0]!.core.hubSync.pullRoster(get)).toBe(true);
    expect((await pcs[0]!.teacher('classes.list'))[0]?.pupils[1]?.avatar).toBe('owl');
    // With the hub gone, the PC keeps its roster (it is in its own database).
    hub.core.close();
    const again = progressSetup(pcs[0]!.dataDir);
    expect((await again.teacher('classes.list'))[0]?.pupils.map((p) => p.name)).toEqual(['小明', '小红', '小刚', '小丽', '小军']);
    for (const s of [again, pcs[1]!, pcs[2]!]) s.core.close();
    pcs[0]!.core.close();
  });

  it('follows renames and swapped names on the hub; this PC\'s own pupils are archived with their work kept', async () => {
    const { hub, cls, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    // This PC had a class of the same name and a pupil of its own before it joined, with some work.
    const own = progressSetup();
    const ownClass = await own.teacher('classes.create', { name: '五年级二班', grade: 5 });
    const ownPupil = await own.teacher('pupils.add', { classId: ownClass.id, name: '本机学生' });
    await pc.teacher('progress.mergeFile', { text: (await own.teacher('progress.exportFile')).text });
    const child = pc.pupil();
    await child('pupils.signIn', { pupilId: ownPupil.id });
    await child('attempts.record', attempt('q1', true));

    const [a, b] = [pupils[0]!, pupils[1]!];
    await hub.teacher('pupils.update', { pupilId: a.id, name: '临时' });
    await hub.teacher('pupils.update', { pupilId: b.id, name: a.name });
    await hub.teacher('pupils.update', { pupilId: a.id, name: b.name });
    const second = await hub.teacher('classes.create', { name: '五年级二班', grade: 5 });
    await hub.teacher('classes.update', { classId: cls.id, name: '四年级(1)班', grade: 4 });
    expect(pc.core.hubSync.applyRoster(wire(hub.core.hubSync.rosterSnapshot()))).toBe(true);

    expect(await pc.teacher('classes.list')).toEqual(await hub.teacher('classes.list'));
    const mine = pc.core.db.prepare('SELECT class_id, archived FROM pupils WHERE id = ?').get(ownPupil.id);
    expect(mine).toEqual({ class_id: second.id, archived: 1 }); // folded into the hub's class of that name
    expect(pc.core.db.prepare('SELECT count(*) AS n FROM progress_events WHERE pupil_id = ?').get(ownPupil.id)).toEqual({ n: 1 });
    for (const s of [hub, pc, own]) s.core.close();
  });

  it('keeps a class the hub removed out of sight on every PC, with its removed pupils\' work still theirs', async () => {
    const { hub, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    const old = await hub.teacher('classes.create', { name: '毕业班', grade: 6 });
    const leaver = await hub.teacher('pupils.add', { classId: old.id, name: '小毕' });
    expect(pc.core.hubSync.applyRoster(wire(hub.core.hubSync.rosterSnapshot()))).toBe(true);
    const child = pc.pupil();
    await child('pupils.signIn', { pupilId: leaver.id });
    await child('attempts.record', attempt('q1', true));
    await hub.teacher('pupils.remove', { pupilId: leaver.id });
    await hub.teacher('classes.remove', { classId: old.id });
    const renamed = await hub.teacher('classes.create', { name: '毕业班', grade: 6 });

    const snapshot = hub.core.hubSync.rosterSnapshot();
    expect(snapshot.classes.filter((c) => c.name === '毕业班').map((c) => [c.id, c.archived])).toEqual(expect.arrayContaining([[old.id, true], [renamed.id, false]]));
    expect(pc.core.hubSync.applyRoster(wire(snapshot))).toBe(true);
    expect(await pc.teacher('classes.list')).toEqual(await hub.teacher('classes.list'));
    expect(pc.core.db.prepare('SELECT class_id, archived FROM pupils WHERE id = ?').get(leaver.id)).toEqual({ class_id: old.id, archived: 1 });
    expect(pc.core.db.prepare('SELECT count(*) AS n FROM progress_events WHERE pupil_id = ?').get(leaver.id)).toEqual({ n: 1 });
    for (const s of [hub, pc]) s.core.close();
  });

  it('refuses a roster that does not hold together, changing nothing', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    const before = await pc.teacher('classes.list');
    const version = pc.core.hubSync.rosterVersion();
    const snapshot = wire(hub.core.hubSync.rosterSnapshot());
    const orphan = { ...snapshot, version: 'f'.repeat(64), pupils: [...snapshot.pupils, { ...snapshot.pupils[0]!, id: 'p-x', name: '新来的', classId: 'no-such-class' }] };
    await hub.teacher('pupils.update', { pupilId: pupils[0]!.id, name: '改了名' });
    const renamed = wire(hub.core.hubSync.rosterSnapshot());
    expect(() => pc.core.hubSync.applyRoster({ ...orphan, pupils: [...renamed.pupils, orphan.pupils.at(-1)] })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => pc.core.hubSync.applyRoster({ ...renamed, pupils: [{ ...renamed.pupils[0], avatar: 'not-a-picture' }] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => pc.core.hubSync.applyRoster({ version: 'x' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(await pc.teacher('classes.list')).toEqual(before);
    expect(pc.core.hubSync.rosterVersion()).toBe(version);
    for (const s of [hub, pc]) s.core.close();
  });
});
