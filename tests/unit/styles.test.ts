import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = path.join(__dirname, '../../src/renderer/src/styles.css');

describe('the stylesheet', () => {
  // Every feature appends a block; an unclosed brace silently swallows every rule after it.
  it('has balanced braces and no merge leftovers', () => {
    const text = fs.readFileSync(CSS, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    text.split('\n').forEach((line, index) => {
      for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      expect(depth, `line ${index + 1}`).toBeGreaterThanOrEqual(0);
    });
    expect(depth).toBe(0);
    expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
  });
});
