import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { buildFixturePack } from '../support/packs';
import { kiteProcess } from '../support/cli';
import { tempDir } from '../support/temp';

const kite = kiteProcess;

describe('kite commands run beside the running app', () => {
  it('leave its staged pack and waiting upload alone; the preview then installs', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const app = createCore({ dataDir, appLock: true });
    try {
      const preview = await app.packs.stage(await buildFixturePack(tempDir()));
      const upload = path.join(app.layout.tmp, 'upload-waiting.kpack');
      fs.writeFileSync(upload, 'a pack on its way');
      const staged = fs.readdirSync(app.layout.tmp).sort();

      for (const args of [['doctor'], ['pack', 'list'], ['backup', 'create'], ['progress', 'export', '--format', 'json', '--out', path.join(tempDir(), 'p.kiteprogress')]]) {
        const run = await kite([...args, '--data', dataDir]);
        expect(run.stderr, args.join(' ')).not.toMatch(/unexpected error|at .*\.ts:\d+/);
        expect(fs.readdirSync(app.layout.tmp).sort(), args.join(' ')).toEqual(staged);
      }
      // Nothing of theirs is left in tmp/ either.
      expect(fs.readdirSync(app.layout.tmpRoot)).toEqual([path.basename(app.layout.tmp)]);
      expect(fs.readFileSync(upload, 'utf8')).toBe('a pack on its way');
      const installed = app.packs.commit(preview.stagingId, { trustConfirmed: true });
      expect(app.packs.list().map((p) => p.id)).toContain(installed.id);
      expect(app.backups.list()).toHaveLength(1);
    } finally {
      app.close();
    }
  });

  it('a restore refuses while the app runs (its lock file says so), and works once it is closed', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const app = createCore({ dataDir, appLock: true });
    const backup = await app.backups.create('manual');
    app.progress.roster.createClass('四年级二班', 4);
    const before = fs.readFileSync(app.layout.db);

    const refused = await kite(['backup', 'restore', backup.name, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Kite Classroom is running on this data folder \(process \d+\)\. Close the app .* Nothing was changed\./);
    expect(fs.readFileSync(app.layout.db).equals(before)).toBe(true);
    expect(app.progress.roster.list().map((c) => c.name)).toEqual(['四年级二班']);
    app.close();
    expect(fs.existsSync(app.layout.lock)).toBe(false);

    const restored = await kite(['backup', 'restore', backup.name, '--data', dataDir]);
    expect(restored.stdout).toMatch(`restored ${backup.name}`);
    const again = createCore({ dataDir });
    expect(again.progress.roster.list()).toEqual([]);
    again.close();
  });

  it('a lock left by a crashed app does not block a restore', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir });
    const backup = await core.backups.create('manual');
    core.close();
    fs.writeFileSync(core.layout.lock, JSON.stringify({ pid: 2 ** 22 + 17, startedAt: '2026-09-01T08:00:00.000Z' }));
    const restored = await kite(['backup', 'restore', backup.name, '--data', dataDir]);
    expect(restored.stdout).toMatch(`restored ${backup.name}`);
  });
});
