import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSmallTmpfs } from '../support/tmpfs';
import { attempt, progressSetup } from '../support/progress';
import { KiteError } from '../../src/shared/errors';

/** A real full disk: a 64 MB tmpfs (above the 50 MB warning line until filled) as the data folder. Needs root. */
const disk = useSmallTmpfs('64m');

/** Fill the disk to the last byte with one file; returns a way to free it again. */
function fillDisk(dir: string): () => void {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          fs.writeSync(fd, chunk, 0, size);
        } catch {
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return () => fs.rmSync(filler);
}

/** `kite backup create` as its own process (from source). */
const kiteBackup = (dataDir: string) =>
  new Promise<{ failed: boolean; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../src/cli/index.ts'), 'backup', 'create', '--data', dataDir], (error, _out, stderr) => resolve({ failed: error !== null, stderr }));
  });

const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e instanceof KiteError ? e.code : `not a KiteError: ${String(e)}`));

describe('a full disk', () => {
  it('says disk_full (never internal) for settings, answers and backups, leaves no temp file, warns the teacher, and works again once space is freed', async (context) => {
    if (!disk.path) return context.skip(disk.whyNot);
    const mountPoint = disk.path;
    const dataDir = path.join(mountPoint, 'data');
    const pc = progressSetup(dataDir);
    try {
      await pc.teacher('backups.create');
      const cls = await pc.teacher('classes.create', { name: '二年级一班', grade: 2 });
      const pupil = await pc.teacher('pupils.add', { classId: cls.id, name: '小明' });
      const child = pc.pupil();
      await child('pupils.signIn', { pupilId: pupil.id });
      expect(((await pc.teacher('app.health')).warnings ?? []).map((w) => w.code)).not.toContain('disk_low');
      const settingsBefore = fs.readdirSync(dataDir);

      const free = fillDisk(mountPoint);
      expect(await codeOf(pc.teacher('settings.update', { schoolName: '风筝小学' }))).toBe('disk_full');
      expect(fs.readdirSync(dataDir)).toEqual(settingsBefore);
      expect((await pc.teacher('settings.get')).schoolName).not.toBe('风筝小学');

      // SQLite may still have room in its log for a few: keep answering until the disk says no.
      const answered: string[] = [];
      let refused = '';
      for (let i = 0; i < 3000 && !refused; i++) {
        const a = attempt(`q${i % 5}`, true);
        const code = await codeOf(child('attempts.record', a));
        if (code === 'ok') answered.push(a.attemptId);
        else refused = code;
      }
      expect(refused).toBe('disk_full');
      // A backup on a full disk: disk_full in the app and on the command line, and no half-made file left.
      const backupsBefore = fs.readdirSync(pc.core.layout.backups);
      expect(await codeOf(pc.teacher('backups.create'))).toBe('disk_full');
      const cli = await kiteBackup(dataDir);
      expect(cli.failed).toBe(true);
      expect(cli.stderr).toMatch(/^kite backup: The disk is full[:,]/);
      expect(fs.readdirSync(pc.core.layout.backups)).toEqual(backupsBefore);

      const health = await pc.teacher('app.health');
      expect(health.warnings).toContainEqual(expect.objectContaining({ code: 'disk_low', params: { freeMb: expect.stringMatching(/^\d+\.\d$/) } }));

      free();
      await child('attempts.record', attempt('q9', true));
      const stored = new Set(pc.core.db.prepare('SELECT id FROM progress_events').pluck().all() as string[]);
      expect(answered.filter((id) => !stored.has(id))).toEqual([]);
      expect(pc.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((await pc.teacher('settings.update', { schoolName: '风筝小学' })).schoolName).toBe('风筝小学');
      expect(((await pc.teacher('app.health')).warnings ?? []).map((w) => w.code)).not.toContain('disk_low');
    } finally {
      pc.core.close();
    }
  });
});
