import type Database from 'better-sqlite3';
import { createKv } from '../../db/kv';

const KEY = 'hub.clock.offsetMs';
/** Clocks closer than this to the hub's are left alone (network delay alone is smaller). */
export const CLOCK_TOLERANCE_MS = 2000;

/**
 * How far this PC's clock is from the hub's, learned from each push's answer and kept in the database
 * (a PC with a wrong clock usually keeps it wrong, so it holds after a restart with the hub away). The
 * core stamps new progress events with the clock plus this offset, so events from every PC of the room
 * order by one clock: a pupil who moves from a PC whose clock is hours slow to another is where they
 * really are in the summaries, and a reset on the hub counts for what came after it.
 */
export function createHubClock(db: Database.Database) {
  const kv = createKv(db);
  let offset = Number(kv.get(KEY) ?? 0) || 0;
  return {
    offset: (): number => offset,
    /** From one push: the hub's time when it answered, and this PC's own clock when it sent and when the answer came. */
    learn(hubTime: string, sentAtMs: number, receivedAtMs: number): void {
      const hub = Date.parse(hubTime);
      if (!Number.isFinite(hub) || receivedAtMs < sentAtMs) return;
      const measured = hub - (sentAtMs + receivedAtMs) / 2;
      const next = Math.abs(measured) < CLOCK_TOLERANCE_MS ? 0 : Math.round(measured);
      if (Math.abs(next - offset) < CLOCK_TOLERANCE_MS && (next === 0) === (offset === 0)) return;
      offset = next;
      kv.set(KEY, String(next));
    },
  };
}
export type HubClock = ReturnType<typeof createHubClock>;
