import type Database from 'better-sqlite3';
import { z } from 'zod';
import { EventLine } from '../../../shared/progress-event';
import type { ProgressStore, StoredEvent } from '../../progress/store';
import type { Refusal } from './outbox';

/** Events in one push: a pupil PC sends at most this many (its batch size is smaller). */
export const MAX_PUSH_EVENTS = 1000;

/** The `events.push` room route's input: the events as in a progress file, without the file's `t`. */
export const PushInput = z.object({ events: z.array(z.unknown()).max(MAX_PUSH_EVENTS), sentAt: z.string().datetime().optional() }).strict();
export type PushInput = z.infer<typeof PushInput>;

export interface IngestResult {
  /** Every event the hub now holds: new ones and ones it had already (acknowledged again). */
  acked: string[];
  /** Events refused, with the progress file's reason ('damaged', 'unknown_pupil'): nothing of them was stored. */
  refused: Refusal[];
  /** The hub's clock, so a pupil PC whose clock is off stamps its next events by the hub's (clock.ts). */
  hubTime: string;
}

export interface DeviceSyncStats {
  deviceId: string;
  pushes: number;
  eventsAdded: number;
  eventsAgain: number;
  eventsRefused: number;
  /** The pupil PC's clock minus the hub's, from its last push (null when it did not say). */
  clockSkewMs: number | null;
  lastPushAt: string;
}

const idOf = (raw: unknown): string | null => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
};

/**
 * The hub's side: take a pupil PC's pushed events. Each is checked with the progress file's own event
 * schema (shared/progress-event.ts EventLine: one event format for USB, hub and county) and must name a pupil the hub
 * knows; a bad one is refused with its reason and the good ones are kept. One transaction: the good
 * events are stored (append-only, keyed by their global id, so a duplicate is ignored and acknowledged
 * again) and each counted into its pupil × lesson summary by the same code as local answers and USB
 * merges (store.insertEvents → summary.addEvent), whose result does not depend on the order events
 * arrive in. Nothing is acknowledged before it is committed (WAL, synchronous=FULL).
 */
export function createIngest(db: Database.Database, store: ProgressStore, now: () => number = Date.now, onAdded?: (events: StoredEvent[]) => void) {
  const hasEvent = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM progress_events WHERE id = ?');
  const hasPupil = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM pupils WHERE id = ?');
  const bump = db.prepare(
    `INSERT INTO hub_sync_devices (device_id, pushes, events_added, events_again, events_refused, clock_skew_ms, last_push_at)
     VALUES (@deviceId, 1, @added, @again, @refused, @skew, @at)
     ON CONFLICT (device_id) DO UPDATE SET pushes = pushes + 1, events_added = events_added + @added, events_again = events_again + @again,
       events_refused = events_refused + @refused, clock_skew_ms = coalesce(@skew, clock_skew_ms), last_push_at = @at`,
  );
  const statsRows = db.prepare<[], DeviceSyncStats>(
    `SELECT device_id AS deviceId, pushes, events_added AS eventsAdded, events_again AS eventsAgain, events_refused AS eventsRefused,
       clock_skew_ms AS clockSkewMs, last_push_at AS lastPushAt FROM hub_sync_devices ORDER BY last_push_at DESC`,
  );

  const ingest = db.transaction((deviceId: string, events: readonly unknown[], sentAt?: string): { result: IngestResult; fresh: StoredEvent[] } => {
    const acked: string[] = [];
    const refused: Refusal[] = [];
    const fresh: StoredEvent[] = [];
    const seen = new Set<string>();
    for (const raw of events) {
      const parsed = EventLine.safeParse(raw !== null && typeof raw === 'object' ? { t: 'event', ...raw } : raw);
      if (!parsed.success) {
        refused.push({ id: idOf(raw), reason: 'damaged' });
        continue;
      }
      const { t: _t, ...event } = parsed.data;
      if (seen.has(event.id) || hasEvent.get(event.id)) {
        // Already here (an earlier push whose answer was lost, a USB merge): acknowledged again.
        if (!seen.has(event.id)) acked.push(event.id);
        seen.add(event.id);
        continue;
      }
      if (!hasPupil.get(event.pupil_id)) {
        refused.push({ id: event.id, reason: 'unknown_pupil' });
        continue;
      }
      seen.add(event.id);
      fresh.push(event);
    }
    const added = store.insertEvents(fresh);
    acked.push(...fresh.map((e) => e.id));
    const at = now();
    const skew = sentAt ? Date.parse(sentAt) - at : null;
    bump.run({ deviceId, added, again: acked.length - added, refused: refused.length, skew: skew !== null && Number.isFinite(skew) ? skew : null, at: new Date(at).toISOString() });
    return { result: { acked, refused, hubTime: new Date(at).toISOString() }, fresh };
  });

  return {
    /** Take one push from a pupil PC (`deviceId` is the paired device that sent it; each event still names the PC it was recorded on). */
    ingest(deviceId: string, events: readonly unknown[], sentAt?: string): IngestResult {
      const { result, fresh } = ingest(deviceId, events, sentAt);
      if (fresh.length > 0) onAdded?.(fresh); // after the commit
      return result;
    },
    /** What each pupil PC has pushed, for the room's device list (e.g. "this PC's clock is 5 hours off"). */
    deviceStats: (): DeviceSyncStats[] => statsRows.all(),
  };
}
export type Ingest = ReturnType<typeof createIngest>;
