import fs from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
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
  };
}

/** PGlite (PostgreSQL in WebAssembly) in a folder of its own: `npx kite county …` works with no server. */
export async function openPglite(dir: string): Promise<CountyDb> {
  fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, { parsers: PARSERS });
  return {
    kind: 'pglite',
    ...queries(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(queries(tx))),
    close: () => pglite.close(),
  };
}
