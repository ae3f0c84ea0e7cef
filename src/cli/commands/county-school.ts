import fs from 'node:fs';
import type { Core } from '../../core';
import { publicKeyFile } from '../../core/county/bundle';
import { writeFileAtomic } from '../../core/fs/atomic';
import { CliError } from '../command';
import { say } from '../lang';

/** `kite progress bundle --out FILE.kbundle`: everything the county has not acknowledged. */
export async function writeCountyBundle(core: Core, out: string | undefined): Promise<void> {
  if (!out) throw new CliError(say('cli.county.needOut'));
  const summary = await core.county.writeBundle(out);
  process.stdout.write(`${say('cli.county.bundleWritten', { file: out, events: String(summary.events), pupils: String(summary.pupils), keyId: core.county.publicKey().keyId })}\n`);
  if (summary.events === 0) process.stdout.write(`${say('cli.county.nothingNew')}\n`);
}

/** `kite progress receipt FILE`: check the county's receipt and stop sending what it covers. */
export function importCountyReceipt(core: Core, file: string | undefined): void {
  if (!file) throw new CliError(say('cli.county.needReceipt'));
  if (!fs.existsSync(file)) throw new CliError(`there is no file ${file}.`);
  const result = core.county.importReceipt(fs.readFileSync(file, 'utf8'));
  process.stdout.write(`${say('cli.county.receiptImported', { keyId: result.countyKeyId, advanced: String(result.advanced), pending: String(core.county.pending()) })}\n`);
  if (result.pinned) process.stdout.write(`${say('cli.county.pinned', { keyId: result.countyKeyId })}\n`);
  if (result.gaps.length > 0) {
    const ranges = result.gaps.map((g) => `${g.deviceId.slice(0, 8)} ${g.from}–${g.to}`).join(', ');
    process.stdout.write(`${say('cli.county.gaps', { count: String(result.gaps.length), ranges })}\n`);
  }
}

/** `kite progress school-key --out KEY.pub`: the school's public key for "kite county school add". */
export function writeSchoolKey(core: Core, out: string | undefined): void {
  const key = core.county.publicKey();
  if (!out) {
    process.stdout.write(publicKeyFile(key));
    return;
  }
  writeFileAtomic(out, publicKeyFile(key));
  process.stdout.write(`${say('cli.county.keyWritten', { file: out, keyId: key.keyId })}\n`);
}
