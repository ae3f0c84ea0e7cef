import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSmallTmpfs } from '../support/tmpfs';
import { createCore } from '../../src/core';
import { buildFixturePack } from '../support/packs';
import { tempDir } from '../support/temp';

/** A real full disk: a 3 MB tmpfs as the data folder. Needs root (as CI and the dev machines have). */
const disk = useSmallTmpfs('3m');

describe('a disk that fills up mid-import', () => {
  it('fails with disk_full, cleans tmp, and keeps the installed version', async (context) => {
    if (!disk.path) return context.skip(disk.whyNot);
    const mountPoint = disk.path;
    const core = createCore({ dataDir: path.join(mountPoint, 'data') });
    try {
      const packs = tempDir();
      await core.packs.install(await buildFixturePack(packs), { trustConfirmed: true });
      const big = await buildFixturePack(packs, { version: '2.0.0', media: { 'media/video.mp4': crypto.randomBytes(6 * 2 ** 20) } });
      await expect(core.packs.stage(big)).rejects.toMatchObject({ code: 'disk_full' });
      expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
      expect(core.packs.list().map((p) => p.version)).toEqual(['1.0.0']);
      expect(core.packs.lesson('org.example.test-pack', 'first-lesson').lesson.id).toBe('first-lesson');
      expect(fs.readdirSync(path.join(core.layout.packs, 'org.example.test-pack'))).toEqual(['1.0.0']);
    } finally {
      core.close();
    }
  });
});
