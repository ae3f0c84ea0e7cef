import crypto from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/core/county/bundle';
import { openDatabase } from '../../src/core/db/open';
import { migrations } from '../../src/core/db/migrations';
import { attempt } from '../support/progress';
import { schoolWithWork } from '../support/county';
import { eventually, roomWithOnePupil } from '../support/room';
import { tempDir } from '../support/temp';

type Row = { id: string; device_id: string; device_seq: number | null; at: string };
const rows = (db: Database.Database) => db.prepare('SELECT id, device_id, device_seq, at FROM progress_events ORDER BY device_id, device_seq').all() as Row[];

/** Events as an older app stored them (before migration 10), in the order given. */
function oldDatabase(events: { id: string; device: string; at: string }[]): string {
  const file = path.join(tempDir(), 'kite.db');
  const db = openDatabase(file, { migrationList: migrations.filter((m) => m.version <= 9) });
  const insert = db.prepare("INSERT INTO progress_events (id, device_id, pupil_id, kind, at) VALUES (?, ?, 'p1', 'reset', ?)");
  for (const e of events) insert.run(e.id, e.device, e.at);
  db.close();
  return file;
}

describe('per-device sequence numbers (migration 10)', () => {
  it('numbers old events per device in the order that device made them, the same on every PC that holds them', () => {
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: crypto.randomUUID(),
      device: i % 3 === 0 ? 'device-b' : 'device-a',
      at: new Date(Date.UTC(2026, 10, 1, 8, 0, i % 5 === 0 ? 0 : i)).toISOString(), // some share a millisecond
    }));
    const here = openDatabase(oldDatabase(events));
    const there = openDatabase(oldDatabase([...events].reverse())); // the same events, stored in another order
    const numbered = rows(here);
    expect(numbered).toEqual(rows(there));
    for (const device of ['device-a', 'device-b']) {
      const mine = numbered.filter((r) => r.device_id === device);
      expect(mine.map((r) => r.device_seq)).toEqual(mine.map((_, i) => i + 1));
      const byTime = [...mine].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
      expect(mine.map((r) => r.id)).toEqual(byTime.map((r) => r.id));
    }
    here.close();
    there.close();
  });

  it('travels in progress files: a merged event keeps the number its own PC gave it, and this PC numbers on from its own', async () => {
    const a = await schoolWithWork({ pupils: ['小明'] });
    const b = await schoolWithWork({ pupils: ['小刚'] });
    const fromA = (await a.teacher('progress.exportFile')).text;
    expect(fromA).toMatch(/"device_seq":1[,}]/);
    expect(fromA.split('\n')[0]).toContain('"formatVersion":2');
    await b.teacher('progress.mergeFile', { text: fromA });
    expect(rows(b.core.db).filter((r) => r.device_id === a.core.progress.store.deviceId)).toEqual(rows(a.core.db));
    const child = b.pupil();
    const [pupil] = (await b.teacher('classes.list'))[0]!.pupils;
    await child('pupils.signIn', { pupilId: pupil!.id, pictures: ['apple', 'heart', 'moon'] });
    await child('attempts.record', attempt('q9', true));
    const own = rows(b.core.db).filter((r) => r.device_id === b.core.progress.store.deviceId);
    expect(own.map((r) => r.device_seq)).toEqual(own.map((_, i) => i + 1));

    // A file from an older app (format 1, no device_seq) is numbered on arrival, after the highest held for its device.
    const old = fromA
      .split('\n')
      .map((l) => (l.includes('"t":"event"') ? l.replace(/,"device_seq":\d+/, '').replace(/"id":"[^"]+"/, `"id":"${crypto.randomUUID()}"`) : l.replace('"formatVersion":2', '"formatVersion":1')))
      .join('\n');
    const before = rows(b.core.db).filter((r) => r.device_id === a.core.progress.store.deviceId).length;
    await b.teacher('progress.mergeFile', { text: old });
    const fromOld = rows(b.core.db).filter((r) => r.device_id === a.core.progress.store.deviceId);
    expect(fromOld.map((r) => r.device_seq)).toEqual(fromOld.map((_, i) => i + 1));
    expect(fromOld.length).toBe(before * 2);
  });

  it("travels in the hub's stream: the hub's bundle names the pupil PC and the numbers the pupil PC gave", { timeout: 60_000 }, async () => {
    const { hub, pc, pupil } = await roomWithOnePupil();
    for (const step of ['q1', 'q2', 'q3']) await pupil('attempts.record', attempt(step, true, { packId: 'org.example.test-pack', lessonId: 'first-lesson' }));
    const onPc = rows(pc.core.db);
    await eventually(() => rows(hub.core.db).length === onPc.length, 'the answers on the hub');
    expect(rows(hub.core.db)).toEqual(onPc);
    const file = path.join(tempDir(), 'hub.kbundle');
    await hub.core.county.writeBundle(file);
    const key = hub.core.county.publicKey();
    const bundle = await readBundle(file, (id) => (id === key.keyId ? key : undefined));
    expect(bundle.header.ranges).toEqual([{ deviceId: pc.core.progress.store.deviceId, from: 1, to: onPc.length }]);
  });
});
