import { describe, expect, it } from 'vitest';
import { csvLabels, localTime } from '../../src/core/progress/csv-export';
import { attempt, progressSetup } from '../support/progress';

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

async function finishedLesson() {
  const setup = progressSetup();
  const cls = await setup.teacher('classes.create', { name: '三年级一班', grade: 3 });
  const pupil = await setup.teacher('pupils.add', { classId: cls.id, name: '小明' });
  const other = await setup.teacher('pupils.add', { classId: cls.id, name: '小红' });
  const child = setup.pupil();
  await child('pupils.signIn', { pupilId: pupil.id });
  await child('attempts.record', attempt('q1', true, LESSON));
  await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
  await child('pupils.signIn', { pupilId: other.id });
  await child('attempts.record', attempt('q1', false, LESSON));
  const finishedAt = (await setup.teacher('progress.pupil', { pupilId: pupil.id })).lessons[0]?.finishedAt as string;
  return { ...setup, cls, finishedAt };
}

describe('the progress table for Excel', () => {
  it('speaks Chinese by default: column names, statuses, and China time with its offset in the column name', async () => {
    const { core, teacher, cls, finishedAt } = await finishedLesson();
    const { text } = await teacher('progress.exportCsv', { classId: cls.id, timeZone: 'Asia/Shanghai' });
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('班级,学生,课程包,课程编号,课程,状态,星星,最好成绩（%）,学习时间（分钟）,答题次数,第一次完成时间（UTC+08:00）');
    const shanghai = new Date(Date.parse(finishedAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(rows).toContain(`三年级一班,小明,org.kite.safe-online,passwords,,已完成,3,100,0,1,${shanghai}`);
    expect(rows.find((r) => r.includes('小红'))).toMatch(/,学习中,0,,[\d.]+,1,$/);
    core.close();
  });

  it('speaks English when asked, and the app language otherwise', async () => {
    const { core, teacher, cls } = await finishedLesson();
    const english = (await teacher('progress.exportCsv', { classId: cls.id, lang: 'en', timeZone: 'UTC' })).text;
    expect(english.startsWith('\uFEFFClass,Pupil,Pack,Lesson id,Lesson,Status,Stars,Best score (%),Minutes spent,Answers given,First finished (UTC+00:00)\r\n')).toBe(true);
    expect(english).toContain(',Done,3,100,');
    expect(english).toContain(',In progress,0,');
    await teacher('settings.update', { language: 'en' });
    expect((await teacher('progress.exportCsv', { classId: cls.id })).text).toContain(',Done,3,100,');
    await expect(teacher('progress.exportCsv', { classId: cls.id, lang: 'fr' as 'en' })).rejects.toMatchObject({ code: 'invalid_input' });
    core.close();
  });

  it('keeps progress files language-neutral', async () => {
    const { core, teacher } = await finishedLesson();
    const file = (await teacher('progress.exportFile')).text;
    expect(file).not.toMatch(/已完成|学习中|Done/);
    expect(file).toMatch(/"at":"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/);
    core.close();
  });

  it('writes times Excel reads as date and time; a time in another offset (summer time) carries its own', () => {
    expect(localTime('2026-12-02T12:15:00Z', 'Asia/Shanghai')).toEqual({ local: '2026-12-02 20:15', offset: 'UTC+08:00' });
    const london = csvLabels({ lang: 'en', timeZone: 'Europe/London', now: Date.parse('2026-12-02T00:00:00Z') });
    expect(london.header.at(-1)).toBe('First finished (UTC+00:00)');
    expect(london.time('2026-12-01T09:05:00Z')).toBe('2026-12-01 09:05');
    expect(london.time('2026-07-01T12:00:00Z')).toBe('2026-07-01 13:00 +01:00');
    expect(london.time(null)).toBe('');
    // An unknown zone name falls back to this computer's zone rather than failing the export.
    expect(csvLabels({ timeZone: 'Mars/Olympus' }).time('2026-12-01T09:05:00Z')).toMatch(/^2026-12-01 \d{2}:\d{2}/);
  });
});
