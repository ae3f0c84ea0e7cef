import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { DEV_KEY_FILE, devPublisherKey, RELEASE_BUILD, RELEASE_KEY } from '../../src/core/packs/official';
import { devKey, releaseKey } from '../../scripts/lib/pack-signing-key';
import { buildFixturePack, fixtureKeys } from '../support/packs';
import { tempDir } from '../support/temp';

const root = path.join(import.meta.dirname, '..', '..');
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
const newCore = (dataDir = tempDir()) => {
  const core = createCore({ dataDir });
  cores.push(core);
  return core;
};

/** What `npm run build` makes: packs signed with this checkout's development key, its public half beside them. */
async function devBuiltins(): Promise<string> {
  const checkout = tempDir('kite-checkout-');
  const key = devKey(checkout);
  const dir = tempDir('kite-builtins-');
  await buildFixturePack(dir, { id: 'org.kiteclassroom.safe-start', signWith: key.privateKeyPem });
  fs.writeFileSync(path.join(dir, DEV_KEY_FILE), `${key.devPublicKey}\n`);
  return dir;
}

describe('official built-in lesson packs', () => {
  it('a development build signs its built-in packs with its own key, and shows them as official lessons', async () => {
    const core = newCore();
    const [pack] = await core.packs.installBuiltins(await devBuiltins());
    expect(pack).toMatchObject({ id: 'org.kiteclassroom.safe-start', signature: 'trusted', official: true });
    expect(core.packs.list()[0]?.official).toBe(true);
  });

  it('keeps the development key out of the database: the next start trusts it only if the build still ships it', async () => {
    const dataDir = tempDir();
    const dir = await devBuiltins();
    const devKeyId = devPublisherKey(dir)?.keyId;
    const first = newCore(dataDir);
    await first.packs.installBuiltins(dir);
    first.close();
    cores.splice(0);
    const again = newCore(dataDir);
    expect(again.packs.trust.list().map((k) => k.keyId)).toEqual([RELEASE_KEY.keyId]);
    expect(again.packs.list()[0]?.official).toBe(false);
    await again.packs.installBuiltins(dir);
    expect(again.packs.trust.list().map((k) => k.keyId)).toEqual([RELEASE_KEY.keyId, devKeyId]);
    expect(again.packs.list()[0]?.official).toBe(true);
  });

  it('a release build never trusts a development key, even one left beside its packs', async () => {
    const dir = await devBuiltins();
    expect(devPublisherKey(dir, false)).toBeDefined();
    expect(devPublisherKey(dir, true)).toBeUndefined();
    // Tests run unbundled, as a development build.
    expect(RELEASE_BUILD).toBe(false);
    // The release bundle is compiled with the flag set, and the installer copies only the packs.
    expect(fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8')).toMatch(/__KITE_RELEASE_BUILD__: JSON\.stringify\(process\.env\.KITE_RELEASE_BUILD === '1'\)/);
    expect(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/from: out\/builtin-packs\n\s+to: packs\n\s+filter:\n\s+- '\*\.kpack'\n/);
  });

  it('a pack signed by some other key is not official, even when that publisher is trusted', async () => {
    const keys = fixtureKeys();
    const dir = tempDir();
    const core = newCore();
    core.packs.trust.add('Other Publisher', keys.publicKey.publicKey);
    const pack = await core.packs.install(await buildFixturePack(dir, { signWith: keys.privateKeyPem }));
    expect(pack).toMatchObject({ signature: 'trusted', official: false });
  });

  it('the development key is made once per checkout, in a gitignored folder', () => {
    const checkout = tempDir('kite-checkout-');
    const first = devKey(checkout);
    expect(devKey(checkout)).toEqual(first);
    expect(fs.existsSync(path.join(checkout, '.kite-dev-key', 'dev-signing-key.pem'))).toBe(true);
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('.kite-dev-key/');
  });

  it('the release key comes only from the environment, and must be the key the app trusts', () => {
    expect(() => releaseKey({})).toThrow(/KITE_RELEASE_KEY_FILE/);
    expect(() => releaseKey({ KITE_RELEASE_KEY_FILE: path.join(tempDir(), 'missing.pem') })).toThrow(/cannot be read/);
    expect(() => releaseKey({ KITE_RELEASE_KEY: 'not a key' })).toThrow(/not an Ed25519 private key/);
    const other = fixtureKeys();
    expect(() => releaseKey({ KITE_RELEASE_KEY: other.privateKeyPem })).toThrow(new RegExp(`has key id ${other.publicKey.keyId}, but the app trusts ${RELEASE_KEY.keyId}`));
  });

  it('`npm run dist` without the release key stops at once with a clear message', () => {
    const env = { ...process.env };
    delete env.KITE_RELEASE_KEY;
    delete env.KITE_RELEASE_KEY_FILE;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-release.ts'], { cwd: root, env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/npm run dist: A release build signs the built-in lesson packs with the Kite Classroom release key, and none was given/);
  });
});
