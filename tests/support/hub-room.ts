import type Database from 'better-sqlite3';
import type { HubSync } from '../../src/core/hub/sync';
import type { Send } from '../../src/core/hub/sync/push-loop';
import { progressSetup } from './progress';

/** A deterministic random source (mulberry32), so a chaos run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What goes over the wire: JSON both ways, as the room server would carry it. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface ChaosStats {
  calls: number;
  failed: number;
  answersLost: number;
  duplicated: number;
  heldBack: number;
  shuffled: number;
}

/**
 * A `send` to the hub's ingest through a bad network: the first `failFirst` pushes fail outright; then,
 * at random, pushes fail, batches arrive shuffled, a batch is held back and delivered only after a later
 * one (reordering across batches), a batch arrives twice, and the hub's answer is lost after it stored
 * the events. `offline()` makes every push fail until `online()`.
 */
export function chaosSend(hub: HubSync, deviceId: string, seed: number, { failFirst = 0, rate = 0.2 } = {}) {
  const random = seeded(seed);
  const stats: ChaosStats = { calls: 0, failed: 0, answersLost: 0, duplicated: 0, heldBack: 0, shuffled: 0 };
  let held: unknown[] | null = null;
  let isOffline = false;
  const send: Send = async (events, { sentAt }) => {
    stats.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (isOffline || stats.calls <= failFirst || random() < rate / 2) {
      stats.failed += 1;
      throw new Error('hub_unreachable');
    }
    const batch = wire(events) as unknown[];
    if (batch.length > 1 && random() < 0.5) {
      batch.reverse();
      stats.shuffled += 1;
    }
    if (held === null && random() < rate) {
      held = batch; // in flight for a long time: the PC gives up and resends; this copy arrives later
      stats.heldBack += 1;
      throw new Error('timed out');
    }
    const answer = hub.ingest(deviceId, batch, sentAt);
    if (held !== null) {
      hub.ingest(deviceId, held);
      held = null;
    }
    if (random() < rate) {
      hub.ingest(deviceId, batch);
      stats.duplicated += 1;
    }
    if (random() < rate) {
      stats.answersLost += 1;
      throw new Error('connection reset');
    }
    return wire(answer);
  };
  return { send, stats, offline: () => void (isOffline = true), online: () => void (isOffline = false), flush: () => held && (hub.ingest(deviceId, held), (held = null)) };
}

/** Fast timings for tests: small batches, short waits. */
export const QUICK = { batchSize: 4, idleMs: 10, baseDelayMs: 5, maxDelayMs: 40 } as const;

/** A hub with a class of pupils, and pupil PCs that took its roster. */
export async function room(pcCount: number, clocks: ((() => number) | undefined)[] = []) {
  const hub = progressSetup();
  const cls = await hub.teacher('classes.create', { name: '四年级一班', grade: 4 });
  const names = ['小明', '小红', '小刚', '小丽', '小军', '小芳'];
  const pupils = [];
  for (const name of names) pupils.push(await hub.teacher('pupils.add', { classId: cls.id, name }));
  const pcs = Array.from({ length: pcCount }, (_, i) => progressSetup(undefined, clocks[i]));
  for (const pc of pcs) pc.core.hubSync.applyRoster(wire(hub.core.hubSync.rosterSnapshot()));
  return { hub, cls, pupils, pcs };
}

export const eventIds = (db: Database.Database): string[] => (db.prepare('SELECT id FROM progress_events ORDER BY id').pluck().all() as string[]);

/** Every lesson summary in a database, in a stable order (for comparing two PCs field by field). */
export const summaries = (db: Database.Database) => db.prepare('SELECT * FROM lesson_summaries ORDER BY pupil_id, pack_id, lesson_id').all();
