import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import type { LoadedConfig } from '../../src/core/config/load';
import { publisherKeyId, runDoctor } from '../../src/core/system/doctor';
import { main } from '../../src/cli/run';
import { Lesson, Manifest } from '../../src/shared/pack';
import { buildFixturePack } from '../support/packs';
import { tempDir } from '../support/temp';

/** A publisher key pair: the raw public key in base64, as the machine config lists it. */
function publisher() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  return { raw, privateKey };
}

const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Write an installed pack the way the importer leaves it: <data>/packs/<id>/<version>/ with manifest, signature, lessons, media. */
function installPack(dataDir: string, key: ReturnType<typeof publisher>, id = 'org.example.safety') {
  const dir = path.join(dataDir, 'packs', id, '1.0.0');
  const lesson = Lesson.parse({
    format: 1,
    id: 'passwords',
    title: { 'zh-CN': '密码', en: 'Passwords' },
    grades: { from: 3, to: 6 },
    minutes: 10,
    steps: [{ type: 'slide', id: 'intro', text: { 'zh-CN': '好的密码很长。', en: 'Good passwords are long.' } }],
  });
  const files: Record<string, Buffer> = {
    'lessons/passwords.json': Buffer.from(JSON.stringify(lesson)),
    'media/lock.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'),
  };
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  const manifest = Manifest.parse({
    format: 1,
    id,
    version: '1.0.0',
    title: { 'zh-CN': '网上安全', en: 'Safety online' },
    description: { 'zh-CN': '安全上网。', en: 'Stay safe online.' },
    languages: ['zh-CN', 'en'],
    grades: { from: 3, to: 6 },
    subjects: ['safety'],
    license: 'CC-BY-4.0',
    authors: [{ name: 'Test author' }],
    minAppVersion: '0.1.0',
    lessons: [{ id: 'passwords', file: 'lessons/passwords.json' }],
    files: Object.entries(files).map(([p, bytes]) => ({ path: p, size: bytes.length, sha256: sha256(bytes) })),
  });
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'manifest.json'), manifestBytes);
  const signature = { algorithm: 'ed25519', keyId: publisherKeyId(key.raw), signature: crypto.sign(null, manifestBytes, key.privateKey).toString('base64') };
  fs.writeFileSync(path.join(dir, 'signature.json'), JSON.stringify(signature));
  return dir;
}

function healthyDataDir() {
  const dataDir = tempDir('kite-doctor-');
  createCore({ dataDir }).close();
  const key = publisher();
  const packDir = installPack(dataDir, key);
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64)]);
  fs.writeFileSync(path.join(dataDir, 'media', `${sha256(mp4)}.mp4`), mp4);
  const config: LoadedConfig = { file: '/etc/kite-classroom/config.json', found: true, config: { trustedPublisherKeys: [{ name: 'Test bureau', publicKey: key.raw }] }, problems: [] };
  return { dataDir, packDir, config };
}

const statusOf = (report: ReturnType<typeof runDoctor>, title: RegExp) => report.checks.find((c) => title.test(c.title))?.status;

describe('kite doctor', () => {
  it('reports a healthy data folder as OK, with versions, space, database, a verified pack and media', () => {
    const { dataDir, config } = healthyDataDir();
    const report = runDoctor({ dataDir, config });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.broken).toBe(false);
    expect(statusOf(report, /^Database integrity: ok/)).toBe('ok');
    expect(statusOf(report, /^Pack org\.example\.safety 1\.0\.0: 2 files ok, signature valid \(Test bureau\)/)).toBe('ok');
    expect(statusOf(report, /^Media: 1 video\(s\), 0 photo\(s\)/)).toBe('ok');
    expect(statusOf(report, /^Free space: /)).toBeDefined();
    expect(report.text).toMatch(/^Kite Classroom health report/);
    expect(report.text).toContain('Result: OK');
    expect(report.text).toContain('SQLite 3.');
    expect(report.text).toContain('GPU / WebGL: not checked here');
  });

  it('calls an unsigned pack the app installed itself "built in", and warns about any other unsigned pack', async () => {
    const { dataDir, config } = healthyDataDir();
    // Installed the way the app installs the packs it ships with, at start.
    const shipped = tempDir('kite-builtins-');
    await buildFixturePack(shipped, { id: 'org.kiteclassroom.builtin' });
    const core = createCore({ dataDir });
    expect(await core.packs.installBuiltins(shipped)).toHaveLength(1);
    core.close();
    fs.rmSync(path.join(installPack(dataDir, publisher(), 'org.example.copied'), 'signature.json'));
    const report = runDoctor({ dataDir, config });
    expect(statusOf(report, /^Pack org\.kiteclassroom\.builtin 1\.0\.0: \d+ files ok, built in \(came with the app\)/)).toBe('ok');
    expect(statusOf(report, /^Pack org\.example\.copied 1\.0\.0: 2 files ok, not signed/)).toBe('warn');
  });

  it('names a corrupt database and exits non-zero, without changing the file', () => {
    const { dataDir, config } = healthyDataDir();
    const garbage = crypto.randomBytes(8192);
    for (const f of ['kite.db', 'kite.db-wal', 'kite.db-shm']) fs.rmSync(path.join(dataDir, f), { force: true });
    fs.writeFileSync(path.join(dataDir, 'kite.db'), garbage);
    const report = runDoctor({ dataDir, config });
    expect(report.broken).toBe(true);
    expect(report.checks.find((c) => c.section === 'database')).toMatchObject({ status: 'fail', title: 'Database cannot be read' });
    expect(report.text).toMatch(/FAIL {2}Database cannot be read\n {8}file is not a database\. Restore the newest backup/);
    expect(fs.readFileSync(path.join(dataDir, 'kite.db')).equals(garbage)).toBe(true);
  });

  it('names a zero-byte database (left by a power cut) as broken, without changing it', () => {
    const { dataDir, config } = healthyDataDir();
    for (const f of ['kite.db', 'kite.db-wal', 'kite.db-shm']) fs.rmSync(path.join(dataDir, f), { force: true });
    fs.writeFileSync(path.join(dataDir, 'kite.db'), '');
    const report = runDoctor({ dataDir, config });
    expect(report.broken).toBe(true);
    expect(report.checks.find((c) => c.section === 'database')).toMatchObject({ status: 'fail', title: 'Database file is empty (0 bytes)' });
    expect(fs.statSync(path.join(dataDir, 'kite.db')).size).toBe(0);
  });

  it('names a pack file that was deleted', () => {
    const { dataDir, packDir, config } = healthyDataDir();
    fs.rmSync(path.join(packDir, 'media', 'lock.svg'));
    const report = runDoctor({ dataDir, config });
    expect(report.broken).toBe(true);
    expect(report.checks.find((c) => c.section === 'packs')).toMatchObject({ status: 'fail', title: 'Pack org.example.safety 1.0.0: 1 file(s) missing or damaged', detail: expect.stringContaining('media/lock.svg is missing') });
  });

  it('names a pack file whose contents changed', () => {
    const { dataDir, packDir, config } = healthyDataDir();
    fs.appendFileSync(path.join(packDir, 'lessons', 'passwords.json'), ' ');
    expect(runDoctor({ dataDir, config }).checks.find((c) => c.section === 'packs')?.detail).toContain('lessons/passwords.json is damaged');
  });

  it('fails a pack whose signature has a flipped byte', () => {
    const { dataDir, packDir, config } = healthyDataDir();
    const file = path.join(packDir, 'signature.json');
    const signature = JSON.parse(fs.readFileSync(file, 'utf8')) as { signature: string };
    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[10] = (bytes[10] as number) ^ 0x01;
    fs.writeFileSync(file, JSON.stringify({ ...signature, signature: bytes.toString('base64') }));
    const report = runDoctor({ dataDir, config });
    expect(report.broken).toBe(true);
    expect(report.checks.find((c) => c.section === 'packs')).toMatchObject({ status: 'fail', title: expect.stringContaining('signature does NOT match') });
  });

  it('fails a pack whose signature.json is damaged, and says "cannot verify" for an unknown publisher', () => {
    const { dataDir, packDir, config } = healthyDataDir();
    const unknown = runDoctor({ dataDir, config: { ...config, config: {} } });
    expect(unknown.checks.find((c) => c.section === 'packs')).toMatchObject({ status: 'warn', title: expect.stringMatching(/signed by key [a-f0-9]{16}: cannot verify/) });
    const file = path.join(packDir, 'signature.json');
    const text = fs.readFileSync(file);
    text[5] = 0x00;
    fs.writeFileSync(file, text);
    expect(runDoctor({ dataDir, config }).checks.find((c) => c.section === 'packs')).toMatchObject({ status: 'fail', title: expect.stringContaining('signature.json') });
  });

  it('warns about media that will not play or whose file is gone, and lists config problems as failures', () => {
    const { dataDir, config } = healthyDataDir();
    fs.writeFileSync(path.join(dataDir, 'media', 'broken.mp4'), 'not a video at all');
    fs.writeFileSync(path.join(dataDir, 'media', `${'a'.repeat(64)}.json`), '{}');
    const report = runDoctor({ dataDir, config: { ...config, problems: ['Config file c.json: "kiosk" expected boolean'] } });
    expect(statusOf(report, /1 media file\(s\) may not play/)).toBe('warn');
    expect(statusOf(report, /1 media file\(s\) missing/)).toBe('warn');
    expect(report.checks.find((c) => c.section === 'config' && c.status === 'fail')?.detail).toContain('"kiosk" expected boolean');
    expect(report.broken).toBe(true);
  });

  it('shows WebGL status when the desktop app provides GPU info', () => {
    const { dataDir, config } = healthyDataDir();
    const report = runDoctor({ dataDir, config, gpu: { featureStatus: { webgl: 'unavailable_software', gpu_compositing: 'disabled_software' }, devices: ['vendor 0x8086 device 0x3e92 (active)'] } });
    expect(statusOf(report, /^WebGL: unavailable_software/)).toBe('warn');
    expect(report.text).toContain('GPU: vendor 0x8086');
  });

  it('dates the report in this PC\'s local time with its offset, in either language', () => {
    const { dataDir, config } = healthyDataDir();
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const now = () => Date.parse('2026-12-03T05:17:52.840Z');
      const en = runDoctor({ dataDir, config, now });
      expect(en.createdAt).toBe('2026-12-03T05:17:52.840Z');
      expect(en.text.split('\n')[1]).toMatch(/^Created: 2026-12-03 13:17 \(UTC\+08:00\) {3}Computer: /);
      expect(runDoctor({ dataDir, config, now, language: 'zh-CN' }).text.split('\n')[1]).toMatch(/^生成时间：2026-12-03 13:17 \(UTC\+08:00\) {3}电脑：/);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('the CLI prints the report, saves it with --out and exits 1 when broken', async () => {
    const { dataDir } = healthyDataDir();
    fs.writeFileSync(path.join(dataDir, 'kite.db'), 'garbage');
    fs.rmSync(path.join(dataDir, 'kite.db-wal'), { force: true });
    const out = path.join(tempDir(), 'report.txt');
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const code = await main(['doctor', '--data', dataDir, '--out', out]).finally(() => spy.mockRestore());
    expect(code).toBe(1);
    expect(stdout).toContain('Result: BROKEN');
    expect(fs.readFileSync(out, 'utf8')).toContain('Database cannot be read');
  });
});
