import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, copyText, type CopyRows } from './copy';
import type { CountyDb, CountyQueries, Row } from './db';

// int8 (counts, sequence numbers) as numbers: they stay far below 2^53; date as 'YYYY-MM-DD', never a local-midnight Date.
const PARSERS: Record<number, (text: string) => unknown> = { 20: Number, 1082: (text) => text };
const types = { getTypeParser: (oid: number, format?: string) => PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text') };

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], rows: CopyRows): Promise<void> {
  await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
}

function queries(target: pg.Pool | pg.PoolClient): CountyQueries {
  return {
    async copy(table, columns, rows) {
      if (!(target instanceof pg.Pool)) return copyInto(target, table, columns, rows);
      const client = await target.connect();
      try {
        await copyInto(client, table, columns, rows);
      } finally {
        client.release();
      }
    },
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await target.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  };
}

/** A PostgreSQL server (15 or later) through a small pool. */
export async function openPg(url: string): Promise<CountyDb> {
  const pool = new pg.Pool({ connectionString: url, max: 4, types });
  // A server restart ends idle connections: the pool drops them; the next query connects again.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'pg',
    ...queries(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(queries(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
