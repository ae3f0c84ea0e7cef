import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real small disk for the file: a tmpfs of `size` (e.g. '3m') mounted in beforeAll, unmounted in
 * afterAll. Needs root (as CI and the dev machines have); elsewhere `path` stays undefined and
 * `whyNot` says why, for `context.skip`.
 */
export function useSmallTmpfs(size: string): { readonly path: string | undefined; readonly whyNot: string } {
  const state: { path: string | undefined; whyNot: string } = { path: undefined, whyNot: '' };
  beforeAll(() => {
    const dir = fs.mkdtempSync('/tmp/kite-full-disk-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
      state.path = dir;
    } catch (error) {
      state.whyNot = `cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`;
      fs.rmdirSync(dir);
    }
  });
  afterAll(() => {
    if (!state.path) return;
    execFileSync('umount', [state.path]);
    fs.rmdirSync(state.path);
  });
  return state;
}
