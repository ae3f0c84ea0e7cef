// Part of `npm run build`: every folder under lessons/ is an authoring pack; build each into
// out/builtin-packs/<id>-<version>.kpack, which the app installs on first start. An invalid pack
// fails the build with every problem listed. Signed when KITE_PACK_SIGNING_KEY names the
// release key file (kept off this repository); otherwise unsigned, which built-in packs may be.
import fs from 'node:fs';
import path from 'node:path';
import { buildPack } from '../src/core/packs/build';
import { KiteError } from '../src/shared/errors';

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
  fs.mkdirSync(out, { recursive: true });
  const keyFile = process.env.KITE_PACK_SIGNING_KEY;
  const privateKeyPem = keyFile ? fs.readFileSync(keyFile, 'utf8') : undefined;
  let failed = 0;
  for (const folder of folders) {
    const dir = path.join(source, folder.name);
    const tmp = path.join(out, `${folder.name}.kpack`);
    try {
      const built = await buildPack(dir, tmp, { privateKeyPem });
      const final = path.join(out, `${built.manifest.id}-${built.manifest.version}.kpack`);
      fs.renameSync(tmp, final);
      process.stdout.write(`built-in pack ${path.relative(root, final)} (${built.manifest.lessons.length} lessons, ${Math.round(built.bytes / 1024)} KB${built.signed ? ', signed' : ''})\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`lessons/${folder.name}: ${error instanceof KiteError ? error.message : String(error)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
