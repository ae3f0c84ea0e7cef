import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { attempt, progressSetup } from '../support/progress';
import { integrityProblem, restoreBackup } from '../../src/core/backups/backup';

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };
const count = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM progress_events').get() as { n: number }).n;

async function pcWithWork(names: string[], answers = 3) {
  const pc = progressSetup();
  const cls = await pc.teacher('classes.create', { name: '四年级一班', grade: 4 });
  for (const name of names) {
    const p = await pc.teacher('pupils.add', { classId: cls.id, name });
    const child = pc.pupil();
    await child('pupils.signIn', { pupilId: p.id });
    for (let i = 0; i < answers; i++) await child('attempts.record', attempt(`q${i}`, i % 2 === 0));
    await child('progress.finishLesson', { ...LESSON, packVersion: '1.0.0' });
  }
  return { ...pc, cls };
}

describe('moving progress between PCs', () => {
  it('merges a file from another PC, matching classes and pupils by name, and a second merge changes nothing', async () => {
    const a = await pcWithWork(['小明', '小红']);
    const b = await pcWithWork(['小明', '小刚']);
    const fromB = (await b.teacher('progress.exportFile')).text;
    expect(fromB.split('\n')[0]).toContain('"app":"kite-classroom"');

    const first = await a.teacher('progress.mergeFile', { text: fromB });
    expect(first).toEqual({ events: { added: 8, alreadyHere: 0 }, pupils: { added: 1, matched: 1 }, classes: { added: 0, matched: 1 } });
    const again = await a.teacher('progress.mergeFile', { text: fromB });
    expect(again.events).toEqual({ added: 0, alreadyHere: 8 });
    expect(count(a.core.db)).toBe(16);

    const classes = await a.teacher('classes.list');
    expect(classes).toHaveLength(1);
    expect(classes[0]?.pupils.map((p) => p.name)).toEqual(['小明', '小红', '小刚']);
    const grid = await a.teacher('progress.grid', { classId: classes[0]!.id });
    expect(grid.cells.map((row) => row[0]?.status)).toEqual(['done', 'done', 'done']);
    // 小明 did the lesson on both PCs: both runs are kept, and the summary counts both.
    const xiaoming = await a.teacher('progress.pupil', { pupilId: classes[0]!.pupils[0]!.id });
    expect(xiaoming.attempts).toHaveLength(6);

    // And back the other way: nothing from either PC is lost.
    await b.teacher('progress.mergeFile', { text: (await a.teacher('progress.exportFile')).text });
    expect(count(b.core.db)).toBe(16);
    a.core.close();
    b.core.close();
  });

  it('refuses a file from another app, a newer version, or one cut short, changing nothing', async () => {
    const a = await pcWithWork(['小明']);
    const b = await pcWithWork(['小红']);
    const good = (await b.teacher('progress.exportFile')).text;
    const before = count(a.core.db);
    const header = JSON.parse(good.split('\n')[0] as string) as Record<string, unknown>;
    const withHeader = (h: object) => [JSON.stringify(h), ...good.split('\n').slice(1)].join('\n');
    await expect(a.teacher('progress.mergeFile', { text: '姓名,班级\n张三,一班\n' })).rejects.toMatchObject({ code: 'file_not_ours' });
    await expect(a.teacher('progress.mergeFile', { text: withHeader({ ...header, app: 'other-app' }) })).rejects.toMatchObject({ code: 'file_not_ours' });
    await expect(a.teacher('progress.mergeFile', { text: withHeader({ ...header, formatVersion: 3 }) })).rejects.toMatchObject({ code: 'file_too_new', message: expect.stringMatching(/newer Kite Classroom/) });
    await expect(a.teacher('progress.mergeFile', { text: good.slice(0, Math.floor(good.length * 0.8)) })).rejects.toMatchObject({ code: 'progress_file_invalid', message: expect.stringMatching(/damaged|incomplete/) });
    const lines = good.split('\n');
    lines.splice(-3, 1); // one event line lost in the middle
    await expect(a.teacher('progress.mergeFile', { text: lines.join('\n') })).rejects.toMatchObject({ message: expect.stringMatching(/incomplete/) });
    expect(count(a.core.db)).toBe(before);
    expect((await a.teacher('classes.list'))[0]?.pupils).toHaveLength(1);
    a.core.close();
    b.core.close();
  });
});

describe('backups', () => {
  it('makes, lists and prunes backups that pass the integrity check', async () => {
    const a = await pcWithWork(['小明']);
    for (let i = 0; i < 3; i++) await a.teacher('backups.create');
    const list = await a.teacher('backups.list');
    expect(list.length).toBeGreaterThanOrEqual(1);
    for (const b of list) expect(integrityProblem(path.join(a.core.layout.backups, b.name))).toBeUndefined();
    a.core.close();
  });

  it('backs up before migrating an older database', async () => {
    const { openDatabase } = await import('../../src/core/db/open');
    const { migrations } = await import('../../src/core/db/migrations');
    const a = progressSetup();
    a.core.close();
    fs.rmSync(a.core.layout.db);
    openDatabase(a.core.layout.db, { migrationList: migrations.filter((m) => m.version <= 1) }).close();
    const again = progressSetup(a.dataDir);
    expect(again.core.backups.list().map((b) => b.reason)).toEqual(['before-v1']);
    again.core.close();
  });

  it('refuses a truncated backup and leaves the database as it was', async () => {
    const a = await pcWithWork(['小明']);
    const made = await a.core.backups.create('manual');
    const file = path.join(a.core.layout.backups, made.name);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const events = count(a.core.db);
    a.core.close();
    const before = fs.readFileSync(a.core.layout.db);
    expect(() => restoreBackup(a.core.layout.db, a.core.layout.backups, made.name)).toThrow(expect.objectContaining({ code: 'backup_invalid' }));
    expect(fs.readFileSync(a.core.layout.db).equals(before)).toBe(true);
    const again = progressSetup(a.dataDir);
    expect(count(again.core.db)).toBe(events);
    again.core.close();
  });

  it('restores the newest good backup when the database is corrupt, keeps the damaged file, and tells the teacher', async () => {
    const a = await pcWithWork(['小明']);
    await a.core.backups.create('daily');
    const events = count(a.core.db);
    a.core.close();
    // Scribble over the middle of the database file, as a failing disk would.
    const fd = fs.openSync(a.core.layout.db, 'r+');
    const size = fs.fstatSync(fd).size;
    for (let at = 4096; at < size; at += 4096) fs.writeSync(fd, Buffer.alloc(512, 0x5a), 0, 512, at + 100);
    fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    fs.closeSync(fd);
    expect(integrityProblem(a.core.layout.db)).toBeDefined();

    const again = progressSetup(a.dataDir);
    expect(count(again.core.db)).toBe(events);
    const warnings = again.core.health().warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'database_restored', text: expect.stringMatching(/damaged.*restored from the backup/) });
    expect(fs.readdirSync(a.dataDir).some((f) => f.startsWith('kite.db.corrupt-'))).toBe(true);
    again.core.close();
  });
});

describe('backup files', () => {
  it('are single self-contained files (nothing left beside them)', async () => {
    const a = progressSetup();
    await a.core.backups.create('manual');
    a.core.backups.createNow('before-v2');
    expect(fs.readdirSync(a.core.layout.backups).filter((f) => !/^kite-.*\.db$/.test(f))).toEqual([]);
    a.core.close();
  });
});
