import type Database from 'better-sqlite3';
import type { CountyLink, MachineRole } from '../../../shared/config';
import { createKv } from '../../db/kv';
import type { Logger } from '../../log/logger';
import type { PublisherKey } from '../../packs/signing';
import { recordSent, UNACKNOWLEDGED } from './acknowledged';
import { loadSchoolIdentity, type SchoolIdentity } from './identity';
import { postBundle, startCountyPush, type CountyPush, type CountyPushOptions } from './push';
import { importReceipt, lastReceipt, type ReceiptResult } from './receipt';
import { bundleBytes, writeBundle, type BundleSummary } from './write';

export { readBundle, type BundleTrust } from './read';
export { signReceipt, receiptSignedBy, parseReceipt } from './receipt';
export { loadSchoolIdentity, publicKeyFile } from './identity';

export interface CountyLinkOptions {
  db: Database.Database;
  dataDir: string;
  /** Machine config `county` (may be absent: USB only). */
  config?: CountyLink;
  schoolName?: () => string | undefined;
  /** This PC's place in the classroom: a pupil PC never talks to the county (its hub does). */
  role?: () => MachineRole;
  log?: Logger;
  now?: () => number;
}

/**
 * A school's link to the county: bundles of what the county has not acknowledged (file or push),
 * receipts that move the acknowledged watermarks, and the school's public key for registering.
 */
export function createCountyLink({ db, dataDir, config, schoolName = () => undefined, role = () => 'standalone', log, now = Date.now }: CountyLinkOptions) {
  let identity: SchoolIdentity | undefined;
  const school = () => (identity ??= loadSchoolIdentity(dataDir, createKv(db)));
  const options = () => ({ schoolName: schoolName() || undefined, classNames: config?.sendClassNames === true, now });
  const pendingCount = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${UNACKNOWLEDGED}`);
  let push: CountyPush | undefined;

  const link = {
    /** The school's key (made on first use): its id is the school's id at the county. */
    publicKey: (): PublisherKey => school().publicKey,
    /** Write a .kbundle of every event the county has not acknowledged. */
    writeBundle: (out: string): Promise<BundleSummary> => writeBundle(db, school(), out, options()),
    /** Check a receipt (file text or pushed answer) and stop sending what it covers. */
    importReceipt: (receipt: string | unknown): ReceiptResult => importReceipt(db, school().publicKey.keyId, receipt, config?.publicKey),
    /** Events the county has not acknowledged yet. */
    pending: (): number => pendingCount.get()?.n ?? 0,
    lastReceipt: () => lastReceipt(db),
    /** One push: the bundle to {url}/api/bundles, the receipt imported. */
    async pushOnce(): Promise<ReceiptResult> {
      if (!config?.url) throw new Error('no county.url in the machine config');
      const { bytes, summary } = await bundleBytes(db, school(), options());
      const receipt = await postBundle(config, bytes);
      // Only now: a push that failed (county offline for weeks, one try an hour) leaves nothing behind.
      recordSent(db, summary.chain, summary.ranges, now());
      const result = link.importReceipt(receipt);
      log?.info('county push', { events: summary.events, chain: summary.chain, advanced: result.advanced, gaps: result.gaps.length });
      return result;
    },
    /** With county.url on a hub or standalone PC: push now and then every county.pushIntervalMinutes until stopped. */
    startPush(overrides: Partial<CountyPushOptions> = {}): CountyPush | undefined {
      if (!config?.url || push || role() === 'pupil-pc') return push;
      push = startCountyPush(
        async () => void (await link.pushOnce()),
        {
          intervalMs: (config.pushIntervalMinutes ?? 60) * 60_000,
          onError: (error, failures) => log?.warn('county push failed', { error: error instanceof Error ? error.message : String(error), failures }),
          ...overrides,
        },
        now,
      );
      return push;
    },
    pushStatus: () => push?.status() ?? null,
    stop(): void {
      push?.stop();
      push = undefined;
    },
  };
  return link;
}
export type CountyLinkService = ReturnType<typeof createCountyLink>;
