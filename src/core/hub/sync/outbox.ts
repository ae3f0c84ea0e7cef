import type Database from 'better-sqlite3';
import { createKv } from '../../db/kv';
import { EVENT_COLUMNS, type StoredEvent } from '../../progress/store';

const THROUGH = 'hub.outbox.through';

/** Why the hub refused one pushed event (the progress file's reasons, so the UI says them the same way). */
export interface Refusal {
  id: string | null;
  reason: string;
}

/**
 * The pupil PC's side of pushing progress to the hub. The outbox is progress_events itself (append-only,
 * seq order): nothing is copied. What the hub has taken is kept per event in hub_outbox_done and folded
 * into one watermark (kv 'hub.outbox.through') as soon as every event up to it is acknowledged, so the
 * table stays small and `pending` starts from the watermark. All of it is in SQLite with synchronous=FULL:
 * a restart or a power cut loses no acknowledgement and resends only what was not acknowledged.
 */
export function createOutbox(db: Database.Database, now: () => number = Date.now) {
  const kv = createKv(db);
  const through = () => Number(kv.get(THROUGH) ?? 0);
  const pendingRows = db.prepare<[number, number], StoredEvent>(
    `SELECT ${EVENT_COLUMNS.map((c) => 'e.' + c).join(', ')} FROM progress_events e
     WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM hub_outbox_done d WHERE d.seq = e.seq) ORDER BY e.seq LIMIT ?`,
  );
  const pendingCount = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM progress_events e WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM hub_outbox_done d WHERE d.seq = e.seq)',
  );
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM progress_events WHERE id = ?');
  const mark = db.prepare<[number, string, string | null, string]>(
    `INSERT INTO hub_outbox_done (seq, state, reason, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (seq) DO UPDATE SET state = excluded.state, reason = excluded.reason, at = excluded.at WHERE hub_outbox_done.state != 'acked'`,
  );
  const firstNotAcked = db.prepare<[number], { seq: number | null }>(
    `SELECT min(e.seq) AS seq FROM progress_events e
     WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM hub_outbox_done d WHERE d.seq = e.seq AND d.state = 'acked')`,
  );
  const lastSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM progress_events');
  const dropBelow = db.prepare<[number]>('DELETE FROM hub_outbox_done WHERE seq <= ?');
  const refusedRows = db.prepare<[], Refusal>(
    `SELECT e.id, d.reason FROM hub_outbox_done d JOIN progress_events e ON e.seq = d.seq WHERE d.state = 'refused' ORDER BY d.seq`,
  );
  const forgetRefused = db.prepare("DELETE FROM hub_outbox_done WHERE state = 'refused'");

  /** Move the watermark over every acknowledged event right above it, and forget their rows. */
  function fold(): void {
    const from = through();
    const gap = firstNotAcked.get(from)?.seq;
    const next = gap === null || gap === undefined ? (lastSeq.get()?.seq ?? from) : gap - 1;
    if (next <= from) return;
    kv.set(THROUGH, String(next));
    dropBelow.run(next);
  }

  const record = db.transaction((ids: readonly string[], state: 'acked' | 'refused', reasons?: ReadonlyMap<string, string>) => {
    const at = new Date(now()).toISOString();
    let n = 0;
    for (const id of new Set(ids)) {
      const seq = seqOf.get(id)?.seq;
      if (seq === undefined || (state === 'acked' && seq <= through())) continue;
      n += mark.run(seq, state, reasons?.get(id) ?? null, at).changes;
    }
    if (state === 'acked') fold();
    return n;
  });

  return {
    /** Up to `limit` events the hub has not taken (nor refused), oldest first: the order they were stored in here. */
    pending: (limit = 200): StoredEvent[] => pendingRows.all(through(), limit),
    /** How many events wait for the hub. */
    pendingCount: (): number => pendingCount.get(through())?.n ?? 0,
    /** The hub has these events (ids it did not get from here are ignored); returns how many were newly marked. */
    acknowledge: (ids: readonly string[]): number => record(ids, 'acked'),
    /** The hub refused these: they wait, out of the way, until `retryRefused` (each start of the push loop). */
    refuse: (refusals: readonly Refusal[]): number => {
      const withId = refusals.filter((r): r is { id: string; reason: string } => r.id !== null);
      return record(withId.map((r) => r.id), 'refused', new Map(withId.map((r) => [r.id, r.reason])));
    },
    refused: (): Refusal[] => refusedRows.all(),
    /** Put refused events back in the queue (the hub may know their pupil by now). */
    retryRefused: (): number => forgetRefused.run().changes,
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
