import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRange, resolveInside } from '../../src/core/fs/safe-path';
import { tempDir } from '../support/temp';

describe('resolveInside: no file-serving route reaches outside its folder', () => {
  const setup = () => {
    const base = tempDir();
    const root = path.join(base, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sub', 'ok.txt'), 'ok');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
    return root;
  };

  it('finds a file inside', () => {
    expect(resolveInside(setup(), '/sub/ok.txt')).toMatch(/sub[/\\]ok\.txt$/);
  });

  it.each([
    '/../secret.txt',
    '/sub/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/sub/%2E%2E/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/sub\\..\\..\\secret.txt',
    '/C:/Windows/win.ini',
    '/sub/ok.txt%00.png',
    '/%E0%A4%A',
    '/link.txt',
    '/missing.txt',
  ])('refuses %s', (attempt) => {
    expect(resolveInside(setup(), attempt)).toBeUndefined();
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=990-2000', 1000, { start: 990, end: 999 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=50-10', 1000, 'unsatisfiable'],
    ['bytes=-', 1000, 'unsatisfiable'],
    ['bytes=0-1,5-6', 1000, 'unsatisfiable'],
    ['items=0-1', 1000, undefined],
    [undefined, 1000, undefined],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
