import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { KiteError } from '../../shared/errors';
import { hubError } from './hub-error';
import { sha256 } from './proof';

import type { DeviceKind, RoomDevice } from '../../shared/contract/hub';

export type { DeviceKind, RoomDevice };

interface Row {
  id: string;
  name: string;
  kind: DeviceKind;
  token_hash: string;
  address: string | null;
  paired_at: string;
  last_seen_at: string | null;
  removed_at: string | null;
}

/**
 * The pupil PCs and VR headsets paired with this hub. Each has its own random credential; only its hash
 * is stored. A credential opens only its own kind's door: a pupil PC's the room API, a headset's the
 * headset pages (src/core/hub/headset).
 */
export function createDevices(db: Database.Database, now: () => number) {
  const iso = () => new Date(now()).toISOString();
  const byId = db.prepare<[string], Row>('SELECT * FROM hub_devices WHERE id = ?');
  const live = db.prepare<[], Row>('SELECT * FROM hub_devices WHERE removed_at IS NULL ORDER BY paired_at, rowid');
  const seen = db.prepare('UPDATE hub_devices SET last_seen_at = ?, address = COALESCE(?, address) WHERE id = ?');

  function uniqueName(wanted: string): string {
    const taken = new Set(live.all().map((row) => row.name));
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted} (${n})`;
    return name;
  }

  /** Headsets cannot name themselves: VR-01, VR-02, … (the first number no headset in the room has). */
  function headsetName(): string {
    const taken = new Set(live.all().map((row) => row.name));
    let n = 1;
    while (taken.has(`VR-${String(n).padStart(2, '0')}`)) n++;
    return `VR-${String(n).padStart(2, '0')}`;
  }
  const view = (row: Row): RoomDevice => ({ id: row.id, name: row.name, kind: row.kind, address: row.address, pairedAt: row.paired_at, lastSeenAt: row.last_seen_at });

  return {
    /** A new device and its credential ("<id>.<secret>"), which is shown to the pupil PC once and never stored here. */
    add(name: string, address: string | null, kind: DeviceKind = 'pupil-pc'): { device: RoomDevice; token: string } {
      const id = crypto.randomUUID();
      const token = `${id}.${crypto.randomBytes(32).toString('base64url')}`;
      const pairedAt = iso();
      const finalName = kind === 'headset' ? headsetName() : uniqueName(name.trim().slice(0, 60) || 'PC');
      db.prepare('INSERT INTO hub_devices (id, name, kind, token_hash, address, paired_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, finalName, kind, sha256(token), address, pairedAt);
      return { device: { id, name: finalName, kind, address, pairedAt, lastSeenAt: null }, token };
    },

    /**
     * The device a credential belongs to, when it is of `kind`; refused with its own message when removed
     * or unknown here. Another kind's credential is refused as not allowed (a headset cannot push progress).
     */
    authenticate(token: string | undefined, address: string | null, kind: DeviceKind = 'pupil-pc'): { id: string; name: string } {
      const id = token?.split('.')[0] ?? '';
      const row = id ? byId.get(id) : undefined;
      if (!row || !token || !sameHash(row.token_hash, sha256(token))) throw hubError('device_unknown');
      if (row.removed_at) throw hubError('device_removed');
      if (row.kind !== kind) throw new KiteError('forbidden', `This ${row.kind === 'headset' ? 'headset' : 'PC'} may not call this part of the room.`);
      seen.run(iso(), address, row.id);
      return { id: row.id, name: row.name };
    },

    /** Still in the room (not removed): an open stream of a removed PC is closed at the next message or heartbeat. */
    isLive(id: string): boolean {
      const row = byId.get(id);
      return row !== undefined && row.removed_at === null;
    },

    /** The room's devices (only those of `kind` when given), oldest first. */
    list(kind?: DeviceKind): RoomDevice[] {
      return live.all().filter((row) => !kind || row.kind === kind).map(view);
    },

    /** Remove by id, the start of an id (as `kite hub devices` shows it) or the exact name. */
    remove(which: string): RoomDevice {
      const wanted = which.trim();
      const matches = this.list().filter((d) => d.id === wanted || d.name === wanted || (wanted.length >= 6 && d.id.startsWith(wanted)));
      if (matches.length === 0) throw new KiteError('not_found', `No PC in this room is called "${wanted}". "kite hub devices" lists them.`);
      if (matches.length > 1) throw new KiteError('conflict', `More than one PC matches "${wanted}"; use the id from "kite hub devices".`);
      const device = matches[0] as RoomDevice;
      db.prepare('UPDATE hub_devices SET removed_at = ? WHERE id = ?').run(iso(), device.id);
      return device;
    },
  };
}
export type Devices = ReturnType<typeof createDevices>;

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
