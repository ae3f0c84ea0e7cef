import fs from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { KiteError } from '../../../shared/errors';
import { lockHolder, takeAppLock } from '../../fs/owners';
import { copyStatement, copyText } from './copy';
import type { CountyDb, CountyQueries, Row } from './db';

const PARSERS = { 1082: (text: string) => text }; // date stays 'YYYY-MM-DD' (int8 is already a number in PGlite)

function queries(target: PGlite | Transaction): CountyQueries {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await target.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
    async copy(table, columns, rows) {
      await target.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([...copyText(rows)] as ConstructorParameters<typeof Blob>[0]) });
    },
  };
}

/**
 * PGlite (PostgreSQL in WebAssembly) in a folder of its own: `npx kite county …` works with no server.
 * One process at a time: PGlite has no server to share it, so a second process is refused while the
 * first lives (<dir>.lock holds its process id; a killed process's lock is stale and ignored).
 */
export async function openPglite(dir: string): Promise<CountyDb> {
  fs.mkdirSync(dir, { recursive: true });
  const lock = `${dir}.lock`;
  const holder = lockHolder(lock);
  if (holder !== undefined && holder !== process.pid) {
    throw new KiteError('county_db_busy', `Another county program (process ${holder}) is using the county database in ${dir}. Use the county server's upload page, or stop it first. Nothing was changed.`, { details: { pid: holder } });
  }
  const release = takeAppLock(lock);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir, { parsers: PARSERS });
  } catch (error) {
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    ...queries(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(queries(tx))),
    close: () => pglite.close().finally(release),
  };
}
