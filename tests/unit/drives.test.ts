import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDrives } from '../../src/core/drives';
import { findPackFiles } from '../../src/core/packs/find';
import { findCards } from '../../src/core/media/scan';
import { tempDir } from '../support/temp';

function touch(file: string, bytes = 10): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
  return file;
}

describe('plugged-in drives, one list for every import', () => {
  it('lists the folders of KITE_DRIVES_ROOT as drives, leaving out system folders, for packs and drone cards alike', () => {
    const mounts = tempDir('kite-drives-');
    fs.mkdirSync(path.join(mounts, 'KINGSTON'));
    fs.mkdirSync(path.join(mounts, 'DJI_SD', 'DCIM'), { recursive: true });
    fs.mkdirSync(path.join(mounts, '$RECYCLE.BIN'));
    touch(path.join(mounts, 'not-a-drive.txt'));
    const env = { KITE_DRIVES_ROOT: mounts };
    expect(findDrives('linux', env).sort()).toEqual([path.join(mounts, 'DJI_SD'), path.join(mounts, 'KINGSTON')]);
    expect(findDrives('win32', env)).toHaveLength(2);
    expect(findCards('linux', env)).toEqual([
      { path: path.join(mounts, 'DJI_SD'), camera: true },
      { path: path.join(mounts, 'KINGSTON'), camera: false },
    ]);
  });
});

describe('finding lesson packs on a stick', () => {
  it('finds packs in subfolders (usb/课程), a bounded depth down, skipping system folders and symlink loops', () => {
    const usb = tempDir('kite-usb-');
    touch(path.join(usb, 'top.kpack'));
    touch(path.join(usb, '课程', '三年级.KPACK'), 2048);
    touch(path.join(usb, '课程', '说明.txt'));
    touch(path.join(usb, 'a', 'b', 'c', 'd', 'deep.kpack'));
    touch(path.join(usb, 'a', 'b', 'c', 'd', 'e', 'too-deep.kpack'));
    touch(path.join(usb, 'System Volume Information', 'hidden.kpack'));
    touch(path.join(usb, '.Trashes', 'old.kpack'));
    fs.symlinkSync(usb, path.join(usb, '课程', 'loop'));
    const { folder, packs } = findPackFiles(usb);
    expect(folder).toBe(usb);
    expect(packs.map((p) => [p.where, p.name, p.sizeBytes])).toEqual([
      ['', 'top.kpack', 10],
      ['a/b/c/d', 'deep.kpack', 10],
      ['课程', '三年级.KPACK', 2048],
    ]);
  });

  it('takes one named pack file, and names a path that is not there', () => {
    const usb = tempDir('kite-usb-');
    const file = touch(path.join(usb, 'one.kpack'));
    expect(findPackFiles(file).packs.map((p) => p.path)).toEqual([file]);
    const missing = path.join(usb, 'nope', '课程');
    expect(() => findPackFiles(missing)).toThrow(expect.objectContaining({ code: 'path_not_found', details: { path: missing } }));
  });
});
