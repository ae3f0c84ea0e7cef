import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '../..');

// A clone must be complete: nothing tracked may point at ../shared (the team's folder beside the repo).
describe('the repository stands alone', () => {
  it('no tracked file reaches ../shared', () => {
    const grep = spawnSync('git', ['grep', '-lE', String.raw`\.\./(\.\./)*shared/(DESIGN|fixtures)`, '--', '.', ':!tests/unit/standalone.test.ts'], { cwd: root, encoding: 'utf8' });
    expect(grep.status, grep.stderr).toBe(1); // git grep: 1 = no match
    expect(grep.stdout).toBe('');
  });
});
