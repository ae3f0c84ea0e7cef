import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The builder's own loader and schema check, so this test reads the configuration exactly as
// `npm run dist` would, without running the builder (no Electron download here).
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  asar: boolean;
  asarUnpack: string[];
  /** The loader normalises the `files` list into file sets. */
  files: (string | { filter?: string[] })[];
  extraResources: { from: string; to: string; filter: string[] }[];
  electronFuses: Record<string, boolean>;
  directories: { output: string };
  win: { icon: string; target: Target[] };
  nsis: Record<string, unknown>;
  linux: { icon: string; target: Target[] };
  toolsets: Record<string, string>;
}

import { DEFAULT_HUB_PORT } from '../../src/core/hub/request';

const root = path.join(__dirname, '../..');
const load = (file: string) => getConfig(root, path.join(root, file));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('passes the builder\'s own schema check, for production and for the test build', async () => {
    await expect(validateConfiguration(await load('electron-builder.yml'), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration(await load('electron-builder.test.yml'), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and uses the Electron version the project installs', async () => {
    const config = await load('electron-builder.yml');
    expect(config.appId).toBe('org.kiteclassroom.app');
    expect(config.productName).toBe('Kite Classroom');
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    // The release build signs the built-in packs with the release key and never trusts a development key.
    expect(pkg.scripts.dist).toMatch(/tsx scripts\/build-release\.ts && electron-builder --config electron-builder.yml/);
  });

  it('builds a per-machine NSIS installer and a portable exe for Windows, AppImage (static runtime) and deb for Linux', async () => {
    const config = await load('electron-builder.yml');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false });
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.toolsets.appimage).not.toBe('0.0.0'); // the legacy runtime needs libfuse2
  });

  it('opens the classroom hub\'s port in the Windows firewall on install (private networks only) and closes it on uninstall', async () => {
    const config = await load('electron-builder.yml');
    expect(config.nsis.include).toBe('build/installer.nsh');
    const script = fs.readFileSync(path.join(root, 'build/installer.nsh'), 'utf8');
    const install = /!macro customInstall([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    expect(install).toContain(`add rule name="Kite Classroom hub" dir=in action=allow protocol=TCP localport=${DEFAULT_HUB_PORT} profile=private`);
    expect(uninstall).toContain('delete rule name="Kite Classroom hub"');
  });

  it('unpacks better-sqlite3\'s native module from the asar', async () => {
    const config = await load('electron-builder.yml');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(fs.existsSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('sets the production fuses, and the test build keeps only the inspector that automated tests need', async () => {
    const production = (await load('electron-builder.yml')).electronFuses;
    expect(production).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, enableNodeOptionsEnvironmentVariable: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
    const test = await load('electron-builder.test.yml');
    expect(test.electronFuses).toEqual({ ...production, enableNodeCliInspectArguments: true });
    expect(test.directories.output).not.toBe('dist');
  });

  it('has the icons, at the right sizes', async () => {
    const config = await load('electron-builder.yml');
    expect(pngSize(path.join(root, 'build/icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(root, 'build/icon-256.png'))).toEqual({ width: 256, height: 256 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });

  it('ships the built-in lesson packs as extra resources', async () => {
    const config = await load('electron-builder.yml');
    expect(config.extraResources).toEqual([{ from: 'out/builtin-packs', to: 'packs', filter: ['*.kpack'] }]);
  });

  // Needs `npm run build` (and the packs feature, which makes out/builtin-packs/*.kpack).
  it.skipIf(!fs.existsSync(path.join(root, 'out/main/index.js')))('after a build: the app and the files the installer takes exist, and main loads no renderer-only library', async () => {
    const config = await load('electron-builder.yml');
    expect(fs.existsSync(path.join(root, 'out/renderer/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'out/preload/index.cjs'))).toBe(true);
    const patterns = config.files.flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(patterns).toContain('out/**');
    const excluded = patterns.filter((f) => f.startsWith('!node_modules/')).map((f) => f.slice('!node_modules/'.length, -'/**'.length));
    const mainCode = fs
      .readdirSync(path.join(root, 'out/main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(root, 'out/main', f), 'utf8'))
      .join('\n');
    for (const name of excluded) expect(mainCode, name).not.toMatch(new RegExp(`(from|require\\(|import\\()\\s*["']${name.replace('/', '\\/')}["'/]`));
    // What electron-vite bundles into out/main, the installer need not carry in node_modules.
    const bundled = /exclude:\s*\[([^\]]*)\]/.exec(fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8'))?.[1]?.match(/[\w@/-]+/g) ?? [];
    expect(bundled).toContain('zod');
    for (const name of bundled) expect(excluded, name).toContain(name);
    const packsDir = path.join(root, 'out/builtin-packs');
    if (fs.existsSync(packsDir)) expect(fs.readdirSync(packsDir).filter((f) => f.endsWith('.kpack')).length).toBeGreaterThan(0);
  });
});
