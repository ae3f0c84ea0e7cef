import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLES = path.join(__dirname, '../../src/renderer/src');
/** styles.css and the files it imports, in its order. */
const sheets = () => {
  const index = fs.readFileSync(path.join(STYLES, 'styles.css'), 'utf8');
  return ['styles.css', ...[...index.matchAll(/@import '\.\/(styles\/[\w-]+\.css)'/g)].map((m) => m[1]!)];
};

describe('the stylesheet', () => {
  // A file left out of styles.css would style nothing, silently.
  it('imports every file in styles/, each once', () => {
    const files = fs.readdirSync(path.join(STYLES, 'styles')).map((f) => `styles/${f}`).sort();
    expect(sheets().slice(1).sort()).toEqual(files);
    // An @import after a rule is ignored (CSS: imports come first): any rule of styles.css goes after them.
    const index = fs.readFileSync(path.join(STYLES, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const head = index.slice(0, index.lastIndexOf('@import'));
    expect(head.replace(/@import '[^']+';/g, '').trim()).toBe('');
  });

  // An unclosed brace silently swallows every rule after it.
  it.each(sheets())('%s has balanced braces and no merge leftovers', (sheet) => {
    const text = fs.readFileSync(path.join(STYLES, sheet), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    text.split('\n').forEach((line, index) => {
      for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      expect(depth, `line ${index + 1}`).toBeGreaterThanOrEqual(0);
    });
    expect(depth).toBe(0);
    expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
  });
});
