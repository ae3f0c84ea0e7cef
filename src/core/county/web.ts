import path from 'node:path';
import { loadDashboard } from './dashboard';
import { loadLessonNames } from './lesson-names';
import { startCountyServer, type RunningCountyServer } from './server';
import type { County } from './store';
import { createViewers } from './viewers';
import type { Logger } from '../log/logger';

export interface ServeCountyOptions {
  county: County;
  dataDir: string;
  port: number;
  host?: string;
  /** The app's built-in lesson packs: the county shows their lesson titles and questions. */
  packsDir: string;
  log: Logger;
}

/** `kite county serve`: the county's store behind its HTTPS server (push, upload page, dashboard). */
export async function serveCounty(options: ServeCountyOptions): Promise<RunningCountyServer & { viewers: number }> {
  const { county, log } = options;
  const names = await loadLessonNames(options.packsDir, path.join(options.dataDir, 'tmp'), log);
  const viewers = createViewers(county.db);
  await viewers.sweep();
  const server = await startCountyServer({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    log,
    viewers,
    async ingest(bytes) {
      // Verified whole (chain, signature, registered key) before anything is written.
      const receipt = await county.ingest(await county.read(bytes));
      log.info('a bundle was ingested', { school: receipt.schoolKeyId, added: receipt.added, again: receipt.again, gaps: receipt.gaps.length });
      const school = await county.schools.get(receipt.schoolKeyId);
      return { receipt, schoolName: school?.name ?? receipt.schoolKeyId };
    },
    dashboard: (lang) => loadDashboard(county.db, lang, names),
  });
  return { ...server, viewers: (await viewers.list()).length };
}
