import { execFile } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/run';

/** Run the kite CLI in this process and capture what it prints. */
export async function kite(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A `kite` command as its own process (from source, so no build is needed): for what must not share this process. */
export function kiteProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = path.join(__dirname, '../..');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/index.ts'), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
