// Child process for the county kill test: opens the county (PGlite in DATA, or --pg URL), says
// "ingesting", ingests the bundle file, says "done". The parent kills it with -9 in between.
import fs from 'node:fs';
import { openCounty } from '../../src/core/county/store';

const [dataDir, file, pg] = process.argv.slice(2) as [string, string, string | undefined];
const county = await openCounty({ dataDir, pg: pg || undefined });
const bundle = await county.read(file);
fs.writeSync(1, 'ingesting\n');
await county.ingest(bundle);
fs.writeSync(1, 'done\n');
await county.close();
