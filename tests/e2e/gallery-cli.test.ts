import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCore } from '../../src/core';
import { makeDjiCard, makeH264, SRT_FIXTURES } from '../support/media';
import { ROOT, runKite } from './support/app';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-gallery-'));
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('kite telemetry', () => {
  it('prints the track of a real DJI file as CSV, JSON and GeoJSON', async () => {
    const csv = await runKite(['telemetry', path.join(SRT_FIXTURES, 'p4_rtk.SRT'), '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines).toHaveLength(56);
    expect(lines[1]).toBe('0,,-34.237922,-58.851745,85.8,,698.7,0,0,100,1/400,5.6,0,');
    const json = JSON.parse((await runKite(['telemetry', path.join(SRT_FIXTURES, 'matrice_300.srt')])).stdout);
    expect(json).toMatchObject({ family: 'matrice', home: { lat: 36.6146, lon: -6.112 } });
    const geo = JSON.parse((await runKite(['telemetry', path.join(SRT_FIXTURES, 'mavic_mini.SRT'), '--format', 'geojson'])).stdout);
    expect(geo.features[0].geometry.coordinates[0]).toEqual([-121.7458, 48.0771, 200.7]);
  });

  it('says in one line why a file cannot be read', async () => {
    const empty = await runKite(['telemetry', path.join(SRT_FIXTURES, 'broken_empty.SRT')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toBe(`kite telemetry: ${path.join(SRT_FIXTURES, 'broken_empty.SRT')}: the file is empty.`);
    const cut = await runKite(['telemetry', path.join(SRT_FIXTURES, 'broken_incomplete.SRT'), '--format', 'csv']);
    expect(cut.code).toBe(0);
    expect(cut.stderr).toMatch(/warning: the last block is cut off/);
    const format = await runKite(['telemetry', path.join(SRT_FIXTURES, 'p4_rtk.SRT'), '--format', 'kml']);
    expect(format.stderr.trim()).toBe('kite telemetry: --format must be one of json, csv, geojson, not "kml".');
    const missing = await runKite(['telemetry', path.join(work, 'nope.srt')]);
    expect(missing.stderr).toMatch(/cannot read .*nope\.srt \(ENOENT\)/);
  });

  it('says it in Chinese on a Chinese PC, the English reason on a details line', async () => {
    const env = { LANG: 'zh_CN.UTF-8' };
    const empty = await runKite(['telemetry', path.join(SRT_FIXTURES, 'broken_empty.SRT')], { env });
    expect(empty.stderr).toBe(`kite telemetry: ${path.join(SRT_FIXTURES, 'broken_empty.SRT')}：文件是空的。\n技术细节：the file is empty\n`);
    const cut = await runKite(['telemetry', path.join(SRT_FIXTURES, 'broken_incomplete.SRT'), '--format', 'csv'], { env });
    expect(cut.stderr).toContain('注意：飞行数据的最后一段没写完');
  });

  it('stops quietly when the reader goes away (kite telemetry FILE | head -1)', async () => {
    const cli = path.join(ROOT, 'bin/kite.js');
    const sample = path.join(SRT_FIXTURES, 'MAVIC3.srt');
    const shell = spawn('bash', ['-c', `"${process.execPath}" "${cli}" telemetry "${sample}" | head -1; echo "kite exited \${PIPESTATUS[0]}" >&2`]);
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    shell.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(stdout).toBe('{\n');
    expect(stderr).toBe('kite exited 0\n');
  });
});

describe('kite media import', () => {
  it('imports a DJI card once, then finds everything already there', async () => {
    const card = makeDjiCard(path.join(work, 'card'), { seconds: 6 });
    const data = path.join(work, 'data');
    const first = await runKite(['media', 'import', card, '--data', data]);
    expect(first.stdout.trim()).toBe('3 imported, 0 already in the gallery, 0 failed');
    expect(first.code).toBe(0);
    const again = await runKite(['media', 'import', card, '--data', data]);
    expect(again.stdout.trim()).toBe('0 imported, 3 already in the gallery, 0 failed');
    const missing = await runKite(['media', 'import', path.join(work, 'no-card'), '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^kite media: The folder .*no-card does not exist \(is the card or USB stick plugged in\?\)\.$/);
  });
});

describe('a power cut during an import', () => {
  it('leaves only whole files: killed mid-copy, the gallery holds complete videos and the next start clears the staging', async () => {
    const card = path.join(work, 'big-card');
    const small = makeH264(path.join(work, 'seed.mp4'), { seconds: 1 });
    fs.mkdirSync(card);
    for (const name of ['A.MP4', 'B.MP4', 'C.MP4']) {
      // A real clip followed by a large "free" box: a valid MP4 big enough to be caught mid-copy.
      const filler = crypto.randomBytes(80 * 1024 * 1024);
      filler.writeUInt32BE(filler.length, 0);
      filler.write('free', 4, 'latin1');
      fs.writeFileSync(path.join(card, name), Buffer.concat([fs.readFileSync(small), filler]));
    }
    const data = path.join(work, 'crash-data');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'media', 'import', card, '--data', data], { stdio: 'ignore' });
    const tmp = path.join(data, 'tmp');
    await expect.poll(() => fs.existsSync(tmp) && fs.readdirSync(tmp).some((f) => f.endsWith('.part')), { timeout: 60_000, interval: 5 }).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const media = path.join(data, 'media');
    const stored = fs.readdirSync(media).filter((f) => f.endsWith('.mp4'));
    for (const f of stored) {
      expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(media, f))).digest('hex')).toBe(f.slice(0, 64));
    }
    const db = new Database(path.join(data, 'kite.db'), { readonly: true });
    const rows = (db.prepare('SELECT sha256, ext FROM media').all() as { sha256: string; ext: string }[]).map((r) => `${r.sha256}.${r.ext}`);
    db.close();
    for (const row of rows) expect(stored).toContain(row);
    expect(stored.length).toBeLessThan(3);

    const core = createCore({ dataDir: data });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    core.close();
    const again = await runKite(['media', 'import', card, '--data', data], { timeoutMs: 120_000 });
    expect(again.stdout.trim()).toMatch(/^\d imported, \d already in the gallery, 0 failed$/);
    expect(fs.readdirSync(media).filter((f) => f.endsWith('.mp4'))).toHaveLength(3);
  });
});
