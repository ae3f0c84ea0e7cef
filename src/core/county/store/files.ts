import type { Receipt } from '../../../shared/county/bundle';
import type { County } from './index';
import type { IngestBundle } from './ingest';

type Read = { bundle: IngestBundle } | { error: unknown };

/**
 * Ingest bundle files in turn (USB sticks, `kite county ingest`), each checked whole against the registered
 * schools (county.read), then ingested in its own transaction. The next file is read, verified
 * and made into COPY text and deltas while the database ingests the current one. Stops at the first refused
 * file (those before it are in, with their receipts).
 */
export async function* ingestFiles(county: County, files: string[]): AsyncGenerator<{ file: string; receipt: Receipt }> {
  const read = (file: string): Promise<Read> => county.read(file).then((bundle) => ({ bundle }), (error: unknown) => ({ error }));
  let next = files[0] === undefined ? undefined : read(files[0]);
  for (let i = 0; i < files.length; i++) {
    const current = (await next) as Read;
    next = files[i + 1] === undefined ? undefined : read(files[i + 1] as string);
    if ('error' in current) {
      await next; // nothing is left reading behind the error
      throw current.error;
    }
    yield { file: files[i] as string, receipt: await county.ingest(current.bundle) };
  }
}
