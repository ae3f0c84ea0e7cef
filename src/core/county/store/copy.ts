/**
 * Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes), joined into
 * chunks of about 64 KB: how ingest sends a bundle's rows in one round trip on PostgreSQL and PGlite.
 */
const SPECIAL = /[\\\t\n\r]/;
const escape = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const text = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
};

/** Rows already rendered as COPY text (ahead of time, while the database was busy with something else). */
export class CopyText {
  constructor(readonly chunks: readonly string[]) {}
}

/** Rows as COPY text chunks, rendered now, or as they were rendered ahead. */
export type CopyRows = Iterable<readonly unknown[]> | CopyText;

export function* copyText(rows: CopyRows): Generator<string> {
  if (rows instanceof CopyText) return yield* rows.chunks;
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(escape).join('\t') + '\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** `COPY table (a, b) FROM …`: names are ours (never input), checked anyway. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
