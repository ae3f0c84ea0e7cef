import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Several processes may use one data folder at once (the app, `kite serve`, a `kite` command run
 * beside them). Anything one of them leaves half-made carries its process id, so another process
 * removes only what a dead process left behind, never what a live one is still writing.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's own staging folder name under <data>/tmp/: "<pid>-<random>". */
export function stagingName(): string {
  return `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

const STAGING = /^(\d+)-[0-9a-f]{8}$/;

/**
 * Remove staging folders whose process has ended (and loose files an older version left in tmp/
 * itself). A live process's folder is left alone. Returns what was removed.
 */
export function removeStaleStaging(tmpRoot: string): string[] {
  const removed: string[] = [];
  for (const entry of fs.readdirSync(tmpRoot)) {
    const m = STAGING.exec(entry);
    if (m && processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(tmpRoot, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

/**
 * The app's lock file (<data>/kite.lock): a long-running host (the desktop app, `kite serve`)
 * writes its process id there, so a command that must not run beside it (a restore) can refuse.
 */
export function takeAppLock(file: string): () => void {
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }) + '\n');
  return () => {
    if (lockHolder(file) === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The process id of a live app holding the lock, or undefined (no lock, or a stale one from a crash). */
export function lockHolder(file: string): number | undefined {
  let pid: unknown;
  try {
    pid = (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
  } catch {
    return undefined;
  }
  return typeof pid === 'number' && processAlive(pid) ? pid : undefined;
}
