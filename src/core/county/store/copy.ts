/**
 * Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes), joined into
 * chunks of about 64 KB: how ingest sends a bundle's rows in one round trip on PostgreSQL and PGlite.
 */
const SPECIAL = /[\\\t\n\r]/;
export const copyValue = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const text = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
};

/** One row as a line of COPY text. */
export const copyLine = (row: readonly unknown[]): string => row.map(copyValue).join('\t') + '\n';

const CHUNK = 65_536;

/**
 * Rows already rendered as COPY text (while a bundle was read). Each full chunk is kept as a Buffer:
 * outside the JavaScript heap, so a bundle's rows waiting for the database do not make the heap grow.
 */
export class CopyText {
  private readonly done: Buffer[] = [];
  private chunk = '';

  add(row: readonly unknown[]): void {
    this.addLine(copyLine(row));
  }

  /** A row already made into a line (copyLine, or a faster equivalent for one table). */
  addLine(line: string): void {
    this.chunk += line;
    if (this.chunk.length >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.chunk) this.done.push(Buffer.from(this.chunk, 'utf8'));
    this.chunk = '';
  }

  /** The text so far, as chunks. */
  buffers(): readonly Buffer[] {
    this.flush();
    return this.done;
  }
}

/** Rows as COPY text chunks, rendered now, or as they were rendered while read. */
export type CopyRows = Iterable<readonly unknown[]> | CopyText;

export function* copyText(rows: CopyRows): Generator<string | Buffer> {
  if (rows instanceof CopyText) return yield* rows.buffers();
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const UNESCAPE: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** The rows of COPY text back as values (`\N` → null): the inverse of copyText. */
export function* rowsOf(text: CopyText): Generator<(string | null)[]> {
  for (const chunk of text.buffers()) {
    const lines = chunk.toString('utf8').split('\n');
    lines.pop(); // every line ends with '\n'
    for (const line of lines) yield line.split('\t').map((v) => (v === '\\N' ? null : v.replace(/\\(.)/g, (_, c: string) => UNESCAPE[c] ?? c)));
  }
}

/** `COPY table (a, b) FROM …`: names are ours (never input), checked anyway. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
