import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { withBudget, type Bench } from './lib';

const RENDERER = path.join(import.meta.dirname, '../out/renderer');

/**
 * The lesson player's weight: its own chunk (loaded when a lesson opens), and that the big
 * libraries it uses only in some steps (pinyin-pro's dictionary, zxcvbn's word lists) stay out
 * of the first screen's JS, loaded on demand.
 */
export const player: Bench = {
  name: 'player',
  async run() {
    const assets = path.join(RENDERER, 'assets');
    const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="(?:\.?\/)?assets\/([^"]+\.js)"/g)].map((m) => m[1] as string);
    const all = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    const chunk = all.find((f) => f.startsWith('LessonPlayer-'));
    if (!chunk || initial.length === 0) throw new Error('no built renderer: run npm run build');
    const read = (f: string) => fs.readFileSync(path.join(assets, f));
    const gzipKiB = (f: string) => +(zlib.gzipSync(read(f), { level: 9 }).length / 1024).toFixed(1);
    const initialText = initial.map((f) => read(f).toString('utf8')).join('\n');
    // Markers found only in those libraries' code.
    const pinyinEager = /polyphonic/.test(initialText);
    const zxcvbnEager = /bruteforce/.test(initialText);
    const lazyKiB = all.filter((f) => /polyphonic|bruteforce/.test(read(f).toString('utf8'))).reduce((n, f) => n + gzipKiB(f), 0);
    return [
      withBudget({ name: 'player-chunk-gzip', value: gzipKiB(chunk), unit: 'KiB', notes: `${chunk}, loaded when a lesson opens` }, 80),
      { name: 'pinyin-and-zxcvbn-in-initial-js', value: pinyinEager || zxcvbnEager ? 1 : 0, unit: 'bool', budget: { max: 0, unit: 'bool', on: 'value' }, pass: !pinyinEager && !zxcvbnEager, notes: `${lazyKiB.toFixed(0)} KiB gzip loaded only when a step needs them` },
    ];
  },
};
