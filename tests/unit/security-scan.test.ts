import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '../..');

/** The same check as the issue's `git grep`, over every source file (tracked or not). */
function grepSrc(pattern: string): string {
  try {
    return execFileSync('grep', ['-rnF', '--include=*.ts', '--include=*.tsx', '--include=*.html', pattern, 'src'], { cwd: root, encoding: 'utf8' });
  } catch {
    return ''; // grep exits 1 when nothing matches
  }
}

describe('security baseline in src/', () => {
  it.each(['file://', 'nodeIntegration: true', 'sandbox: false', 'contextIsolation: false', 'innerHTML', 'dangerouslySetInnerHTML', 'webSecurity: false', 'eval('])(
    'has no %s',
    (needle) => {
      expect(grepSrc(needle)).toBe('');
    },
  );

  it('keeps the Electron window locked down', () => {
    const window = grepSrc('sandbox: true') + grepSrc('contextIsolation: true') + grepSrc('nodeIntegration: false');
    expect(window.split('\n').filter(Boolean).length).toBe(3);
    expect(grepSrc("setWindowOpenHandler(() => ({ action: 'deny' }))")).not.toBe('');
  });
});
