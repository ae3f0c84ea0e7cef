import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/core';
import { runDoctor } from '../src/core/system/doctor';
import { median, withBudget, type Bench } from './lib';

const FILES = 40;
const FILE_BYTES = 4 * 1024 * 1024;

/** A data folder with one installed pack of 160 MB of media, as the importer leaves it. */
function dataDirWithPack(): { dataDir: string; files: string[] } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-doctor-'));
  createCore({ dataDir }).close();
  const dir = path.join(dataDir, 'packs', 'org.example.bench', '1.0.0');
  fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'lessons'), { recursive: true });
  const lesson = { format: 1, id: 'one', title: { en: 'One' }, grades: { from: 1, to: 6 }, minutes: 10, steps: [{ type: 'slide', id: 'a', text: { en: 'Hello' } }] };
  fs.writeFileSync(path.join(dir, 'lessons', 'one.json'), JSON.stringify(lesson));
  const files = ['lessons/one.json'];
  for (let i = 0; i < FILES; i++) {
    fs.writeFileSync(path.join(dir, 'media', `clip-${i}.mp3`), crypto.randomBytes(FILE_BYTES));
    files.push(`media/clip-${i}.mp3`);
  }
  const entries = files.map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    return { path: f, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  });
  const manifest = { format: 1, id: 'org.example.bench', version: '1.0.0', title: { en: 'Bench' }, description: { en: 'Bench' }, languages: ['en'], grades: { from: 1, to: 6 }, subjects: [], license: 'MIT', authors: [{ name: 'bench' }], minAppVersion: '0.1.0', lessons: [{ id: 'one', file: 'lessons/one.json' }], files: entries };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dataDir, files: files.map((f) => path.join(dir, f)) };
}

/** `kite doctor` on a data folder with a 160 MB pack, against reading and hashing the same files (what it must do at least). */
export const doctor: Bench = {
  name: 'doctor',
  async run() {
    const { dataDir, files } = dataDirWithPack();
    const config = { file: '', found: false, config: {}, problems: [] };
    const doctorMs: number[] = [];
    const hashMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      let started = performance.now();
      for (const file of files) crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      hashMs.push(performance.now() - started);
      started = performance.now();
      const report = runDoctor({ dataDir, config });
      doctorMs.push(performance.now() - started);
      if (report.broken) throw new Error(`doctor found the bench data broken:\n${report.text}`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    const value = median(doctorMs);
    const baseline = median(hashMs);
    return [
      withBudget(
        { name: 'doctor-160MB-pack', value: Math.round(value), unit: 'ms', baseline: { name: 'read + sha256 of the same files', value: Math.round(baseline) }, ratio: +(value / baseline).toFixed(2), notes: `median of 5; ${FILES} files of ${FILE_BYTES / 2 ** 20} MB` },
        1.5,
        'ratio',
      ),
    ];
  },
};
