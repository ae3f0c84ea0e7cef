import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src/core/fs/safe-path';
import { tempDir } from '../support/temp';

/** resolveInside's drive-letter rule, where mutation testing found it undecided: only a path that starts with a letter and a colon is a drive. */
describe('resolveInside and colons', () => {
  it('serves a file with a colon later in its name (a pack may hold media/a:b.png), and refuses a leading drive', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'media'));
    fs.writeFileSync(path.join(root, 'media', 'a:b.png'), 'png');
    const real = fs.realpathSync(path.join(root, 'media', 'a:b.png'));
    expect(resolveInside(root, 'media/a:b.png')).toBe(real);
    expect(resolveInside(root, '/media/a%3Ab.png')).toBe(real);
    fs.mkdirSync(path.join(root, 'c:'));
    fs.writeFileSync(path.join(root, 'c:', 'x.txt'), 'x');
    expect(resolveInside(root, 'c:/x.txt')).toBeUndefined();
  });
});
