import type { Receipt, VerifiedBundle } from '../../../shared/county/bundle';
import { openCountyDb, type CountyDb, type CountyDbOptions } from './db';
import { countyKey, type CountyKey } from './key';
import { ingest, type PreparedBundle } from './ingest';
import { schoolsOf, type CountySchools } from './schools';

export type { CountyDb, CountyDbOptions, CountyQueries, Row } from './db';
export type { CountyKey } from './key';
export type { CountySchool, CountySchools } from './schools';

/** The county's store: its database, its key, the schools registry and ingest (schema.md). */
export interface County {
  db: CountyDb;
  key: CountyKey;
  schools: CountySchools;
  /** One verified bundle (or one prepared ahead) in, in one transaction; the signed receipt out. */
  ingest(bundle: VerifiedBundle | PreparedBundle): Promise<Receipt>;
  close(): Promise<void>;
}

/** Open the county data folder: its database (PGlite there, or `pg`), migrated, and its key (made on first start). */
export async function openCounty(options: CountyDbOptions): Promise<County> {
  const key = countyKey(options.dataDir);
  const db = await openCountyDb(options);
  return {
    db,
    key,
    schools: schoolsOf(db),
    ingest: (bundle) => ingest(db, key, bundle),
    close: () => db.close(),
  };
}
