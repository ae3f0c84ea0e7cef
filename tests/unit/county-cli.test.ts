import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReceipt, receiptSignedBy } from '../../src/core/county/bundle/receipt';
import { countyKey } from '../../src/core/county/store/key';
import { cut, simEvents, simSchool, writeSimBundle } from '../../bench/county-sim';
import { kiteProcess } from '../support/cli';
import { tempDir } from '../support/temp';

const kite = (args: string[]) => kiteProcess(['--lang', 'en', ...args]);

describe('kite county school / ingest (PGlite in the data folder)', () => {
  it('registers a school by its public key, ingests its USB bundles with receipts, and removes it only with --yes', async () => {
    const data = tempDir('kite-county-cli-');
    const school = simSchool(0, 6);
    const [first, second] = cut(simEvents(school, { lessons: 2, attempts: 3 }), 2);
    const keyFile = path.join(data, 'school.pub');
    fs.writeFileSync(keyFile, `${school.key.publicKey}\n`);
    const usb = path.join(data, 'usb');
    await writeSimBundle(path.join(usb, 'one.kbundle'), school, { events: first ?? [] });
    await writeSimBundle(path.join(usb, 'two.kbundle'), school, { events: second ?? [] });

    // Before the school is registered its bundle is refused, with the key it came from.
    const refused = await kite(['county', 'ingest', path.join(usb, 'one.kbundle'), '--data', data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(school.key.keyId);

    const added = await kite(['county', 'school', 'add', keyFile, '--name', 'Hillside Primary', '--data', data]);
    expect(added.stdout).toContain(`Registered "Hillside Primary" (key ${school.key.keyId})`);

    const ingested = await kite(['county', 'ingest', path.join(usb, 'one.kbundle'), path.join(usb, 'two.kbundle'), '--data', data]);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout).toContain(`${first?.length} new events, 0 already here`);
    const receipt = parseReceipt(fs.readFileSync(path.join(usb, 'two.kreceipt.json'), 'utf8'));
    expect(receiptSignedBy(receipt, countyKey(data))).toBe(true);
    expect(receipt).toMatchObject({ schoolKeyId: school.key.keyId, added: second?.length, gaps: [] });
    expect(fs.statSync(path.join(data, 'county-key.pem')).mode & 0o777).toBe(0o600);

    const list = await kite(['county', 'school', 'list', '--data', data]);
    expect(list.stdout).toContain(`${school.key.keyId}  Hillside Primary  ${(first?.length ?? 0) + (second?.length ?? 0)}`);

    const unsure = await kite(['county', 'school', 'remove', school.key.keyId, '--data', data]);
    expect(unsure.code).toBe(1);
    expect(unsure.stderr).toContain('--yes');
    const removed = await kite(['county', 'school', 'remove', school.key.keyId, '--yes', '--data', data]);
    expect(removed.stdout).toContain('Removed "Hillside Primary"');
  }, 120_000);
});
