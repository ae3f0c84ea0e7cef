import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPack, unsafeEntryName } from '../../src/core/packs/unzip';
import { writeZip, type RawEntry, unzipRefusal as refusal } from '../support/packs';
import { tempDir } from '../support/temp';

/**
 * Unpacking a .kpack, the edges mutation testing found undecided: which entry a refusal names (the
 * teacher's sentence shows it), refusing on the headers before writing anything, limits counted on
 * bytes when headers lie, closing the pack file, never writing over a file, cancelling mid-file.
 */

const MANIFEST = Buffer.from('{"format":1}');

/** A zip of these entries. Names yazl would tidy up (an empty part) are written as placeholders of the same length, then patched in. */
async function zipOf(entries: RawEntry[]): Promise<string> {
  const file = path.join(tempDir(), 'test.kpack');
  const patches: [Buffer, Buffer][] = [];
  const written = entries.map((e, i) => {
    if (!e.name.includes('//')) return e;
    const placeholder = `p${i}`.padEnd(Buffer.byteLength(e.name), 'p') + (e.name.endsWith('/') ? '/' : '');
    patches.push([Buffer.from(placeholder.slice(0, Buffer.byteLength(e.name))), Buffer.from(e.name)]);
    return { ...e, name: placeholder.slice(0, Buffer.byteLength(e.name)) };
  });
  await writeZip(file, written);
  if (patches.length > 0) {
    const bytes = fs.readFileSync(file);
    for (const [from, to] of patches) for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
    fs.writeFileSync(file, bytes);
  }
  return file;
}

/** Make the local and central headers of one entry claim `claimed` bytes unpacked (the data stays as it is). */
function lieAboutSize(file: string, name: string, claimed: number): void {
  const bytes = fs.readFileSync(file);
  for (let at = 0; at + 46 <= bytes.length; at++) {
    const sig = bytes.readUInt32LE(at);
    if (sig === 0x04034b50 && bytes.toString('utf8', at + 30, at + 30 + bytes.readUInt16LE(at + 26)) === name) bytes.writeUInt32LE(claimed, at + 22);
    if (sig === 0x02014b50 && bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === name) bytes.writeUInt32LE(claimed, at + 24);
  }
  fs.writeFileSync(file, bytes);
}

/** Open descriptors of this process on `file` (Linux: /proc/self/fd). */
function descriptorsOn(file: string): number {
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

async function descriptorsSettled(file: string): Promise<number> {
  // yauzl closes its descriptor with an asynchronous fs.close: give it a moment.
  for (let i = 0; i < 200 && descriptorsOn(file) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return descriptorsOn(file);
}

describe('which entry a refusal names (the teacher reads it in the message)', () => {
  it('names the unsafe, twice-present, linked and unreadable entry in details', async () => {
    const unsafe = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/../../evil.png', data: Buffer.from('x') },
    ]);
    expect(await refusal(unsafe)).toMatchObject({ code: 'pack_unsafe_entry', details: { entry: 'media/../../evil.png' } });

    const twice = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('a') },
      { name: 'media/A.png', data: Buffer.from('b') },
    ]);
    expect(await refusal(twice)).toMatchObject({ code: 'pack_duplicate_entry', details: { entry: 'media/A.png' } });

    const link = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/link.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    expect(await refusal(link)).toMatchObject({ code: 'pack_symlink', details: { entry: 'media/link.png' } });

    const bzip2 = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
    ]);
    const bytes = fs.readFileSync(bzip2);
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 1)) {
      if (bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === 'media/a.png') bytes.writeUInt16LE(12, at + 10);
    }
    fs.writeFileSync(bzip2, bytes);
    expect(await refusal(bzip2)).toMatchObject({ code: 'pack_not_zip', details: { entry: 'media/a.png' } });
  });

  it('refuses a file and a folder of the same name, even with no file in the folder', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
      { name: 'media/a.png/', data: Buffer.alloc(0) },
    ]);
    expect(await refusal(file)).toMatchObject({ code: 'pack_duplicate_entry', message: 'The entry "media/a.png/" appears twice.', details: { entry: 'media/a.png/' } });
  });

  it('keeps names Windows also holds as two files (ß and ss differ in any case)', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/straße.png', data: Buffer.from('a') },
      { name: 'media/STRASSE.png', data: Buffer.from('b') },
    ]);
    expect([...(await extractPack(file, tempDir())).files.keys()]).toEqual(['media/straße.png', 'media/STRASSE.png']);
  });

  it('says an empty part is unsafe, not a file-and-folder clash, when a folder entry matches it', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/', data: Buffer.alloc(0) },
      { name: 'media//a.png', data: Buffer.from('png') },
    ]);
    expect(await refusal(file)).toMatchObject({ code: 'pack_unsafe_entry', details: { entry: 'media//a.png' } });
  });

  it('treats a colon after the first letter as part of a name, not as a drive', () => {
    expect(unsafeEntryName('media/a:b.png')).toBeUndefined();
    expect(unsafeEntryName('media/c:')).toBeUndefined();
  });
});

describe('limits', () => {
  it('refuses an entry on what its header admits, before writing any of it', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/silence.wav', data: Buffer.alloc(300_000) },
    ]);
    const staging = tempDir();
    const reports: number[] = [];
    const error = await refusal(file, { limits: { ratioFreeBytes: 100_000 }, onProgress: (done) => reports.push(done) }, staging);
    expect(error).toMatchObject({ code: 'pack_too_large', details: { entry: 'media/silence.wav' } });
    expect(fs.readdirSync(staging)).toEqual([]);
    expect(reports).toEqual([MANIFEST.length]);
  });

  it('refuses the file that would pass the total on its header, before creating it', async () => {
    const a = crypto.randomBytes(1000);
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: a, compress: false },
      { name: 'media/b.png', data: crypto.randomBytes(1000), compress: false },
    ]);
    const staging = tempDir();
    expect(await refusal(file, { limits: { maxTotalBytes: MANIFEST.length + 1999 } }, staging)).toMatchObject({ code: 'pack_too_large', details: { entry: 'media/b.png' } });
    expect(fs.readdirSync(path.join(staging, 'media'))).toEqual(['a.png']);
    expect(fs.readFileSync(path.join(staging, 'media', 'a.png'))).toEqual(a);
  });

  it('counts the total on the bytes when a header claims less', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: crypto.randomBytes(1000), compress: false },
      { name: 'media/b.png', data: crypto.randomBytes(1000), compress: false },
    ]);
    lieAboutSize(file, 'media/b.png', 10);
    // The headers add up to the limit exactly: only counting finds b.png's real 1000 bytes.
    const limits = { maxTotalBytes: MANIFEST.length + 1000 + 10 };
    expect(await refusal(file, { limits })).toMatchObject({ code: 'pack_too_large', details: { entry: 'media/b.png' } });
  });

  it('says the pack is too large, not the manifest, when a manifest whose header lies passes the total', async () => {
    const manifest = Buffer.from(JSON.stringify({ format: 1, padding: 'x'.repeat(100) }));
    const file = await zipOf([{ name: 'manifest.json', data: manifest, compress: false }]);
    lieAboutSize(file, 'manifest.json', 10);
    expect(await refusal(file, { limits: { maxTotalBytes: 50 } })).toMatchObject({ code: 'pack_too_large', details: { entry: 'manifest.json' } });
  });
});

describe('the pack file and the staging folder', () => {
  it('closes the pack file when done, whether the pack was taken or refused', async (context) => {
    if (!fs.existsSync('/proc/self/fd')) return context.skip('needs /proc/self/fd (Linux)');
    const good = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
    ]);
    await extractPack(good, tempDir());
    // (On Windows an open file cannot be deleted: the upload stays in tmp/, the USB stick will not eject.)
    expect(await descriptorsSettled(good)).toBe(0);
    const refused = await zipOf([{ name: 'media/a.png', data: Buffer.from('png') }]);
    expect(await refusal(refused)).toMatchObject({ code: 'pack_bad_manifest' });
    expect(await descriptorsSettled(refused)).toBe(0);
  });

  it('refuses a pack whose list of files is damaged past the first entry', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('png') },
    ]);
    // The second central-directory header loses its signature: the zip opens, listing its files fails.
    const bytes = fs.readFileSync(file);
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    bytes.writeUInt32LE(0, bytes.indexOf(central, bytes.indexOf(central) + 1));
    fs.writeFileSync(file, bytes);
    const error = await refusal(file);
    expect(error).toMatchObject({ code: 'pack_not_zip' });
    expect(error.message).toMatch(/^The file is not a lesson pack or is damaged \(.*central directory.*\)\.$/);
  });

  it('passes "is a folder" on as it is: a folder given as the pack is not a damaged pack', async () => {
    // (kite pack sign checks no folder first; the importer and kite pack validate do.)
    expect(await refusal(tempDir())).toMatchObject({ code: 'EISDIR' });
  });

  it('never writes over a file already in the staging folder', async () => {
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/a.png', data: Buffer.from('new') },
    ]);
    const staging = tempDir();
    fs.mkdirSync(path.join(staging, 'media'));
    fs.writeFileSync(path.join(staging, 'media', 'a.png'), 'old');
    await refusal(file, {}, staging);
    expect(fs.readFileSync(path.join(staging, 'media', 'a.png'), 'utf8')).toBe('old');
  });

  it('stops writing a big file as soon as the import is cancelled, and says cancelled', async () => {
    const video = crypto.randomBytes(9 * 2 ** 20);
    const file = await zipOf([
      { name: 'manifest.json', data: MANIFEST },
      { name: 'media/video.mp4', data: video, compress: false },
    ]);
    const staging = tempDir();
    const controller = new AbortController();
    const afterCancel: number[] = [];
    const onProgress = (done: number) => {
      if (controller.signal.aborted) afterCancel.push(done);
      else if (done > MANIFEST.length) controller.abort(); // the first report inside the video, at 4 MB
    };
    expect(await refusal(file, { signal: controller.signal, onProgress }, staging)).toMatchObject({ code: 'import_cancelled', message: 'The import was cancelled.' });
    expect(afterCancel).toEqual([]);
    const written = path.join(staging, 'media', 'video.mp4');
    expect(fs.existsSync(written) ? fs.statSync(written).size : 0).toBeLessThan(video.length);
  });
});
