import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportInstalledPack } from '../../src/core/packs/export';
import { installFixturePack, startPupilPc } from '../support/room';
import { tempDir } from '../support/temp';

describe('exporting an installed pack for the room', () => {
  it('gives the same bytes twice, and fails (without a crash or a half-written file) when a file went missing meanwhile', async () => {
    const { core } = startPupilPc();
    await installFixturePack(core);
    const [pack] = core.packs.list();
    const dir = core.packs.installedDir(pack!.id, pack!.version) as string;
    const out = tempDir('kite-export-');
    await exportInstalledPack(dir, path.join(out, 'a.kpack'));
    await exportInstalledPack(dir, path.join(out, 'b.kpack'));
    expect(fs.readFileSync(path.join(out, 'a.kpack')).equals(fs.readFileSync(path.join(out, 'b.kpack')))).toBe(true);

    // The pack is uninstalled (or its folder removed) while the hub packs it: the export says so.
    fs.rmSync(path.join(dir, 'lessons'), { recursive: true, force: true });
    await expect(exportInstalledPack(dir, path.join(out, 'c.kpack'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(out).sort()).toEqual(['a.kpack', 'b.kpack']);
  });
});
