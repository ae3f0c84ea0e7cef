import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPack } from '../src/core/packs/build';
import { median, withBudget, type Bench } from './lib';

const ROOT = path.join(import.meta.dirname, '..');
/** Media in the pack; KITE_BENCH_PACK_MB scales it down for a quick run (the figure is 1 GB). */
const MEDIA_MB = Number(process.env.KITE_BENCH_PACK_MB ?? 1024);
const FILE_MB = 64;

/** A child that reports its own peak RSS when it exits (bytes on Linux: ru_maxrss is in KB). */
const RSS_HOOK = `process.on('exit', () => process.stderr.write('KITE_MAXRSS=' + process.resourceUsage().maxRSS * 1024 + '\\n'));\n`;

function run(command: string, args: string[]): Promise<{ ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - started, stderr }) : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

/** Random bytes, so the media does not compress: like real video and photos. */
function writeRandomFile(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(4 * 2 ** 20);
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      crypto.randomFillSync(chunk);
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function makePack(work: string): Promise<string> {
  const folder = path.join(work, 'folder');
  fs.mkdirSync(path.join(folder, 'lessons'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'media'), { recursive: true });
  const text = { 'zh-CN': '航拍视频', en: 'Drone video' };
  const files = Math.max(1, Math.ceil(MEDIA_MB / FILE_MB));
  for (let i = 0; i < files; i++) writeRandomFile(path.join(folder, 'media', `video-${i}.mp4`), Math.min(FILE_MB, MEDIA_MB - i * FILE_MB) * 2 ** 20);
  fs.writeFileSync(path.join(folder, 'media', 'cover.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3" fill="#8ecae6"/></svg>');
  const lesson = {
    format: 1,
    id: 'videos',
    title: text,
    grades: { from: 1, to: 6 },
    minutes: 20,
    cover: { src: 'media/cover.svg', alt: text },
    steps: Array.from({ length: files }, (_, i) => ({ type: 'interactive-video', id: `v${i}`, prompt: text, video: `media/video-${i}.mp4`, cues: [] })),
  };
  fs.writeFileSync(path.join(folder, 'lessons', 'videos.json'), JSON.stringify(lesson));
  fs.writeFileSync(
    path.join(folder, 'manifest.json'),
    JSON.stringify({ format: 1, id: 'org.example.bench', version: '1.0.0', title: text, description: text, languages: ['zh-CN', 'en'], grades: { from: 1, to: 6 }, subjects: [], license: 'CC0-1.0', authors: [{ name: 'bench' }], minAppVersion: '0.1.0' }),
  );
  const file = path.join(work, 'bench.kpack');
  await buildPack(folder, file);
  fs.rmSync(folder, { recursive: true, force: true });
  return file;
}

/**
 * Installing a pack of ~1 GB of (incompressible) media with `kite pack install`, which streams,
 * checks every size and SHA-256 and fsyncs, against `unzip` extracting the same file. Also the
 * installer's peak RSS, which must stay bounded whatever the pack's size.
 */
export const packs: Bench = {
  name: 'packs',
  async run() {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-packs-'));
    try {
      const file = await makePack(work);
      const bytes = fs.statSync(file).size;
      const hook = path.join(work, 'rss-hook.mjs');
      fs.writeFileSync(hook, RSS_HOOK);
      const kiteTimes: number[] = [];
      const unzipTimes: number[] = [];
      const rss: number[] = [];
      for (let round = 0; round < 3; round++) {
        const unzipDir = path.join(work, `unzip-${round}`);
        unzipTimes.push((await run('unzip', ['-q', file, '-d', unzipDir])).ms);
        fs.rmSync(unzipDir, { recursive: true, force: true });
        const data = path.join(work, `data-${round}`);
        const result = await run(process.execPath, ['--import', hook, path.join(ROOT, 'bin/kite.js'), 'pack', 'install', file, '--data', data, '--trust-unsigned']);
        kiteTimes.push(result.ms);
        rss.push(Number(/KITE_MAXRSS=(\d+)/.exec(result.stderr)?.[1] ?? NaN));
        fs.rmSync(data, { recursive: true, force: true });
      }
      const kite = median(kiteTimes);
      const unzip = median(unzipTimes);
      const mbps = (ms: number) => +(bytes / 2 ** 20 / (ms / 1000)).toFixed(1);
      const peak = Math.max(...rss) / 2 ** 20;
      return [
        withBudget(
          {
            name: 'install-time',
            value: Math.round(kite),
            unit: 'ms',
            baseline: { name: 'unzip -q (no hashing, no fsync)', value: Math.round(unzip) },
            ratio: +(kite / unzip).toFixed(2),
            notes: `${Math.round(bytes / 2 ** 20)} MB pack, median of 3; throughput ${mbps(kite)} MB/s vs unzip ${mbps(unzip)} MB/s = ${Math.round((unzip / kite) * 100)}% of unzip (goal ≥ 70%, i.e. ratio ≤ 1.43)`,
          },
          1.43,
          'ratio',
        ),
        withBudget({ name: 'install-peak-rss', value: Math.round(peak), unit: 'MB', notes: `whole kite CLI process, ${Math.round(bytes / 2 ** 20)} MB pack` }, 200),
      ];
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
