import { describe, expect, it } from 'vitest';
import { b64, progressSetup } from '../support/progress';

/** A teacher's class list from Excel: which names become pupils of which class, and why a line is skipped. */
describe('class lists from a CSV file, line by line', () => {
  it('skips a header in English or Chinese only on the first line, and names each problem', async () => {
    const { core, teacher } = progressSetup();
    const file = [
      'Names,Class',
      '小明,三年级一班',
      '<b>小红</b>,三年级一班',
      'Tab\tName,三年级一班',
      '李雷',
      '学生,三年级一班',
    ].join('\n');
    const preview = await teacher('classes.importPreview', { fileBase64: b64(file) });
    expect(preview.lines.map((l) => [l.line, l.name, l.className, l.status, l.problem])).toEqual([
      [2, '小明', '三年级一班', 'new', undefined],
      [3, '<b>小红</b>', '三年级一班', 'error', 'bad-characters'],
      [4, 'Tab\tName', '三年级一班', 'error', 'bad-characters'],
      [5, '李雷', '', 'error', 'no-class'],
      // "学生" (pupil) is a header only at the top: further down it is a name like any other.
      [6, '学生', '三年级一班', 'new', undefined],
    ]);
    expect(preview).toMatchObject({ newPupils: 2, errors: 3, newClasses: ['三年级一班'] });
    expect((await teacher('classes.importPreview', { fileBase64: b64('name\n小明,一班\n') })).lines).toHaveLength(1);
    expect((await teacher('classes.importPreview', { fileBase64: b64('学生姓名\n小明,一班\n') })).lines).toHaveLength(1);
    core.close();
  });

  it('puts a name without a class into the class the teacher is looking at', async () => {
    const { core, teacher } = progressSetup();
    const cls = await teacher('classes.create', { name: '二年级三班', grade: 2 });
    const done = await teacher('classes.importCommit', { classId: cls.id, fileBase64: b64('小明\n小红,\n') });
    expect(done).toMatchObject({ newPupils: 2, errors: 0, newClasses: [] });
    expect((await teacher('classes.list')).map((c) => [c.name, c.pupils.map((p) => p.name)])).toEqual([['二年级三班', ['小明', '小红']]]);
    core.close();
  });

  it('counts a name typed two ways (composed or not) as one pupil', async () => {
    const { core, teacher } = progressSetup();
    // "Zoë" with a combining diaeresis, then precomposed.
    const preview = await teacher('classes.importPreview', { fileBase64: b64('Zoe\u0308,Grade 2B\nZo\u00eb,Grade 2B\n') });
    expect(preview.lines.map((l) => [l.name, l.problem])).toEqual([
      ['Zo\u00eb', undefined],
      ['Zo\u00eb', 'duplicate-in-file'],
    ]);
    core.close();
  });

  it('guesses each new class\'s grade from its name', async () => {
    const { core, teacher } = progressSetup();
    const file = ['甲,一年级一班', '乙,二年级', '丙,3年级2班', '丁,四 年级', '戊,五年级', '己,六年级一班', '庚,Grade 4A', '辛,grade5', '壬,七年级', '癸,兴趣小组'].join('\n');
    await teacher('classes.importCommit', { fileBase64: b64(file) });
    const grades = Object.fromEntries((await teacher('classes.list')).map((c) => [c.name, c.grade]));
    expect(grades).toEqual({ 一年级一班: 1, 二年级: 2, '3年级2班': 3, '四 年级': 4, 五年级: 5, 六年级一班: 6, 'Grade 4A': 4, grade5: 5, 七年级: null, 兴趣小组: null });
    core.close();
  });

  it('says which line stops a list where nothing can be added', async () => {
    const { core, teacher } = progressSetup();
    await expect(teacher('classes.importCommit', { fileBase64: b64('名字\n,一班\n') })).rejects.toMatchObject({
      code: 'csv_nothing_to_add',
      message: 'No line of this list can be added (line 2: empty). Nothing was added.',
      details: { errors: 1 },
    });
    // A list with nothing on it at all is no error: there is nothing to add.
    expect(await teacher('classes.importCommit', { fileBase64: b64('\n,,\n') })).toMatchObject({ newPupils: 0, errors: 0, blankLines: 1 });
    core.close();
  });
});
