import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPack, unsafeEntryName } from '../../src/core/packs/unzip';
import { writeZip, type RawEntry, unzipRefusal as refusal } from '../support/packs';
import { tempDir } from '../support/temp';

/** Unpacking a .kpack into a staging folder: what lands on disk, what is refused and why, what the progress bar shows. */

const sha = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const MANIFEST = Buffer.from('{"format":1}');

async function zipOf(entries: RawEntry[]): Promise<string> {
  const file = path.join(tempDir(), 'test.kpack');
  await writeZip(file, entries);
  return file;
}

/** Set a field of every central-directory header (where the reader learns about entries): flags at +8, method at +10. */
function patchCentralHeaders(file: string, offset: number, value: number): void {
  const bytes = fs.readFileSync(file);
  for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 1)) {
    if (bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) !== 'manifest.json') bytes.writeUInt16LE(value, at + offset);
  }
  fs.writeFileSync(file, bytes);
}

describe('unpacking a lesson pack', () => {
  it('writes every file whole, with its real size and SHA-256, and keeps manifest and signature in memory', async () => {
    const cover = crypto.randomBytes(70_000);
    const lesson = Buffer.from(JSON.stringify({ id: 'first', steps: [] }));
    const signature = Buffer.from('{"algorithm":"ed25519"}');
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'signature.json', data: signature },
      { name: 'lessons/first.json', data: lesson },
      { name: 'media/', data: Buffer.alloc(0) },
      { name: 'media/photos/cover.jpg', data: cover, compress: false },
    ]);
    const staging = tempDir();
    const extracted = await extractPack(file, staging);
    expect(extracted.manifestBytes).toEqual(MANIFEST);
    expect(extracted.signatureBytes).toEqual(signature);
    expect([...extracted.files]).toEqual([
      ['lessons/first.json', { size: lesson.length, sha256: sha(lesson) }],
      ['media/photos/cover.jpg', { size: cover.length, sha256: sha(cover) }],
    ]);
    expect(extracted.totalBytes).toBe(MANIFEST.length + signature.length + lesson.length + cover.length);
    expect(fs.readFileSync(path.join(staging, 'media', 'photos', 'cover.jpg'))).toEqual(cover);
    expect(fs.readFileSync(path.join(staging, 'lessons', 'first.json'))).toEqual(lesson);
    // Only the files: manifest and signature are not written, folders only as files need them.
    expect(fs.readdirSync(staging).sort()).toEqual(['lessons', 'media']);
  });

  it('reads an unsigned pack, and refuses one without a manifest', async () => {
    const unsigned = await extractPack(await zipOf([{ name: 'manifest.json', data: MANIFEST }]), tempDir());
    expect(unsigned.signatureBytes).toBeUndefined();
    expect(unsigned.files.size).toBe(0);
    const error = await refusal(await zipOf([{ name: 'media/a.png', data: Buffer.from('png') }]));
    expect(error).toMatchObject({ code: 'pack_bad_manifest', message: 'The pack has no manifest.json.' });
  });

  it('shows progress against the total the headers announce, in steps, ending at all the bytes', async () => {
    const video = crypto.randomBytes(9 * 2 ** 20);
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/video.mp4', data: video, compress: false },
    ]);
    const reports: [number, number][] = [];
    await extractPack(file, tempDir(), { onProgress: (done, total) => reports.push([done, total]) });
    const total = MANIFEST.length + video.length;
    expect(reports.every(([, announced]) => announced === total)).toBe(true);
    const done = reports.map(([d]) => d);
    expect(done.at(-1)).toBe(total);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
    // A report every 4 MB of a big file, not one per chunk.
    expect(done.filter((d) => d > MANIFEST.length && d < total).length).toBeGreaterThanOrEqual(2);
    expect(reports.length).toBeLessThan(10);
  });

  it('refuses a pack with more files than allowed, saying how many', async () => {
    const entries = [{ name: 'manifest.json', data: MANIFEST }, ...[1, 2, 3, 4].map((n) => ({ name: `media/${n}.png`, data: Buffer.from(`png ${n}`) }))];
    const file = await zipOf(entries);
    expect(await refusal(file, { limits: { maxEntries: 4 } })).toMatchObject({ code: 'pack_too_large', message: 'The pack has 5 files; at most 4 are allowed.' });
    expect((await extractPack(file, tempDir(), { limits: { maxEntries: 5 } })).files.size).toBe(4);
  });

  it('lets small files compress as well as they like, but not big ones', async () => {
    const zeros = Buffer.alloc(300_000);
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/silence.wav', data: zeros },
    ]);
    expect((await extractPack(file, tempDir())).files.get('media/silence.wav')).toEqual({ size: zeros.length, sha256: sha(zeros) });
    const error = await refusal(file, { limits: { ratioFreeBytes: 100_000 } });
    expect(error).toMatchObject({ code: 'pack_too_large', details: { entry: 'media/silence.wav' } });
    expect(error.message).toBe('The entry "media/silence.wav" unpacks to more than 100 times its packed size, or the pack to more than 8192 MB in all (a zip bomb?).');
    // The same file stored without compression is no bomb.
    const stored = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/silence.wav', data: zeros, compress: false },
    ]);
    expect((await extractPack(stored, tempDir(), { limits: { ratioFreeBytes: 100_000 } })).files.size).toBe(1);
  });

  it('counts the total across files, exactly to the limit', async () => {
    const a = crypto.randomBytes(1000);
    const b = crypto.randomBytes(1000);
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: a, compress: false },
      { name: 'media/b.png', data: b, compress: false },
    ]);
    const all = MANIFEST.length + 2000;
    expect((await extractPack(file, tempDir(), { limits: { maxTotalBytes: all } })).totalBytes).toBe(all);
    const error = await refusal(file, { limits: { maxTotalBytes: all - 1 } });
    expect(error).toMatchObject({ code: 'pack_too_large', details: { entry: 'media/b.png' } });
  });

  it('refuses a manifest or signature over the size allowed, even when its header lies', async () => {
    const big = Buffer.from(JSON.stringify({ padding: 'x'.repeat(5000) }));
    const manifestFile = await zipOf([{ name: 'manifest.json', data: big }]);
    expect(await refusal(manifestFile, { limits: { maxManifestBytes: 4000 } })).toMatchObject({ code: 'pack_bad_manifest', message: 'manifest.json is larger than 4000 bytes.' });
    expect((await extractPack(manifestFile, tempDir(), { limits: { maxManifestBytes: big.length } })).manifestBytes).toEqual(big);
    const signatureFile = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'signature.json', data: big },
    ]);
    expect(await refusal(signatureFile, { limits: { maxManifestBytes: 4000 } })).toMatchObject({ code: 'pack_bad_manifest', message: 'signature.json is larger than 4000 bytes.' });
    // The header claims 100 bytes: the bytes are counted as they come out.
    const bytes = fs.readFileSync(manifestFile);
    for (const [sig, at] of [[0x04034b50, 22], [0x02014b50, 24]] as const) {
      for (let i = 0; i + 46 <= bytes.length; i++) if (bytes.readUInt32LE(i) === sig) bytes.writeUInt32LE(100, i + at);
    }
    fs.writeFileSync(manifestFile, bytes);
    // (It was refused before, but as "damaged (The operation was aborted)": Node's pipeline lost the reason.)
    expect(await refusal(manifestFile, { limits: { maxManifestBytes: 4000 } })).toMatchObject({ code: 'pack_bad_manifest', message: 'manifest.json is larger than 4000 bytes.' });
  });

  it('refuses two names that are one file on Windows, and a file that is also a folder, in any case', async () => {
    const twice = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/Cover.png', data: Buffer.from('a') },
      { name: 'media/cover.PNG', data: Buffer.from('b') },
    ]);
    expect(await refusal(twice)).toMatchObject({ code: 'pack_duplicate_entry', message: 'The entry "media/cover.PNG" appears twice.' });
    const clash = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/Photos', data: Buffer.from('a') },
      { name: 'media/photos/a.png', data: Buffer.from('b') },
    ]);
    expect(await refusal(clash)).toMatchObject({ code: 'pack_path_clash', message: 'The pack has "media/Photos" both as a file and as a folder.', details: { entry: 'media/Photos' } });
    const deep = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a/b/c.png', data: Buffer.from('a') },
      { name: 'media/a', data: Buffer.from('b') },
    ]);
    expect(await refusal(deep)).toMatchObject({ code: 'pack_path_clash', details: { entry: 'media/a' } });
    // A folder entry next to its files is no clash.
    const folders = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/', data: Buffer.alloc(0) },
      { name: 'media/a/', data: Buffer.alloc(0) },
      { name: 'media/a/b.png', data: Buffer.from('b') },
    ]);
    expect([...(await extractPack(folders, tempDir())).files.keys()]).toEqual(['media/a/b.png']);
  });

  it('refuses encrypted entries and compression it cannot read, naming the entry', async () => {
    const entries = [
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
    ];
    const encrypted = await zipOf(entries);
    patchCentralHeaders(encrypted, 8, 1);
    expect(await refusal(encrypted)).toMatchObject({ code: 'pack_not_zip', message: 'The entry "media/a.png" is encrypted.', details: { entry: 'media/a.png' } });
    const bzip2 = await zipOf(entries);
    patchCentralHeaders(bzip2, 10, 12);
    expect(await refusal(bzip2)).toMatchObject({ code: 'pack_not_zip', message: 'The entry "media/a.png" uses an unsupported compression method (12).' });
  });

  it('stops when cancelled, before or during the unpacking', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
    ]);
    const staging = tempDir();
    expect(await refusal(file, { signal: AbortSignal.abort() }, staging)).toMatchObject({ code: 'import_cancelled', message: 'The import was cancelled.' });
    expect(fs.readdirSync(staging)).toEqual([]);
    // Cancelled as the manifest is read: the next file is not written.
    const controller = new AbortController();
    const error = await refusal(file, { signal: controller.signal, onProgress: () => controller.abort() }, staging);
    expect(error).toMatchObject({ code: 'import_cancelled' });
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it('says a missing file is missing, and a damaged one is damaged', async () => {
    const missing = await refusal(path.join(tempDir(), 'gone.kpack'));
    expect(missing).toMatchObject({ code: 'ENOENT' });
    const damaged = path.join(tempDir(), 'damaged.kpack');
    fs.writeFileSync(damaged, 'PK\u0003\u0004 not really');
    const error = await refusal(damaged);
    expect(error).toMatchObject({ code: 'pack_not_zip', details: { message: expect.any(String) } });
    expect(error.message).toMatch(/^The file is not a lesson pack or is damaged \(.+\)\.$/);
  });
});

describe('entry names a pack may not use', () => {
  it.each([
    ['media/a.png', undefined],
    ['media/', undefined],
    ['media/sub/a b.png', undefined],
    ['media\\a.png', 'uses a backslash'],
    ['/media/a.png', 'is an absolute path'],
    ['C:/a.png', 'starts with a drive letter'],
    ['z:a.png', 'starts with a drive letter'],
    ['media/a\u0001.png', 'contains control characters'],
    ['media/a\u001f.png', 'contains control characters'],
    ['media/a\u007f.png', 'contains control characters'],
    ['media/a\n.png', 'contains control characters'],
    ['..', 'climbs out of the pack with ..'],
    ['media/../../a.png', 'climbs out of the pack with ..'],
    ['media/..', 'climbs out of the pack with ..'],
    ['media//a.png', 'has an empty or . part'],
    ['media/./a.png', 'has an empty or . part'],
    ['./media/a.png', 'has an empty or . part'],
    ['media/a.png//', 'has an empty or . part'],
  ])('%j: %s', (name, problem) => {
    expect(unsafeEntryName(name)).toBe(problem);
  });
});
