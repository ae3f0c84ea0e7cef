#!/usr/bin/env node
// `npm start`: build what is needed, then launch the Electron app. Where the Electron binary
// cannot be had (an offline PC), say so in one line and serve the same app, on the same data
// folder, through the browser host instead, so the app always starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const stamp = join(root, 'out', '.build-stamp');

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded() {
  const sources = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  process.stdout.write('Building Kite Classroom…\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('The build failed (see above). Fix it, or run "npm ci" if node_modules is incomplete.\n');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function downloadElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'the electron package is not installed (run "npm ci")' };
  const run = spawnSync(process.execPath, [installer], { cwd: join(root, 'node_modules', 'electron'), encoding: 'utf8', timeout: 300_000 });
  if (run.status === 0 && electronBinary()) return { ok: true };
  const detail = `${run.stderr ?? ''}${run.stdout ?? ''}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(detail) || run.error?.code === 'ETIMEDOUT';
  return { ok: false, reason: offline ? 'this PC cannot reach the download server' : 'its download failed' };
}

buildIfNeeded();

let binary = electronBinary();
if (!binary) {
  process.stdout.write('Fetching the Electron runtime (first start only)…\n');
  const download = downloadElectron();
  binary = download.ok ? electronBinary() : undefined;
  if (!binary) {
    process.stdout.write(`Electron is not available (${download.reason}), so Kite Classroom runs in your web browser instead: open the address below.\n`);
    const server = spawn(process.execPath, [join(root, 'bin', 'kite.js'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
    server.on('exit', (code) => process.exit(code ?? 0));
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  }
}
if (binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit', env });
  app.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
}
