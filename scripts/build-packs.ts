// Part of `npm run build`: every folder under lessons/ is an authoring pack; build each into
// out/builtin-packs/<id>-<version>.kpack, which the app installs on first start. An invalid pack
// fails the build with every problem listed. Every built-in pack is signed:
// - KITE_RELEASE_BUILD=1 (set by `npm run dist`, scripts/build-release.ts): with the release key
//   from KITE_RELEASE_KEY / KITE_RELEASE_KEY_FILE; without it the build fails.
// - otherwise: with this checkout's development key (.kite-dev-key/, made on first use), whose
//   public half goes beside the packs for development builds to trust.
import fs from 'node:fs';
import path from 'node:path';
import { buildPack } from '../src/core/packs/build';
import { KiteError } from '../src/shared/errors';
import { DEV_PUBLIC_KEY_FILE, devKey, releaseKey, SigningKeyError, type PackSigningKey } from './lib/pack-signing-key';

const root = path.join(import.meta.dirname, '..');
const source = path.join(root, 'lessons');
const out = path.join(root, 'out', 'builtin-packs');

async function main(): Promise<number> {
  const folders = fs.existsSync(source)
    ? fs.readdirSync(source, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(source, e.name, 'manifest.json')))
    : [];
  fs.rmSync(out, { recursive: true, force: true });
  if (folders.length === 0) {
    process.stdout.write('built-in packs: no folders in lessons/, nothing to build\n');
    return 0;
  }
  const release = process.env.KITE_RELEASE_BUILD === '1';
  let key: PackSigningKey;
  try {
    key = release ? releaseKey() : devKey(root);
  } catch (error) {
    if (!(error instanceof SigningKeyError)) throw error;
    process.stderr.write(`built-in packs: ${error.message}\n`);
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  if (key.devPublicKey) fs.writeFileSync(path.join(out, DEV_PUBLIC_KEY_FILE), `${key.devPublicKey}\n`);
  let failed = 0;
  for (const folder of folders) {
    const dir = path.join(source, folder.name);
    const tmp = path.join(out, `${folder.name}.kpack`);
    try {
      const built = await buildPack(dir, tmp, { privateKeyPem: key.privateKeyPem });
      const final = path.join(out, `${built.manifest.id}-${built.manifest.version}.kpack`);
      fs.renameSync(tmp, final);
      process.stdout.write(`built-in pack ${path.relative(root, final)} (${built.manifest.lessons.length} lessons, ${Math.round(built.bytes / 1024)} KB, signed with the ${release ? 'release' : 'development'} key)\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`lessons/${folder.name}: ${error instanceof KiteError ? error.message : String(error)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
