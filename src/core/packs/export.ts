import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { Manifest } from '../../shared/pack';
import { MTIME, STORED, writeZipAtomic } from './build';

/**
 * Pack an installed version back into a .kpack: the exact manifest.json and signature.json bytes
 * it was installed with (so the publisher's signature still holds) and every file the manifest
 * lists, in a fixed order with a fixed timestamp, so the same installed version always gives the
 * same bytes (and the same SHA-256). Used by the hub to send a pack to the room.
 */
export async function exportInstalledPack(dir: string, outFile: string): Promise<Manifest> {
  const manifestBytes = fs.readFileSync(path.join(dir, 'manifest.json'));
  const manifest = Manifest.parse(JSON.parse(manifestBytes.toString('utf8')));
  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, 'manifest.json', { mtime: MTIME });
  const signature = path.join(dir, 'signature.json');
  if (fs.existsSync(signature)) zip.addBuffer(fs.readFileSync(signature), 'signature.json', { mtime: MTIME });
  for (const file of [...manifest.files].sort((a, b) => a.path.localeCompare(b.path))) {
    zip.addFile(path.join(dir, ...file.path.split('/')), file.path, { mtime: MTIME, compress: !STORED.test(file.path) });
  }
  // A file gone meanwhile (the pack uninstalled) fails the export, not the process.
  await writeZipAtomic(outFile, zip);
  return manifest;
}
