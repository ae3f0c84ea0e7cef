import type Database from 'better-sqlite3';
import type { EventBus } from '../../events';
import type { ProgressStore, StoredEvent } from '../../progress/store';
import type { HubClock } from './clock';
import { createIngest } from './ingest';
import { createOutbox } from './outbox';
import { startPushLoop, type PushLoop, type PushLoopOptions, type Send } from './push-loop';
import { createRosterSync } from './roster';

/**
 * Progress to the hub and one roster for the room, as plain functions over this PC's database: no
 * transport here (the room server and hub client carry them; see README.md in this folder).
 * - pupil PC: `pending`, `acknowledge`, `startPushLoop(send)`, `applyRoster(snapshot)`;
 * - hub: `ingest(deviceId, events)`, `rosterSnapshot()` / `rosterAnswer(version)`.
 */
export function createHubSync(db: Database.Database, store: ProgressStore, now: () => number = Date.now, clock?: HubClock, events?: EventBus) {
  const outbox = createOutbox(db, now);
  const ingestedListeners = new Set<(events: StoredEvent[]) => void>();
  const { ingest, deviceStats } = createIngest(db, store, now, (fresh) => {
    events?.emit('progress.changed', { pupilIds: [...new Set(fresh.map((e) => e.pupil_id))] });
    for (const listener of ingestedListeners) listener(fresh);
  });
  const roster = createRosterSync(db);
  const loops = new Set<PushLoop>();
  return {
    pending: outbox.pending,
    pendingCount: outbox.pendingCount,
    acknowledge: outbox.acknowledge,
    refused: outbox.refused,
    /** Start pushing this PC's events with `send` (one `events.push` call to the hub); stop it before closing the core. */
    startPushLoop(send: Send, options?: PushLoopOptions): PushLoop {
      const loop = startPushLoop(outbox, send, { now, ...options }, clock);
      loops.add(loop);
      return { ...loop, stop: () => (loops.delete(loop), loop.stop()) };
    },
    ingest,
    /** Hear the new events each push brought (after its commit), e.g. the live session's dashboard. */
    onIngested(listener: (events: StoredEvent[]) => void): () => void {
      ingestedListeners.add(listener);
      return () => ingestedListeners.delete(listener);
    },
    deviceStats,
    rosterSnapshot: roster.snapshot,
    rosterAnswer: roster.answer,
    applyRoster: roster.apply,
    pullRoster: (get: (version: string | null) => Promise<unknown>) => roster.pull(get),
    rosterVersion: roster.version,
    /** How far this PC's clock is from the hub's (ms; 0 within tolerance or before the first push). */
    clockOffsetMs: (): number => clock?.offset() ?? 0,
    /** Stop every push loop (the core calls it on close). */
    stopAll: async (): Promise<void> => {
      await Promise.all([...loops].map((loop) => loop.stop()));
      loops.clear();
    },
  };
}
export type HubSync = ReturnType<typeof createHubSync>;
