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

/** From process start to `kite serve` answering /api/health, against a bare Node HTTP server started the same way. */
export const startup: Bench = {
  name: 'startup',
  async run() {
    const runs = 7;
    const kite: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-'));
      bare.push(await timeUntilReady(process.execPath, ['-e', BARE_SERVER], (o) => answersHealth(o, 'GET')));
      kite.push(await timeUntilReady(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--data', dataDir, '--port', '0'], (o) => answersHealth(o, 'POST')));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const value = median(kite);
    const baseline = median(bare);
    return [
      withBudget(
        { name: 'serve-start-to-health', value: Math.round(value), unit: 'ms', baseline: { name: 'bare node http server', value: Math.round(baseline) }, ratio: +(value / baseline).toFixed(2), notes: `median of ${runs}, fresh data folder each time` },
        3,
        'ratio',
      ),
    ];
  },
};
