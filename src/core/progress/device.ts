import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { createKv } from '../db/kv';

/** This PC's id, made once and kept in the kv table: every event says where it was recorded. */
export function deviceId(db: Database.Database): string {
  const kv = createKv(db);
  let id = kv.get('device.id');
  if (!id) {
    id = crypto.randomUUID();
    kv.set('device.id', id);
  }
  return id;
}
