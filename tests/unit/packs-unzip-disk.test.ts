import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPack } from '../../src/core/packs/unzip';
import { writeZip } from '../support/packs';
import { tempDir } from '../support/temp';
import { useSmallTmpfs } from '../support/tmpfs';

/**
 * What the file system says while a pack is unpacked, as the teacher hears it: a full disk is
 * "the disk is full" (not "the pack is damaged"), a pack file the app may not read is that error
 * itself. Needs root (a real 1 MB tmpfs; a child process without root's powers), as CI has.
 */

const disk = useSmallTmpfs('1m');
const isRoot = process.getuid?.() === 0;

async function packWith(video: Buffer): Promise<string> {
  const file = path.join(tempDir(), 'big.kpack');
  await writeZip(file, [
    { name: 'manifest.json', data: Buffer.from('{"format":1}') },
    { name: 'media/video.mp4', data: video, compress: false },
  ]);
  return file;
}

describe('disk errors while unpacking', () => {
  it('says the disk is full when the staging disk fills up', async (context) => {
    if (!disk.path) return context.skip(disk.whyNot);
    const file = await packWith(crypto.randomBytes(2 * 2 ** 20));
    const staging = fs.mkdtempSync(path.join(disk.path, 'stage-'));
    try {
      const error = await extractPack(file, staging).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'disk_full', message: 'The disk is full; the pack could not be unpacked.' });
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('passes "permission denied" on as it is: an unreadable pack file is not a damaged pack', async (context) => {
    if (!isRoot || !fs.existsSync('/usr/bin/setpriv')) return context.skip('needs root and setpriv (util-linux) to run a child without root powers');
    const dir = tempDir();
    const file = await packWith(crypto.randomBytes(1000));
    fs.chmodSync(file, 0o000);
    const script = path.join(dir, 'read.ts');
    const unzip = path.join(__dirname, '../../src/core/packs/unzip.ts');
    fs.writeFileSync(
      script,
      `import { extractPack } from ${JSON.stringify(unzip)};\n` +
        `extractPack(${JSON.stringify(file)}, ${JSON.stringify(dir)}).then(() => console.log('{"accepted":true}'), (e) => console.log(JSON.stringify({ code: e.code, kite: e.constructor.name === 'KiteError' })));\n`,
    );
    // Root without its capabilities (no CAP_DAC_OVERRIDE) obeys file modes like any user.
    const out = await new Promise<string>((resolve, reject) => {
      execFile('/usr/bin/setpriv', ['--inh-caps=-all', '--bounding-set=-all', process.execPath, '--import', 'tsx', script], { cwd: path.join(__dirname, '../..') }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ code: 'EACCES', kite: false });
  });
});
