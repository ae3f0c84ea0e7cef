import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, withBudget, type Bench } from './lib';

const ROOT = path.join(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'tests/fixtures/dji-srt/MAVIC3.srt');

const CPU_AT_EXIT = path.join(ROOT, 'bench/peers/cpu-at-exit.mjs');

/** Run a whole process to its end; resolve with its wall time and CPU time (ms) and what it printed. */
function timeProcess(args: string[]): Promise<{ ms: number; cpuMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(CPU_AT_EXIT).href, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const cpuMs = Number(/cpu-ms (\d+)/.exec(stderr)?.[1] ?? NaN);
      if (code !== 0 || Number.isNaN(cpuMs)) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms: performance.now() - started, cpuMs, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/**
 * `kite telemetry MAVIC3.srt` (3.6 MB, 12,318 blocks) as a whole process, from start to the last
 * byte of JSON, against the npm package dji_srt_parser 1.2.4 doing the same (bench/peers), runs
 * alternated so both see the same machine. The goal: at least 5× faster (ratio ≤ 0.2).
 */
export const telemetry: Bench = {
  name: 'telemetry',
  async run() {
    const runs = 9;
    const kiteArgs = [path.join(ROOT, 'bin/kite.js'), 'telemetry', SAMPLE];
    const peerArgs = [path.join(ROOT, 'bench/peers/dji-srt-parser.mjs'), SAMPLE];
    const kite: number[] = [];
    const peer: number[] = [];
    const kiteCpu: number[] = [];
    const peerCpu: number[] = [];
    let points = 0;
    let packets = 0;
    await timeProcess(kiteArgs); // warm the disk cache for both, not counted
    await timeProcess(peerArgs);
    for (let i = 0; i < runs; i++) {
      const ours = await timeProcess(kiteArgs);
      const theirs = await timeProcess(peerArgs);
      kite.push(ours.ms);
      peer.push(theirs.ms);
      kiteCpu.push(ours.cpuMs);
      peerCpu.push(theirs.cpuMs);
      points = (JSON.parse(ours.stdout) as { points: unknown[] }).points.length;
      packets = (JSON.parse(theirs.stdout) as { packets: unknown[] }).packets.length;
    }
    if (points !== packets) throw new Error(`kite telemetry printed ${points} points, dji_srt_parser ${packets}: not the same job`);
    const result = (name: string, ours: number[], theirs: number[], what: string) => {
      const ratio = median(ours) / median(theirs);
      return withBudget(
        {
          name,
          value: Math.round(median(ours)),
          unit: 'ms',
          baseline: { name: `dji_srt_parser 1.2.4 (npm), whole process, ${what}`, value: Math.round(median(theirs)) },
          ratio: +ratio.toFixed(3),
          notes: `${what}, median of ${runs} alternated runs each; ${points} points printed by both as indented JSON; kite is ${(1 / ratio).toFixed(1)}× faster (goal: 5×)`,
        },
        0.2,
        'ratio',
      );
    };
    return [
      result('telemetry-mavic3-whole-process', kite, peer, 'wall time'),
      // CPU time (user + system) of each whole process: what a busy machine's waiting does not blur.
      result('telemetry-mavic3-whole-process-cpu', kiteCpu, peerCpu, 'CPU time'),
    ];
  },
};
