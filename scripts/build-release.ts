// `npm run dist`: the release build. It checks for the release key first (a clear failure, before
// minutes of building), then builds the app with __KITE_RELEASE_BUILD__ set (so the bundle never
// trusts a development key) and the built-in packs signed with the release key.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { releaseKey, SigningKeyError } from './lib/pack-signing-key';

const root = path.join(import.meta.dirname, '..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  releaseKey();
} catch (error) {
  if (!(error instanceof SigningKeyError)) throw error;
  process.stderr.write(`npm run dist: ${error.message}\n`);
  process.exit(1);
}
const env = { ...process.env, KITE_RELEASE_BUILD: '1' };
run('npx', ['electron-vite', 'build'], env);
run('npx', ['tsx', 'scripts/build-packs.ts'], env);
