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
 * seq order): nothing is copied. What the hub has taken or refused is kept per event in hub_outbox_done
 * and folded into one watermark (kv 'hub.outbox.through') as soon as every event up to it is answered, so
 * the table stays small and `pending` starts from the watermark; refused events keep their row (with the
 * reason) and come back as 'retry' at the next start. All of it is in SQLite with synchronous=FULL: a
 * restart or a power cut loses no acknowledgement and resends only what was not acknowledged.
 */
export function createOutbox(db: Database.Database, now: () => number = Date.now) {
  const kv = createKv(db);
  const through = () => Number(kv.get(THROUGH) ?? 0);
  const columns = EVENT_COLUMNS.map((c) => 'e.' + c).join(', ');
  const fresh = 'FROM progress_events e WHERE e.seq > @through AND NOT EXISTS (SELECT 1 FROM hub_outbox_done d WHERE d.seq = e.seq)';
  const retry = "FROM progress_events e JOIN hub_outbox_done d ON d.seq = e.seq WHERE d.state = 'retry'";
  const pendingRows = db.prepare<{ through: number; limit: number }, StoredEvent & { seq: number }>(
    `SELECT e.seq, ${columns} ${fresh} UNION ALL SELECT e.seq, ${columns} ${retry} ORDER BY seq LIMIT @limit`,
  );
  const pendingCount = db.prepare<{ through: number }, { n: number }>(`SELECT (SELECT count(*) ${fresh}) + (SELECT count(*) ${retry}) AS n`);
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM progress_events WHERE id = ?');
  const mark = db.prepare<[number, string, string | null, string]>(
    `INSERT INTO hub_outbox_done (seq, state, reason, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (seq) DO UPDATE SET state = excluded.state, reason = excluded.reason, at = excluded.at WHERE hub_outbox_done.state != 'acked'`,
  );
  const firstUnanswered = db.prepare<[number], { seq: number | null }>(
    'SELECT min(e.seq) AS seq FROM progress_events e WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM hub_outbox_done d WHERE d.seq = e.seq)',
  );
  const rowOf = db.prepare<[number], { state: string }>('SELECT state FROM hub_outbox_done WHERE seq = ?');
  const lastSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM progress_events');
  const dropAckedBelow = db.prepare<[number]>("DELETE FROM hub_outbox_done WHERE seq <= ? AND state = 'acked'");
  const refusedRows = db.prepare<[], Refusal>(
    `SELECT e.id, d.reason FROM hub_outbox_done d JOIN progress_events e ON e.seq = d.seq WHERE d.state = 'refused' ORDER BY d.seq`,
  );
  const retryAll = db.prepare("UPDATE hub_outbox_done SET state = 'retry' WHERE state = 'refused'");

  /** Move the watermark over every answered event right above it, and forget the acknowledged ones' rows. */
  function fold(): void {
    const from = through();
    const gap = firstUnanswered.get(from)?.seq;
    const next = gap === null || gap === undefined ? (lastSeq.get()?.seq ?? from) : gap - 1;
    if (next > from) kv.set(THROUGH, String(next));
    dropAckedBelow.run(Math.max(next, from));
  }

  const record = db.transaction((ids: readonly string[], state: 'acked' | 'refused', reasons?: ReadonlyMap<string, string>) => {
    const at = new Date(now()).toISOString();
    let n = 0;
    for (const id of new Set(ids)) {
      const seq = seqOf.get(id)?.seq;
      // At or below the watermark without a row of its own: acknowledged long ago, and stays so.
      if (seq === undefined || (seq <= through() && !rowOf.get(seq))) continue;
      n += mark.run(seq, state, reasons?.get(id) ?? null, at).changes;
    }
    fold();
    return n;
  });

  return {
    /** Up to `limit` events the hub has not taken (nor refused), oldest first: the order they were stored in here. */
    pending: (limit = 200): StoredEvent[] => pendingRows.all({ through: through(), limit }).map(({ seq: _seq, ...event }) => event),
    /** How many events wait for the hub. */
    pendingCount: (): number => pendingCount.get({ through: through() })?.n ?? 0,
    /** The hub has these events (ids it did not get from here are ignored); returns how many were newly marked. */
    acknowledge: (ids: readonly string[]): number => record(ids, 'acked'),
    /** The hub refused these: they wait, out of the way, until `retryRefused` (each start of the push loop). */
    refuse: (refusals: readonly Refusal[]): number => {
      const withId = refusals.filter((r): r is { id: string; reason: string } => r.id !== null);
      return record(withId.map((r) => r.id), 'refused', new Map(withId.map((r) => [r.id, r.reason])));
    },
    refused: (): Refusal[] => refusedRows.all(),
    /** Put refused events back in the queue (the hub may know their pupil by now). */
    retryRefused: (): number => retryAll.run().changes,
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
