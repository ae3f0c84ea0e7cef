import path from 'node:path';
import type { CopyRows } from './copy';
import { migrateCounty } from './migrations';

/** A row as both drivers return it: int8 and counts as numbers, timestamptz as Date, date as 'YYYY-MM-DD'. */
export type Row = Record<string, unknown>;

/** What a query runs on: the database or an open transaction. Parameters are $1, $2… as in PostgreSQL. */
export interface CountyQueries {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /** Rows into a table with COPY (one round trip; constraint errors throw as for INSERT). */
  copy(table: string, columns: readonly string[], rows: CopyRows): Promise<void>;
}

/**
 * The county database: embedded PGlite in the data folder, or a PostgreSQL server (`--pg URL`). The
 * same SQL and the same migrations run on both (schema.md).
 */
export interface CountyDb extends CountyQueries {
  readonly kind: 'pglite' | 'pg';
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: CountyQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CountyDbOptions {
  /** The county data folder; PGlite keeps its database in <dataDir>/county-pg. */
  dataDir: string;
  /** A PostgreSQL connection string (postgres://user@host:port/db); without it, PGlite. */
  pg?: string;
}

export const PGLITE_DIR = 'county-pg';

/** Open the county database and bring it up to the newest migration. */
export async function openCountyDb(options: CountyDbOptions): Promise<CountyDb> {
  const db = options.pg ? await (await import('./pg')).openPg(options.pg) : await (await import('./pglite')).openPglite(path.join(options.dataDir, PGLITE_DIR));
  try {
    await migrateCounty(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
