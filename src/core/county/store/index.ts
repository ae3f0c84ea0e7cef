import type { Receipt } from '../../../shared/county/bundle';
import { openCountyDb, type CountyDb, type CountyDbOptions } from './db';
import { countyKey, type CountyKey } from './key';
import type { Readable } from 'node:stream';
import { ingest, readForIngest, type IngestBundle } from './ingest';
import { schoolsOf, type CountySchools } from './schools';

export type { CountyDb, CountyDbOptions, CountyQueries, Row } from './db';
export type { CountyKey } from './key';
export type { CountySchool, CountySchools } from './schools';

/** The county's store: its database, its key, the schools registry and ingest (schema.md). */
export interface County {
  db: CountyDb;
  key: CountyKey;
  schools: CountySchools;
  /** Read a bundle (a file, its bytes or a stream) and verify it whole against the registered schools. */
  read(input: string | Buffer | Readable): Promise<IngestBundle>;
  /** One verified bundle in, in one transaction; the signed receipt out. */
  ingest(bundle: IngestBundle): Promise<Receipt>;
  close(): Promise<void>;
}

/** Open the county data folder: its database (PGlite there, or `pg`), migrated, and its key (made on first start). */
export async function openCounty(options: CountyDbOptions): Promise<County> {
  const key = countyKey(options.dataDir);
  const db = await openCountyDb(options);
  const schools = schoolsOf(db);
  return {
    db,
    key,
    schools,
    read: (input) => readForIngest(input, (keyId) => schools.trust(keyId)),
    ingest: (bundle) => ingest(db, key, bundle),
    close: () => db.close(),
  };
}
