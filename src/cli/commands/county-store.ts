import fs from 'node:fs';
import path from 'node:path';
import { openCounty, type County } from '../../core/county/store';
import { ingestFiles } from '../../core/county/store/files';
import { writeFileAtomic } from '../../core/fs/atomic';
import { CliError, DATA_OPTION, dataDirFrom, parse } from '../command';
import { say } from '../lang';

export const PG_OPTION = { pg: { type: 'string' } } as const;
export const SCHOOL_USAGE = 'kite county school add KEY.pub --name "…" | kite county school remove KEYID [--yes] | kite county school list  [--pg URL] [--data DIR]';
export const INGEST_USAGE = 'kite county ingest FILE.kbundle… [--receipts DIR] [--pg URL] [--data DIR]  (writes FILE.kreceipt.json for the school beside each bundle, or in DIR)';

async function withCounty<T>(values: { data?: string; pg?: string }, work: (county: County) => Promise<T>): Promise<T> {
  const county = await openCounty({ dataDir: dataDirFrom(values.data), pg: values.pg });
  try {
    return await work(county);
  } finally {
    await county.close();
  }
}

/** `kite county school …`: the registry of schools by public key; removing one removes its data (privacy). */
export async function countySchool(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_OPTION, ...PG_OPTION, name: { type: 'string' }, yes: { type: 'boolean' } }, SCHOOL_USAGE);
  const [action, target, ...rest] = positionals;
  if (rest.length > 0 || !['add', 'remove', 'list'].includes(action ?? '')) throw new CliError(`${say('cli.countyStore.badAction')}\nusage: ${SCHOOL_USAGE}`);
  if (action === 'list') {
    const schools = await withCounty(values, (c) => c.schools.list());
    if (schools.length === 0) process.stdout.write(`${say('cli.countyStore.noSchools')}\n`);
    else {
      const rows = schools.map((s) => `  ${s.schoolId}  ${s.name}  ${s.events}  ${s.lastBundleAt?.toISOString() ?? say('cli.countyStore.never')}\n`);
      process.stdout.write(`${say('cli.countyStore.schoolsHeading', { count: schools.length })}\n${rows.join('')}`);
    }
    return 0;
  }
  if (!target) throw new CliError(`${say('cli.countyStore.needFile')}\nusage: ${SCHOOL_USAGE}`);
  if (action === 'add') {
    if (!values.name) throw new CliError(`${say('cli.countyStore.needName')}\nusage: ${SCHOOL_USAGE}`);
    if (!fs.existsSync(target)) throw new CliError(say('cli.countyStore.needFile'), `no file ${target}`);
    const school = await withCounty(values, (c) => c.schools.add(fs.readFileSync(target, 'utf8'), values.name as string));
    process.stdout.write(`${say('cli.countyStore.schoolAdded', { name: school.name, keyId: school.schoolId })}\n`);
    return 0;
  }
  return withCounty(values, async (c) => {
    const school = await c.schools.get(target);
    if (!school) return c.schools.remove(target).then(() => 1); // throws bundle_unknown_school, in the user's language
    if (!values.yes) {
      process.stderr.write(`${say('cli.countyStore.removeConfirm', { name: school.name, events: school.events })}\n`);
      return 1;
    }
    const { events } = await c.schools.remove(target);
    process.stdout.write(`${say('cli.countyStore.schoolRemoved', { name: school.name, events })}\n`);
    return 0;
  });
}

/** `kite county ingest FILE…`: bundles brought on USB, each checked whole and ingested in one transaction; a receipt file for each. */
export async function countyIngest(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_OPTION, ...PG_OPTION, receipts: { type: 'string' } }, INGEST_USAGE);
  if (positionals.length === 0) throw new CliError(`${say('cli.countyStore.needFile')}\nusage: ${INGEST_USAGE}`);
  return withCounty(values, async (county) => {
    for await (const { file, receipt } of ingestFiles(county, positionals)) {
      const out = path.join(values.receipts ?? path.dirname(file), `${path.basename(file).replace(/\.kbundle$/i, '')}.kreceipt.json`);
      if (values.receipts) fs.mkdirSync(values.receipts, { recursive: true });
      writeFileAtomic(out, JSON.stringify(receipt, null, 2) + '\n');
      process.stdout.write(`${say('cli.countyStore.ingested', { file, added: receipt.added, again: receipt.again, receipt: out })}\n`);
      for (const gap of receipt.gaps) process.stdout.write(`${say('cli.countyStore.gap', { ...gap })}\n`);
    }
    return 0;
  });
}
