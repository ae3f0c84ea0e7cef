import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, timeUntilReady, withBudget, type Bench } from './lib';

const ROOT = path.join(import.meta.dirname, '..');

async function answersHealth(output: string, method: 'POST' | 'GET'): Promise<boolean> {
  const match = /running at (http:\/\/\S+?)\/? /.exec(output);
  if (!match) return false;
  try {
    const res = await fetch(`${match[1]}/api/app.health`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    return res.ok;
  } catch {
    return false;
  }
}

const BARE_SERVER = `require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('running at http://127.0.0.1:' + this.address().port + '/ '); });`;

/**
 * From process start to `kite serve` answering /api/health, against a bare Node HTTP server started
 * the same way: on an existing data folder (every school day), and on a fresh one (the first start
 * after installing, which creates the database and installs the built-in lesson packs once).
 */
export const startup: Bench = {
  name: 'startup',
  async run() {
    const runs = 7;
    const everyday: number[] = [];
    const first: number[] = [];
    const bare: number[] = [];
    const kiteServe = (dataDir: string) => timeUntilReady(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--data', dataDir, '--port', '0'], (o) => answersHealth(o, 'POST'));
    const existing = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-'));
    await kiteServe(existing); // the first start of this folder, not counted
    for (let i = 0; i < runs; i++) {
      const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-'));
      bare.push(await timeUntilReady(process.execPath, ['-e', BARE_SERVER], (o) => answersHealth(o, 'GET')));
      everyday.push(await kiteServe(existing));
      first.push(await kiteServe(fresh));
      fs.rmSync(fresh, { recursive: true, force: true });
    }
    fs.rmSync(existing, { recursive: true, force: true });
    const baseline = { name: 'bare node http server', value: Math.round(median(bare)) };
    const result = (name: string, times: number[], notes: string) => ({ name, value: Math.round(median(times)), unit: 'ms', baseline, ratio: +(median(times) / median(bare)).toFixed(2), notes });
    return [
      withBudget(result('serve-start-to-health', everyday, `median of ${runs}, an existing data folder (every start after the first)`), 3, 'ratio'),
      withBudget(result('serve-first-start-to-health', first, `median of ${runs}, a fresh data folder each time: creates kite.db and installs the 3 built-in packs before listening`), 6, 'ratio'),
    ];
  },
};
