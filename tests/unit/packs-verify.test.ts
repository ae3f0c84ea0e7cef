import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIssues, inspectKpack, readLessonFiles } from '../../src/core/packs/verify';
import { formatIssue, type Manifest } from '../../src/shared/pack';
import { buildFixturePack, writeFixtureFolder, writeZip, type RawEntry } from '../support/packs';
import { tempDir } from '../support/temp';

/**
 * `kite pack validate` and the importer's file and lesson checks, line by line as the author reads
 * them (formatIssue, which `kite pack validate` prints): a problem of a whole file has no "#pointer".
 */

const lines = (issues: Parameters<typeof formatIssue>[0][]) => issues.map(formatIssue);
const sha = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** A pack made from the fixture folder, with `drop` left out of the zip (it stays in the manifest's files). */
async function packWithout(drop: string): Promise<string> {
  const dir = tempDir();
  const folder = writeFixtureFolder(dir);
  const entries: RawEntry[] = ['lessons/first-lesson.json', 'media/cover.svg'].map((name) => ({ name, data: fs.readFileSync(path.join(folder, name)) }));
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.files = entries.map((e) => ({ path: e.name, size: e.data.length, sha256: sha(e.data) }));
  const file = path.join(dir, 'without.kpack');
  await writeZip(file, [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, ...entries.filter((e) => e.name !== drop)]);
  return file;
}

describe('the file and lesson checks, as kite pack validate prints them', () => {
  it('prints each file problem as "file: problem"', () => {
    const manifest = {
      files: [
        { path: 'media/same.png', size: 3, sha256: 'a'.repeat(64) },
        { path: 'media/size.png', size: 5, sha256: 'b'.repeat(64) },
        { path: 'media/hash.png', size: 7, sha256: 'c'.repeat(64) },
        { path: 'media/gone.png', size: 9, sha256: 'd'.repeat(64) },
      ],
    } as Manifest;
    const files = new Map([
      ['media/same.png', { size: 3, sha256: 'a'.repeat(64) }],
      ['media/size.png', { size: 6, sha256: 'b'.repeat(64) }],
      ['media/hash.png', { size: 7, sha256: 'e'.repeat(64) }],
      ['media/extra.png', { size: 1, sha256: 'f'.repeat(64) }],
    ]);
    expect(lines(fileIssues(manifest, files))).toEqual([
      'media/size.png: is 6 bytes; manifest.json says 5',
      'media/hash.png: does not match its SHA-256 in manifest.json',
      'media/extra.png: is not listed in manifest.json',
      'media/gone.png: is listed in manifest.json but missing from the pack',
    ]);
  });

  it('takes a lesson of exactly 2 MB, and refuses one byte more, saying so', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'lessons'));
    const exactly = (size: number) => {
      const head = '{"id":"big","padding":"';
      return head + 'x'.repeat(size - head.length - 2) + '"}';
    };
    fs.writeFileSync(path.join(dir, 'lessons', 'at-limit.json'), exactly(2 * 2 ** 20));
    fs.writeFileSync(path.join(dir, 'lessons', 'over.json'), exactly(2 * 2 ** 20 + 1));
    fs.writeFileSync(path.join(dir, 'lessons', 'broken.json'), '{ "id": ');
    const manifest = { lessons: ['at-limit', 'over', 'broken'].map((id) => ({ id, file: `lessons/${id}.json` })) } as Manifest;
    const read = readLessonFiles(dir, manifest);
    expect([...read.lessons.keys()]).toEqual(['lessons/at-limit.json']);
    expect(fs.statSync(path.join(dir, 'lessons', 'at-limit.json')).size).toBe(2 * 2 ** 20);
    expect(lines(read.issues)).toEqual(['lessons/over.json: is larger than 2097152 bytes', expect.stringMatching(/^lessons\/broken\.json: is not valid JSON \(.+\)$/)]);
  });

  it('lists a lesson file the pack lacks as missing, and does not stop there', async () => {
    const inspection = await inspectKpack(await packWithout('lessons/first-lesson.json'), tempDir());
    expect(lines(inspection.issues)).toContain('lessons/first-lesson.json: is listed in manifest.json but missing from the pack');
    expect(inspection.manifest).toMatchObject({ id: 'org.example.test-pack' });
  });
});

describe('kite pack validate on a .kpack', () => {
  it('prints problems of the whole pack, its manifest and its signature without a "#pointer"', async () => {
    const scratch = tempDir();
    const notZip = await inspectKpack(await buildFixturePack(tempDir(), { hostile: 'not-zip' }), scratch);
    expect(lines(notZip.issues)).toEqual([expect.stringMatching(/^not-zip\.kpack: The file is not a lesson pack or is damaged \(/)]);
    const notJson = await inspectKpack(await buildFixturePack(tempDir(), { hostile: 'manifest-not-json' }), scratch);
    expect(lines(notJson.issues)).toEqual([expect.stringMatching(/^manifest\.json: is not valid JSON \(/)]);
    const damaged = await inspectKpack(await buildFixturePack(tempDir(), { hostile: 'signature-damaged' }), scratch);
    expect(lines(damaged.issues)).toEqual(['signature.json: is damaged']);
  });

  it('throws for a pack file it cannot read at all, rather than calling the pack broken', async () => {
    await expect(inspectKpack(path.join(tempDir(), 'gone.kpack'), tempDir())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('unpacks inside the folder it is given and nowhere beside it', async () => {
    const parent = tempDir();
    const tmpRoot = path.join(parent, 'tmp');
    fs.mkdirSync(tmpRoot);
    const beside: string[] = [];
    const inside: string[] = [];
    const watchParent = fs.watch(parent, (_event, name) => name && name !== 'tmp' && beside.push(name));
    const watchRoot = fs.watch(tmpRoot, (_event, name) => name && inside.push(name));
    try {
      const inspection = await inspectKpack(await buildFixturePack(tempDir()), tmpRoot);
      expect(inspection.issues).toEqual([]);
      // The watchers' events come a little later: wait for the folder's, inside or beside.
      for (let i = 0; i < 200 && beside.length === 0 && !inside.some((name) => name.startsWith('inspect-')); i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      watchParent.close();
      watchRoot.close();
    }
    expect(beside).toEqual([]);
    expect(inside.some((name) => name.startsWith('inspect-'))).toBe(true);
    expect(fs.readdirSync(parent)).toEqual(['tmp']);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
  });
});
