import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUrlPart, mimeType, parseRange, resolveInside } from '../../src/core/fs/safe-path';
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

  it('finds the very file asked for, whatever the harmless spelling of its path', () => {
    const root = setup();
    const real = fs.realpathSync(path.join(root, 'sub', 'ok.txt'));
    for (const spelling of ['/sub/ok.txt', 'sub/ok.txt', '/./sub/./ok.txt', '//sub//ok.txt', '/%73ub/ok.txt']) expect(resolveInside(root, spelling), spelling).toBe(real);
    fs.writeFileSync(path.join(root, 'sub', '风筝 1.txt'), 'kite');
    expect(resolveInside(root, '/sub/%E9%A3%8E%E7%AD%9D%201.txt')).toBe(fs.realpathSync(path.join(root, 'sub', '风筝 1.txt')));
  });

  it('answers the served folder itself for an empty path, and follows a symlink that stays inside', () => {
    const root = setup();
    expect(resolveInside(root, '/')).toBe(fs.realpathSync(root));
    expect(resolveInside(root, '')).toBe(fs.realpathSync(root));
    fs.symlinkSync(path.join(root, 'sub', 'ok.txt'), path.join(root, 'inner-link.txt'));
    expect(resolveInside(root, '/inner-link.txt')).toBe(fs.realpathSync(path.join(root, 'sub', 'ok.txt')));
  });

  it('refuses a sibling folder whose name only begins like the served one', () => {
    const root = setup();
    fs.mkdirSync(`${root}-other`);
    fs.writeFileSync(path.join(`${root}-other`, 'x.txt'), 'x');
    fs.symlinkSync(`${root}-other`, path.join(root, 'other'));
    expect(resolveInside(root, '/other/x.txt')).toBeUndefined();
  });

  it('refuses a backslash and a ".." even where the file they name exists inside', () => {
    const root = setup();
    // Legal names on Linux; on Windows the same URLs would climb or change folder.
    fs.writeFileSync(path.join(root, 'sub', 'a\\b.txt'), 'x');
    expect(resolveInside(root, '/sub/a%5Cb.txt')).toBeUndefined();
    expect(resolveInside(root, '/sub/../sub/ok.txt')).toBeUndefined();
  });

  it('serves nothing from a folder that is not there', () => {
    const root = setup();
    expect(resolveInside(path.join(root, 'gone'), '/')).toBeUndefined();
    expect(resolveInside(path.join(root, 'gone'), '/sub/ok.txt')).toBeUndefined();
  });

  it('refuses a drive letter at the start of a path without a leading slash, even where such a folder exists', () => {
    const root = setup();
    for (const drive of ['C:', 'z:']) {
      fs.mkdirSync(path.join(root, drive));
      fs.writeFileSync(path.join(root, drive, 'win.ini'), '[fonts]');
      expect(resolveInside(root, `${drive}/win.ini`)).toBeUndefined();
    }
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
    '/sub/ok.txt\0',
    '/sub%5C..%5C..%5Csecret.txt',
    '/sub/..',
    '/..',
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
    ['', 1000, undefined],
    [null, 1000, undefined],
    ['  bytes=10-19  ', 1000, { start: 10, end: 19 }],
    ['bytes=5-5', 1000, { start: 5, end: 5 }],
    ['bytes=0-', 1000, { start: 0, end: 999 }],
    ['bytes=999-', 1000, { start: 999, end: 999 }],
    ['bytes=-1', 1000, { start: 999, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=-10', 0, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=abc', 1000, 'unsatisfiable'],
    [' bytes=x-y', 1000, 'unsatisfiable'],
    ['Bytes=0-1', 1000, undefined],
    ['x-bytes=0-1', 1000, undefined],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('mimeType: the type a browser needs to show or play a served file', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['lesson.json', 'application/json; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['DJI_0001.MOV', 'video/quicktime'],
    ['clip.mov', 'video/quicktime'],
    ['PHOTO.JPG', 'image/jpeg'],
    ['notes.txt', 'text/plain; charset=utf-8'],
    ['media/song.mp3', 'audio/mpeg'],
    ['media/subtitles.vtt', 'text/vtt; charset=utf-8'],
    ['media/font.woff2', 'font/woff2'],
    ['archive.kpack', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});

describe('decodeUrlPart', () => {
  it('decodes percent-encoding and answers undefined for a broken one instead of throwing', () => {
    expect(decodeUrlPart('%E9%A3%8E%E7%AD%9D%20a')).toBe('风筝 a');
    expect(decodeUrlPart('%')).toBeUndefined();
    expect(decodeUrlPart('%E0%A4%A')).toBeUndefined();
  });
});
