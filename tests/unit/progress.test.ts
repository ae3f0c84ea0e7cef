import { describe, expect, it } from 'vitest';
import { attempt, b64, progressSetup } from '../support/progress';

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

async function classWithPupils(teacher: ReturnType<typeof progressSetup>['teacher'], names = ['小明', '小红']) {
  const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });
  const pupils = [];
  for (const name of names) pupils.push(await teacher('pupils.add', { classId: cls.id, name }));
  return { cls, pupils };
}

describe('pupils and sign-in', () => {
  it('signs a pupil in by tapping their name, and a guest saves nothing', async () => {
    const { core, teacher, pupil } = progressSetup();
    const { pupils } = await classWithPupils(teacher);
    const child = pupil();
    expect(await child('pupils.current')).toEqual({ mode: 'none' });
    const roster = await child('pupils.roster');
    expect(roster[0]?.pupils.map((p) => p.name)).toEqual(['小明', '小红']);
    // Different avatars for neighbours.
    expect(new Set(roster[0]?.pupils.map((p) => p.avatar)).size).toBe(2);
    const session = await child('pupils.signIn', { pupilId: pupils[0]!.id });
    expect(session).toMatchObject({ mode: 'pupil', pupil: { name: '小明', className: '三年级一班' } });
    expect(await child('attempts.record', attempt('q1', true))).toEqual({ saved: true });

    const guest = pupil();
    expect(await guest('pupils.signInGuest')).toEqual({ mode: 'guest' });
    expect(await guest('attempts.record', attempt('q1', true))).toEqual({ saved: false });
    expect(await guest('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toEqual({ saved: false, stars: 0, score: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM progress_events').get()).toEqual({ n: 1 });
    core.close();
  });

  it('asks for the picture password where set and locks after five wrong tries', async () => {
    const { core, teacher, pupil } = progressSetup();
    const { pupils } = await classWithPupils(teacher, ['小刚']);
    const id = pupils[0]!.id;
    await teacher('pupils.update', { pupilId: id, picturePassword: ['sun', 'tree', 'car'] });
    const child = pupil();
    await expect(child('pupils.signIn', { pupilId: id })).rejects.toMatchObject({ code: 'picture_wrong', details: { needed: true } });
    for (let i = 0; i < 4; i++) await expect(child('pupils.signIn', { pupilId: id, pictures: ['sun', 'car', 'tree'] })).rejects.toMatchObject({ code: 'picture_wrong' });
    await expect(child('pupils.signIn', { pupilId: id, pictures: ['sun', 'car', 'tree'] })).rejects.toMatchObject({ code: 'picture_locked' });
    // Locked: even the right pictures wait.
    await expect(child('pupils.signIn', { pupilId: id, pictures: ['sun', 'tree', 'car'] })).rejects.toMatchObject({ code: 'picture_locked' });
    expect(await child('pupils.current')).toEqual({ mode: 'none' });
    core.close();
  });

  it('refuses duplicate names in a class, and teacher methods to a pupil', async () => {
    const { core, teacher, pupil } = progressSetup();
    const { cls } = await classWithPupils(teacher);
    await expect(teacher('pupils.add', { classId: cls.id, name: '小明' })).rejects.toMatchObject({ code: 'duplicate_name' });
    await expect(teacher('classes.create', { name: '三年级一班', grade: 3 })).rejects.toMatchObject({ code: 'duplicate_name' });
    await expect(pupil()('progress.grid', { classId: cls.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pupil()('progress.resetPupil', { pupilId: cls.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await teacher('classes.list'))[0]?.pupils).toHaveLength(2);
    core.close();
  });
});

describe('progress', () => {
  it('derives status, score, stars, time and the resume position from the events', async () => {
    const { core, teacher, pupil } = progressSetup();
    const { cls, pupils } = await classWithPupils(teacher);
    const child = pupil();
    await child('pupils.signIn', { pupilId: pupils[0]!.id });
    const first = attempt('q1', false);
    await child('attempts.record', first);
    await child('attempts.record', first); // the same attempt again: stored once
    await child('attempts.record', attempt('q1', true));
    await child('attempts.record', attempt('q2', true));
    await child('progress.savePosition', { ...LESSON, packVersion: '1.0.0', stepId: 'q3' });
    expect(await child('progress.position', LESSON)).toMatchObject({ stepId: 'q3', status: 'in-progress' });
    expect(await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toEqual({ saved: true, score: 50, stars: 1 });
    expect(await child('progress.position', LESSON)).toMatchObject({ stepId: null, status: 'done' });

    const grid = await teacher('progress.grid', { classId: cls.id });
    expect(grid.lessons).toEqual([LESSON]);
    expect(grid.cells[0]?.[0]).toEqual({ status: 'done', stars: 1, bestScore: 50, timeMs: 3600 });
    expect(grid.cells[1]?.[0]).toMatchObject({ status: 'not-started' });
    expect(grid.averages[0]).toEqual({ done: 0.5, meanScore: 50, meanStars: 1 });

    const report = await teacher('progress.pupil', { pupilId: pupils[0]!.id });
    expect(report.attempts).toHaveLength(3);
    expect(report.hardSteps).toEqual([{ ...LESSON, stepId: 'q1', wrong: 1, right: 1 }]);
    const timeline = await teacher('progress.timeline', { classId: cls.id });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ lessonsDone: 1, pupilsActive: 1 });

    const csv = await teacher('progress.exportCsv', { classId: cls.id });
    expect(csv.text.startsWith('\uFEFF班级,学生')).toBe(true);
    expect(csv.text).toContain('三年级一班,小明,org.kite.safe-online,passwords,,已完成,1,50');
    // Three answers stored (the repeated one once): the summary and the CSV's attempts column say 3.
    const answers = () => core.db.prepare('SELECT attempts FROM lesson_summaries WHERE pupil_id = ?').pluck().get(pupils[0]!.id);
    expect(answers()).toBe(3);
    const attemptsColumn = async () => {
      const [header, ...rows] = (await teacher('progress.exportCsv', { classId: cls.id })).text.replace(/^\uFEFF/, '').trim().split('\r\n');
      const column = header!.split(',').indexOf('答题次数');
      expect(column).toBeGreaterThan(0);
      return rows.find((r) => r.includes(',小明,'))?.split(',')[column];
    };
    expect(await attemptsColumn()).toBe('3');

    // A second run, all right at the first try, gives the better score and keeps the best.
    await child('attempts.record', attempt('q1', true));
    await child('attempts.record', attempt('q2', true));
    expect(await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' })).toMatchObject({ score: 100, stars: 3 });
    expect(answers()).toBe(5);
    expect(await attemptsColumn()).toBe('5');

    await teacher('progress.resetPupil', { pupilId: pupils[0]!.id });
    expect(await child('progress.position', LESSON)).toMatchObject({ stepId: null, status: 'not-started' });
    expect((await teacher('progress.grid', { classId: cls.id })).lessons).toEqual([]);
    // Reset appends; nothing is deleted.
    expect(core.db.prepare('SELECT count(*) AS n FROM progress_events').get()).toEqual({ n: 9 });
    core.close();
  });

  it('keeps progress across a restart of the app', async () => {
    const first = progressSetup();
    const { pupils } = await classWithPupils(first.teacher);
    const child = first.pupil();
    await child('pupils.signIn', { pupilId: pupils[1]!.id });
    await child('progress.savePosition', { ...LESSON, packVersion: '1.0.0', stepId: 'q7' });
    first.core.close();
    const again = progressSetup(first.dataDir);
    const child2 = again.pupil();
    await child2('pupils.signIn', { pupilId: pupils[1]!.id });
    expect(await child2('progress.position', LESSON)).toMatchObject({ stepId: 'q7', status: 'in-progress' });
    again.core.close();
  });
});

describe('class lists from a CSV file', () => {
  it('previews each line with its problem, skips blank rows, and adds the good lines', async () => {
    const { core, teacher } = progressSetup();
    const { cls } = await classWithPupils(teacher, ['小明']);
    // A list as Excel leaves it: blank ",," rows, a header, one bad line among good ones.
    const file = '姓名,班级\n小明\n王小丽\n,\n,,\n王小丽\n一个名字长得超过了二十个字符的非常非常长的名字\n李雷,四年级二班,多余\n\n张伟\n';
    const preview = await teacher('classes.importPreview', { classId: cls.id, fileBase64: b64(file) });
    expect(preview.encoding).toBe('utf-8');
    expect(preview.lines.map((l) => [l.line, l.status, l.problem])).toEqual([
      [2, 'exists', undefined],
      [3, 'new', undefined],
      [6, 'error', 'duplicate-in-file'],
      [7, 'error', 'too-long'],
      [8, 'error', 'too-many-columns'],
      [10, 'new', undefined],
    ]);
    expect(preview).toMatchObject({ newPupils: 2, errors: 3, blankLines: 2 });
    const done = await teacher('classes.importCommit', { classId: cls.id, fileBase64: b64(file) });
    expect(done).toMatchObject({ newPupils: 2, errors: 3 });
    expect((await teacher('classes.list'))[0]?.pupils.map((p) => p.name).sort()).toEqual(['小明', '张伟', '王小丽'].sort());
    core.close();
  });

  it('refuses a list where no line can be added, changing nothing, and names a line with only a class as empty', async () => {
    const { core, teacher } = progressSetup();
    const file = ',一年级一班\n,,\n李雷,一年级一班,多余\n';
    const preview = await teacher('classes.importPreview', { fileBase64: b64(file) });
    expect(preview.lines.map((l) => [l.line, l.problem])).toEqual([
      [1, 'empty'],
      [3, 'too-many-columns'],
    ]);
    await expect(teacher('classes.importCommit', { fileBase64: b64(file) })).rejects.toMatchObject({ code: 'csv_nothing_to_add' });
    expect(await teacher('classes.list')).toEqual([]);
    core.close();
  });

  it('reads UTF-8 with a BOM and GBK from Chinese Excel, creating the classes named', async () => {
    const { core, teacher } = progressSetup();
    const bom = await teacher('classes.importPreview', { fileBase64: b64('\uFEFF张三,一年级一班\r\n李四,一年级一班\r\n') });
    expect(bom).toMatchObject({ encoding: 'utf-8-bom', newPupils: 2, newClasses: ['一年级一班'], errors: 0 });
    // "王五,二年级一班" saved by Excel on Chinese Windows (GBK).
    const gbk = Buffer.from('cdf5cee52cb6fec4eabcb6d2bbb0e00d0a', 'hex');
    const preview = await teacher('classes.importPreview', { fileBase64: b64(gbk) });
    expect(preview).toMatchObject({ encoding: 'gbk', lines: [{ name: '王五', className: '二年级一班', status: 'new' }] });
    await teacher('classes.importCommit', { fileBase64: b64(gbk) });
    await teacher('classes.importCommit', { fileBase64: b64('\uFEFF张三,一年级一班\r\n李四,一年级一班\r\n') });
    const classes = await teacher('classes.list');
    expect(classes.map((c) => [c.name, c.grade, c.pupils.length])).toEqual([
      ['一年级一班', 1, 2],
      ['二年级一班', 2, 1],
    ]);
    // Importing the same list again adds nobody.
    expect(await teacher('classes.importCommit', { fileBase64: b64('张三,一年级一班\n') })).toMatchObject({ newPupils: 0, lines: [{ status: 'exists' }] });
    core.close();
  });

  it('refuses a malformed CSV and bytes that are not text, changing nothing', async () => {
    const { core, teacher } = progressSetup();
    await expect(teacher('classes.importCommit', { fileBase64: b64('张三,一班\n"李四,一班\n') })).rejects.toMatchObject({ code: 'csv_invalid', message: expect.stringMatching(/quote/i) });
    await expect(teacher('classes.importCommit', { fileBase64: b64(new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0xff])) })).rejects.toMatchObject({ code: 'csv_invalid', message: expect.stringMatching(/UTF-8/) });
    await expect(teacher('classes.importCommit', { fileBase64: b64('张三\n') })).rejects.toMatchObject({ code: 'csv_nothing_to_add' }); // no class to put them in
    expect(await teacher('classes.list')).toEqual([]);
    core.close();
  });
});

describe('floods', () => {
  it('a flood of wrong teacher PINs locks after five, counts nothing more, and leaves the PIN as it was', async () => {
    const { core, pupil } = progressSetup();
    const child = pupil();
    await child('auth.setPin', { pin: '2468' });
    const hash = core.db.prepare("SELECT value FROM kv WHERE key = 'teacher.pin.hash'").pluck().get();
    const attacker = pupil();
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => attacker('auth.teacherSignIn', { pin: String(1000 + i) })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'pin_wrong')).toHaveLength(4);
    expect(codes.filter((c) => c === 'pin_locked')).toHaveLength(36);
    await expect(attacker('auth.teacherSignIn', { pin: '2468' })).rejects.toMatchObject({ code: 'pin_locked', message: expect.stringMatching(/Try again in (60|59) seconds/) }); // this window's first lock: 1 minute
    await expect(attacker('classes.list')).rejects.toMatchObject({ code: 'forbidden' });
    expect(core.db.prepare("SELECT value FROM kv WHERE key = 'teacher.pin.hash'").pluck().get()).toBe(hash);
    core.close();
  });
});

describe('lesson titles', () => {
  /** The fixture pack installed, and one pupil of a new class signed in on a window. */
  async function pupilWithInstalledPack(name: string) {
    const { buildFixturePack } = await import('../support/packs');
    const { tempDir } = await import('../support/temp');
    const { core, teacher, pupil } = progressSetup();
    await core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.test-pack' }), { trustConfirmed: true });
    const lesson = core.packs.list()[0]!.lessons[0]!;
    const { cls, pupils } = await classWithPupils(teacher, [name]);
    const child = pupil();
    await child('pupils.signIn', { pupilId: pupils[0]!.id });
    return { core, teacher, child, cls, pupilId: pupils[0]!.id, lesson, where: { packId: 'org.example.test-pack', lessonId: lesson.id } };
  }

  it('shows titles from the installed pack in the grid and the CSV, keyed by pack and lesson ids', async () => {
    const { core, teacher, child, cls, lesson, where } = await pupilWithInstalledPack('小明');
    await child('attempts.record', attempt('q1', true, where));
    const grid = await teacher('progress.grid', { classId: cls.id });
    const packTitle = core.packs.list()[0]!.title['zh-CN'];
    expect(grid.lessons).toEqual([{ packId: 'org.example.test-pack', lessonId: lesson.id, title: lesson.title['zh-CN'], packTitle }]);
    expect((await teacher('progress.exportCsv', {})).text).toContain(`,${lesson.title['zh-CN']},学习中,`);
    core.close();
  });

  it('gives the class grid a column for every lesson given to the class, then every installed lesson of its grade, then any other lesson started', async () => {
    const { buildFixturePack, fixtureLesson } = await import('../support/packs');
    const { tempDir } = await import('../support/temp');
    const { core, teacher, pupil } = progressSetup();
    const lessons = [
      fixtureLesson('first-grade', { grades: { from: 1, to: 2 } }),
      fixtureLesson('third-grade', { grades: { from: 3, to: 4 } }),
      fixtureLesson('all-grades', { grades: { from: 1, to: 6 } }),
    ];
    await core.packs.install(await buildFixturePack(tempDir(), { id: 'org.example.graded', lessons }), { trustConfirmed: true });
    const third = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    const mixed = await teacher('classes.create', { name: '兴趣小组', grade: null });
    const pupilId = (await teacher('pupils.add', { classId: third.id, name: '小明' })).id;
    const ids = async (classId: string) => (await teacher('progress.grid', { classId })).lessons.map((l) => l.lessonId);

    // Nobody has started anything: the grade's lessons are there to see, in the pack's order.
    expect(await ids(third.id)).toEqual(['third-grade', 'all-grades']);
    expect(await ids(mixed.id)).toEqual(['first-grade', 'third-grade', 'all-grades']);
    // A pupil opens a lesson of another grade, and one of a pack no longer installed: both join at the end.
    const child = pupil();
    await child('pupils.signIn', { pupilId });
    await child('attempts.record', attempt('q1', true, { packId: 'org.example.graded', lessonId: 'first-grade' }));
    await child('attempts.record', attempt('q1', true));
    const grid = await teacher('progress.grid', { classId: third.id });
    expect(grid.lessons.map((l) => [l.lessonId, l.packTitle])).toEqual([
      ['third-grade', '测试课程包'],
      ['all-grades', '测试课程包'],
      ['first-grade', '测试课程包'],
      ['passwords', undefined],
    ]);
    expect(grid.cells[0]!.map((c) => c.status)).toEqual(['not-started', 'not-started', 'in-progress', 'in-progress']);
    expect(grid.averages).toHaveLength(4);
    // A lesson the teacher gives a class comes first, even one of another grade.
    const second = await teacher('classes.create', { name: '三年级二班', grade: 3 });
    await teacher('classes.assignLesson', { classId: second.id, packId: 'org.example.graded', lessonId: 'first-grade', assigned: true });
    expect(await ids(second.id)).toEqual(['first-grade', 'third-grade', 'all-grades']);
    core.close();
  });

  it('names the questions a pupil found hard by lesson title and prompt, and by ids once the pack is gone', async () => {
    const { core, teacher, child, pupilId, lesson, where } = await pupilWithInstalledPack('小红');
    await child('attempts.record', attempt('question', false, where));
    await child('attempts.record', attempt('question', true, where));
    const report = await teacher('progress.pupil', { pupilId });
    const title = lesson.title['zh-CN'];
    expect(report.hardSteps).toEqual([{ packId: 'org.example.test-pack', lessonId: lesson.id, title, stepId: 'question', prompt: '陌生人要你的密码，你怎么办？', wrong: 1, right: 1 }]);
    expect(report.attempts.map((a) => [a.title, a.prompt])).toEqual([
      [title, '陌生人要你的密码，你怎么办？'],
      [title, '陌生人要你的密码，你怎么办？'],
    ]);

    await teacher('packs.uninstall', { packId: 'org.example.test-pack' });
    const after = await teacher('progress.pupil', { pupilId });
    expect(after.hardSteps[0]).toEqual({ packId: 'org.example.test-pack', lessonId: lesson.id, stepId: 'question', wrong: 1, right: 1 });
    core.close();
  });
});
