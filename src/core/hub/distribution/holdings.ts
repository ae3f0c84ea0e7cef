import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { PcHoldings, PcTransfer } from '../../../shared/contract/hub-content';
import { createKv } from '../../db/kv';
import type { RoomDevice } from '../../../shared/contract/hub';

const PREFIX = 'hub.content.pc:';
const Sha256 = z.string().regex(/^[a-f0-9]{64}$/);
const ErrorPayloadSchema = z.object({ code: z.string().max(60), message: z.string().max(2000), details: z.record(z.string(), z.unknown()).optional() });

/** What a pupil PC tells the hub it has: its installed packs, its gallery and its downloads. */
export const HoldingsReport = z
  .object({
    packs: z.array(z.object({ id: z.string().max(200), version: z.string().max(50), title: z.string().max(300) }).strict()).max(1000),
    media: z.array(z.object({ sha256: Sha256, title: z.string().max(300) }).strict()).max(10_000),
    transfers: z
      .array(
        z
          .object({
            sha256: Sha256,
            name: z.string().max(300),
            kind: z.enum(['pack', 'media']),
            status: z.enum(['queued', 'downloading', 'failed']),
            bytesDone: z.number().nonnegative(),
            bytesTotal: z.number().nonnegative(),
            error: ErrorPayloadSchema.optional(),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict();
export type HoldingsReport = z.infer<typeof HoldingsReport>;

/**
 * The hub's record of each pupil PC's holdings, the last report of each (kept in SQLite, so the
 * teacher still sees the room after restarting the hub), joined with the device list.
 */
export function createHoldings(db: Database.Database, now: () => number) {
  const kv = createKv(db);
  return {
    record(deviceId: string, report: HoldingsReport): void {
      kv.set(PREFIX + deviceId, JSON.stringify({ ...report, reportedAt: new Date(now()).toISOString() }));
    },
    /** One row per paired device, in the device list's order. */
    view(devices: RoomDevice[], online: Set<string>): PcHoldings[] {
      return devices.map((device) => {
        const stored = kv.get(PREFIX + device.id);
        const report = stored ? (JSON.parse(stored) as HoldingsReport & { reportedAt: string }) : undefined;
        return {
          deviceId: device.id,
          name: device.name,
          online: online.has(device.id),
          reportedAt: report?.reportedAt ?? null,
          packs: report?.packs ?? [],
          media: report?.media ?? [],
          transfers: (report?.transfers ?? []) as PcTransfer[],
        };
      });
    },
  };
}
