import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { withBudget, type Bench } from './lib';

const RENDERER = path.join(import.meta.dirname, '../out/renderer');

/** The JS the first screen loads: the entry script and what it preloads, gzipped. three.js must not be in it. */
export const bundle: Bench = {
  name: 'bundle',
  async run() {
    const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    if (files.length === 0) throw new Error('no scripts found in out/renderer/index.html: run npm run build');
    let raw = 0;
    let gzipped = 0;
    let hasThree = false;
    for (const file of files) {
      const content = fs.readFileSync(path.join(RENDERER, file));
      raw += content.length;
      gzipped += zlib.gzipSync(content, { level: 9 }).length;
      hasThree ||= /WebGLRenderer|THREE\.WebGL|WEBGL_lose_context/.test(content.toString('utf8'));
    }
    const allJs = fs.readdirSync(path.join(RENDERER, 'assets')).filter((f) => f.endsWith('.js'));
    return [
      withBudget({ name: 'renderer-initial-js-gzip', value: +(gzipped / 1024).toFixed(1), unit: 'KiB', notes: `${files.length} initial file(s), ${(raw / 1024).toFixed(0)} KiB before gzip; ${allJs.length} JS files in all` }, 250),
      { name: 'three-in-initial-chunk', value: hasThree ? 1 : 0, unit: 'bool', budget: { max: 0, unit: 'bool', on: 'value' }, pass: !hasThree },
    ];
  },
};
