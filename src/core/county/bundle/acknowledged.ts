import type Database from 'better-sqlite3';
import type { SeqRange } from '../../../shared/county/bundle';
import { mergeSpans, type Span } from '../store/ranges';

/**
 * The events (alias e) the county has not acknowledged: above their device's watermark, and in no range
 * a receipt confirmed held above it. A hole the school can never fill (a pupil PC that died before it
 * passed its events on) stops the watermark for good; without the held ranges every later bundle
 * would carry everything past the hole again.
 */
export const UNACKNOWLEDGED = `progress_events e LEFT JOIN county_watermarks w ON w.device_id = e.device_id
  WHERE e.device_seq > coalesce(w.through, 0)
    AND NOT EXISTS (SELECT 1 FROM county_held h WHERE h.device_id = e.device_id AND e.device_seq BETWEEN h.from_seq AND h.to_seq)`;

/** A bundle whose receipt never came back (lost on a USB stick) is forgotten after this long; its events go again anyway. */
const KEEP_SENT_MS = 90 * 24 * 3600_000;

/** Remember what a bundle carried (by its chain), until its receipt says the county holds it. */
export function recordSent(db: Database.Database, chain: string, ranges: readonly SeqRange[], now: number): void {
  const insert = db.prepare('INSERT INTO county_sent (chain, device_id, from_seq, to_seq, at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM county_sent WHERE at < ? OR chain = ?').run(new Date(now - KEEP_SENT_MS).toISOString(), chain);
    for (const r of ranges) insert.run(chain, r.deviceId, r.from, r.to, new Date(now).toISOString());
  })();
}

/**
 * The receipt for bundle `chain` came back, so the county holds all it carried (a bundle is ingested
 * whole or not at all). Keep, per device, what is held above the watermark. Call inside the receipt's
 * transaction, after the watermarks moved.
 */
export function markHeld(db: Database.Database, chain: string): void {
  const sent = db.prepare<[string], { device_id: string; from_seq: number; to_seq: number }>('SELECT device_id, from_seq, to_seq FROM county_sent WHERE chain = ?').all(chain);
  const held = db.prepare<[], { device_id: string; from_seq: number; to_seq: number }>('SELECT device_id, from_seq, to_seq FROM county_held').all();
  const spans = new Map<string, Span[]>();
  for (const r of [...held, ...sent]) spans.set(r.device_id, [...(spans.get(r.device_id) ?? []), { from: r.from_seq, to: r.to_seq }]);
  const through = db.prepare<[string], { through: number }>('SELECT through FROM county_watermarks WHERE device_id = ?');
  const insert = db.prepare('INSERT INTO county_held (device_id, from_seq, to_seq) VALUES (?, ?, ?)');
  db.prepare('DELETE FROM county_held').run();
  for (const [device, list] of spans) {
    const floor = through.get(device)?.through ?? 0;
    for (const s of mergeSpans(list)) if (s.to > floor) insert.run(device, Math.max(s.from, floor + 1), s.to);
  }
  db.prepare('DELETE FROM county_sent WHERE chain = ?').run(chain);
}
