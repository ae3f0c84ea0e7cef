import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/core/hub/sync/push-loop';
import { createHubClock } from '../../src/core/hub/sync/clock';
import { createOutbox } from '../../src/core/hub/sync/outbox';
import type { StoredEvent } from '../../src/core/progress/store';
import { attempt, progressSetup } from '../support/progress';
import { chaosSend, eventIds, QUICK, room, seeded, summaries } from '../support/hub-room';

type Pc = ReturnType<typeof progressSetup>;
const HOURS = 3600_000;

/** A pupil signs in at a PC and answers `answers` questions of a lesson, then finishes it. */
async function work(pc: Pc, pupilId: string, lessonId: string, answers: number, finish = true) {
  const child = pc.pupil();
  await child('pupils.signIn', { pupilId });
  for (let i = 0; i < answers; i++) await child('attempts.record', attempt(`q${i}`, i % 3 !== 2, { lessonId }));
  if (finish) await child('progress.finishLesson', { packId: 'org.kite.safe-online', lessonId, packVersion: '1.0.0' });
}

describe('progress flows from pupil PCs to the hub', () => {
  it('a hub and three pupil PCs over a network that fails, drops, duplicates and reorders: the hub ends with exactly the union', { timeout: 60_000 }, async () => {
    // PC 3's clock is five hours slow.
    const { hub, cls, pupils, pcs } = await room(3, [undefined, undefined, () => Date.now() - 5 * HOURS]);
    const [pc1, pc2, pc3] = pcs as [Pc, Pc, Pc];
    const [xiaoming, xiaohong, xiaogang, xiaoli, xiaojun] = pupils.map((p) => p.id) as [string, string, string, string, string];
    const nets = pcs.map((pc, i) => chaosSend(hub.core.hubSync, pc.core.progress.store.deviceId, 100 + i, { failFirst: i === 0 ? 5 : 0 }));
    const loops = pcs.map((pc, i) => pc.core.hubSync.startPushLoop(nets[i]!.send, QUICK));

    await work(pc1, xiaoming, 'passwords', 6);
    await work(pc2, xiaohong, 'passwords', 5);
    await work(pc3, xiaojun, 'phishing', 2, false);
    // After its first push PC 3 knows its clock is five hours slow, and stamps its next events by the hub's.
    await loops[2]!.drained();
    expect(Math.round(pc3.core.hubSync.clockOffsetMs() / HOURS)).toBe(5);
    // 小刚 starts a lesson on PC 1 ...
    await work(pc1, xiaogang, 'passwords', 3, false);
    await loops[0]!.drained();
    // PC 2 goes offline for a while; its pupil keeps working, nothing reaches the hub meanwhile.
    nets[1]!.offline();
    await work(pc2, xiaoli, 'phishing', 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(loops[1]!.status()).toMatchObject({ pending: expect.any(Number), lastError: 'hub_unreachable' });
    expect(loops[1]!.status().failuresInARow).toBeGreaterThan(1);
    expect(loops[1]!.status().pending).toBeGreaterThan(0);
    // ... and finishes it on PC 3, whose clock is slow: the finish is still his latest event.
    await work(pc3, xiaogang, 'passwords', 2);
    nets[1]!.online();
    loops[1]!.retryNow(); // the hub client reconnected

    await Promise.all(loops.map((l) => l.drained()));
    for (const net of nets) net.flush(); // a batch still held back by the network arrives late
    const union = [...new Set(pcs.flatMap((pc) => eventIds(pc.core.db)))].sort();
    expect(union.length).toBe(7 + 6 + 2 + 3 + 5 + 3);
    expect(eventIds(hub.core.db)).toEqual(union);
    for (const pc of pcs) expect(pc.core.hubSync.pendingCount()).toBe(0);
    // The chaos really happened.
    const total = nets.reduce((t, n) => ({ failed: t.failed + n.stats.failed, lost: t.lost + n.stats.answersLost, dup: t.dup + n.stats.duplicated, held: t.held + n.stats.heldBack }), { failed: 0, lost: 0, dup: 0, held: 0 });
    expect(total.failed).toBeGreaterThan(5);
    expect(total.lost + total.dup + total.held).toBeGreaterThan(0);
    process.stdout.write(`hub-sync chaos: ${JSON.stringify(nets.map((n) => n.stats))}\n`);

    // The teacher's class grid on the hub shows each pupil's work, whichever PC it was done on.
    const grid = await hub.teacher('progress.grid', { classId: cls.id });
    const cell = (pupilId: string, lessonId: string) => grid.cells[grid.pupils.findIndex((p) => p.id === pupilId)]?.[grid.lessons.findIndex((l) => l.lessonId === lessonId)];
    expect(cell(xiaoming, 'passwords')).toMatchObject({ status: 'done' });
    expect(cell(xiaohong, 'passwords')).toMatchObject({ status: 'done' });
    expect(cell(xiaoli, 'phishing')).toMatchObject({ status: 'done' });
    expect(cell(xiaogang, 'passwords')).toMatchObject({ status: 'done' });
    const gang = await hub.teacher('progress.pupil', { pupilId: xiaogang });
    expect(gang.attempts).toHaveLength(5); // three on PC 1, two on the slow PC 3: none lost
    const finish = pc3.core.db.prepare("SELECT id FROM progress_events WHERE pupil_id = ? AND kind = 'finish'").pluck().get(xiaogang);
    const summary = hub.core.db.prepare("SELECT last_event_id, last_step_id, attempts FROM lesson_summaries WHERE pupil_id = ? AND lesson_id = 'passwords'").get(xiaogang);
    expect(summary).toEqual({ last_event_id: finish, last_step_id: null, attempts: 5 });

    // The hub's summaries do not depend on the arrival order: a second hub fed every event in reverse agrees.
    const other = progressSetup();
    other.core.hubSync.applyRoster(JSON.parse(JSON.stringify(hub.core.hubSync.rosterSnapshot())));
    const all = hub.core.db.prepare('SELECT * FROM progress_events ORDER BY seq DESC').all() as (StoredEvent & { seq?: number })[];
    const { acked, refused } = other.core.hubSync.ingest('replay', all.map(({ seq: _seq, ...e }) => e));
    expect([acked.length, refused]).toEqual([union.length, []]);
    expect(summaries(other.core.db)).toEqual(summaries(hub.core.db));
    // It saw PC 3's clock five hours off (for the room tab to tell the teacher).
    const skew = hub.core.hubSync.deviceStats().find((d) => d.deviceId === pc3.core.progress.store.deviceId);
    expect(Math.round((skew?.clockSkewMs ?? 0) / HOURS)).toBe(-5);

    await Promise.all(loops.map((l) => l.stop()));
    for (const s of [hub, other, ...pcs]) s.core.close();
  });

  it('a pupil PC that loses power mid-push sends its events after the next start, and the hub keeps each once', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    // The hub stores the push, but the answer never comes back: the PC is switched off first.
    await work(pc, pupils[0]!.id, 'passwords', 3);
    let delivered = 0;
    const loop = pc.core.hubSync.startPushLoop(async (events) => {
      hub.core.hubSync.ingest(pc.core.progress.store.deviceId, JSON.parse(JSON.stringify(events)) as unknown[]);
      delivered += events.length;
      return new Promise(() => {});
    }, QUICK);
    await expect.poll(() => delivered).toBe(4);
    expect(pc.core.hubSync.pendingCount()).toBe(4);
    expect(loop.status().lastSuccessAt).toBeNull();
    pc.core.close(); // stops the loop: the answer that never came is not waited for

    const again = progressSetup(pc.dataDir);
    const pending = again.core.hubSync.pending(100);
    expect(pending.map((e) => e.kind)).toEqual(['attempt', 'attempt', 'attempt', 'finish']);
    const resumed = again.core.hubSync.startPushLoop(async (events) => JSON.parse(JSON.stringify(hub.core.hubSync.ingest(again.core.progress.store.deviceId, events))), QUICK);
    await resumed.drained();
    expect(eventIds(hub.core.db)).toEqual(eventIds(again.core.db));
    const stats = hub.core.hubSync.deviceStats()[0];
    expect(stats).toMatchObject({ eventsAdded: 4, eventsAgain: 4, eventsRefused: 0 });
    // Acknowledged stays acknowledged across a restart: nothing is sent again.
    again.core.close();
    const third = progressSetup(pc.dataDir);
    expect(third.core.hubSync.pending(100)).toEqual([]);
    third.core.close();
    hub.core.close();
  });

  it('the hub restarting while PCs push loses nothing and doubles nothing', async () => {
    const { hub, pupils, pcs } = await room(3);
    let current: Pc | null = hub;
    const loops = pcs.map((pc) =>
      pc.core.hubSync.startPushLoop(async (events, { sentAt }) => {
        if (!current) throw new Error('hub_unreachable');
        return JSON.parse(JSON.stringify(current.core.hubSync.ingest(pc.core.progress.store.deviceId, events, sentAt)));
      }, QUICK),
    );
    await Promise.all(pcs.map((pc, i) => work(pc, pupils[i]!.id, 'passwords', 3, false)));
    await Promise.all(loops.map((l) => l.drained()));
    hub.core.close(); // the teacher's PC goes down
    current = null;
    await Promise.all(pcs.map((pc, i) => work(pc, pupils[i]!.id, 'passwords', 2)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = progressSetup(hub.dataDir); // and comes back
    for (const loop of loops) loop.retryNow();
    await Promise.all(loops.map((l) => l.drained()));
    expect(eventIds(current.core.db)).toEqual([...new Set(pcs.flatMap((pc) => eventIds(pc.core.db)))].sort());
    expect(eventIds(current.core.db)).toHaveLength(3 * 6);
    for (const s of [current, ...pcs]) s.core.close();
  });

  it('refuses a damaged event or one for a pupil the hub does not know, keeps the good ones, and the PC sets the refused aside', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    const stranger = (await pc.teacher('pupils.add', { classId: (await pc.teacher('classes.list'))[0]!.id, name: '新同学' })).id;
    await work(pc, pupils[0]!.id, 'passwords', 2);
    await work(pc, stranger, 'passwords', 1, false);
    const events = pc.core.hubSync.pending(100);
    const damaged = { ...events[0], id: 'broken-1', stars: 7 };
    const answer = hub.core.hubSync.ingest('pc', [damaged, 'not an event', ...events]);
    expect(answer.refused).toEqual([
      { id: 'broken-1', reason: 'damaged' },
      { id: null, reason: 'damaged' },
      { id: events.at(-1)!.id, reason: 'unknown_pupil' },
    ]);
    expect(answer.acked).toEqual(events.slice(0, 3).map((e) => e.id));
    expect(eventIds(hub.core.db)).toEqual(events.slice(0, 3).map((e) => e.id).sort());

    // Through the loop: the stranger's answer waits aside (with its reason) instead of blocking the queue.
    const loop = pc.core.hubSync.startPushLoop(async (batch) => hub.core.hubSync.ingest('pc', batch), QUICK);
    await work(pc, pupils[1]!.id, 'passwords', 2);
    await loop.drained();
    expect(pc.core.hubSync.pendingCount()).toBe(0);
    expect(pc.core.hubSync.refused()).toEqual([{ id: events.at(-1)!.id, reason: 'unknown_pupil' }]);
    expect(eventIds(hub.core.db)).toHaveLength(3 + 3);
    await loop.stop();
    // After a restart the refused one is offered again (the hub may know the pupil by now).
    expect(pc.core.hubSync.startPushLoop(async () => ({ acked: [] }), QUICK).status().pending).toBe(1);
    pc.core.close();
    hub.core.close();
  });

  it('a PC that was used alone joins the room: its progress file merged on the hub first, then every old event is acknowledged, none refused', async () => {
    const { hub, pupils } = await room(0);
    const alone = progressSetup();
    const cls = await alone.teacher('classes.create', { name: '四年级一班', grade: 4 });
    const same = await alone.teacher('pupils.add', { classId: cls.id, name: '小明' }); // also on the hub, with another id
    const only = await alone.teacher('pupils.add', { classId: cls.id, name: '小新' }); // only on this PC
    await work(alone, same.id, 'passwords', 2);
    await work(alone, only.id, 'passwords', 1);
    await hub.teacher('progress.mergeFile', { text: (await alone.teacher('progress.exportFile')).text });
    alone.core.hubSync.applyRoster(JSON.parse(JSON.stringify(hub.core.hubSync.rosterSnapshot())));
    const answer = hub.core.hubSync.ingest('alone', alone.core.hubSync.pending(100));
    expect([answer.acked.length, answer.refused]).toEqual([5, []]);
    const names = (await alone.teacher('classes.list'))[0]!.pupils.map((p) => p.name);
    expect(names).toEqual(['小明', '小红', '小刚', '小丽', '小军', '小芳', '小新']);
    expect((await alone.teacher('classes.list'))[0]!.pupils[0]!.id).toBe(pupils[0]!.id); // 小明 signs in as the hub's 小明 from now on
    for (const s of [hub, alone]) s.core.close();
  });

  it('tells the teacher\'s screens which pupils have new progress, once it is committed, and not for a push of duplicates', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    const told: unknown[] = [];
    hub.core.events.subscribe((name, payload) => name === 'progress.changed' && told.push(payload));
    await work(pc, pupils[0]!.id, 'passwords', 1);
    await work(pc, pupils[1]!.id, 'passwords', 1);
    const events = pc.core.hubSync.pending(100);
    hub.core.hubSync.ingest('pc', events);
    hub.core.hubSync.ingest('pc', events);
    expect(told).toEqual([{ pupilIds: [pupils[0]!.id, pupils[1]!.id] }]);
    for (const s of [hub, pc]) s.core.close();
  });

  it('keeps the outbox small: acknowledgements in any order fold into one watermark, a refused event keeps only its own row', async () => {
    const { pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    await work(pc, pupils[0]!.id, 'passwords', 9);
    const sync = pc.core.hubSync;
    const ids = sync.pending(100).map((e) => e.id);
    const rows = () => pc.core.db.prepare('SELECT count(*) FROM hub_outbox_done').pluck().get();
    sync.acknowledge([ids[3]!, ids[1]!, 'not-from-here']);
    expect(sync.pending(3).map((e) => e.id)).toEqual([ids[0], ids[2], ids[4]]);
    expect(rows()).toBe(2);
    sync.acknowledge([ids[2]!, ids[0]!, ids[1]!]);
    expect(rows()).toBe(0); // 0..3 answered: folded into the watermark
    const outbox = createOutbox(pc.core.db);
    outbox.refuse([{ id: ids[4]!, reason: 'unknown_pupil' }]);
    outbox.acknowledge(ids.slice(5));
    expect([rows(), sync.pendingCount()]).toEqual([1, 0]);
    expect(outbox.retryRefused()).toBe(1);
    expect(sync.pending(10).map((e) => e.id)).toEqual([ids[4]]);
    outbox.acknowledge([ids[4]!, ids[0]!]);
    expect([rows(), sync.pendingCount()]).toEqual([0, 0]);
    pc.core.close();
  });

  it('USB export and merge take the same events: a PC merged by stick after pushing adds nothing on the hub, and the hub exports them all', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    await work(pc, pupils[0]!.id, 'passwords', 3);
    hub.core.hubSync.ingest('pc', pc.core.hubSync.pending(100));
    const merged = await hub.teacher('progress.mergeFile', { text: (await pc.teacher('progress.exportFile')).text });
    expect(merged.events).toEqual({ added: 0, alreadyHere: 4 });
    // A PC that never joined takes the hub's file (the pushed events included) by USB.
    const island = progressSetup();
    await island.teacher('progress.mergeFile', { text: (await hub.teacher('progress.exportFile')).text });
    expect(eventIds(island.core.db)).toEqual(eventIds(pc.core.db));
    expect(summaries(island.core.db)).toEqual(summaries(hub.core.db));
    for (const s of [hub, pc, island]) s.core.close();
  });

  it('counts a push that never answers as failed and sends it again', async () => {
    const { hub, pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    await work(pc, pupils[0]!.id, 'passwords', 2);
    let calls = 0;
    const errors: string[] = [];
    const loop = pc.core.hubSync.startPushLoop(
      async (events) => (++calls === 1 ? new Promise(() => {}) : hub.core.hubSync.ingest('pc', events)),
      { ...QUICK, timeoutMs: 50, onError: (error) => errors.push(String(error)) },
    );
    await loop.drained();
    expect(errors).toEqual(['Error: the hub did not answer within 50 ms']);
    expect(eventIds(hub.core.db)).toEqual(eventIds(pc.core.db));
    pc.core.close();
    hub.core.close();
  });

  it('keeps the clock offset it learned across a restart, and ignores a difference smaller than network delay', () => {
    const pc = progressSetup();
    const t = Date.parse('2026-12-02T08:00:00Z');
    const clock = createHubClock(pc.core.db);
    clock.learn(new Date(t + 1500).toISOString(), t - 100, t + 100);
    expect(clock.offset()).toBe(0);
    clock.learn(new Date(t + 3 * HOURS).toISOString(), t - 100, t + 100);
    expect(clock.offset()).toBe(3 * HOURS);
    pc.core.close();
    const again = progressSetup(pc.dataDir);
    expect(again.core.hubSync.clockOffsetMs()).toBe(3 * HOURS);
    again.core.close();
  });

  it('keeps its backoff when kicked after each answer, and tries at once when told the hub is back', async () => {
    const { pupils, pcs } = await room(1);
    const [pc] = pcs as [Pc];
    await work(pc, pupils[0]!.id, 'passwords', 1, false);
    let calls = 0;
    const loop = pc.core.hubSync.startPushLoop(async () => {
      calls += 1;
      throw new Error('hub_unreachable');
    }, { ...QUICK, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await expect.poll(() => calls).toBe(1);
    for (let i = 0; i < 3; i++) {
      await work(pc, pupils[0]!.id, 'passwords', 1, false);
      loop.kick();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(1);
    loop.retryNow();
    await expect.poll(() => calls).toBe(2);
    pc.core.close();
  });

  it('waits longer after each failure in a row, with jitter, up to a cap', () => {
    const low = (n: number) => backoffMs(n, { random: () => 0 });
    const high = (n: number) => backoffMs(n, { random: () => 1 });
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3].map(low)).toEqual([500, 1000, 2000]);
    expect(high(30)).toBe(60_000);
    const random = seeded(7);
    const waits = Array.from({ length: 50 }, () => backoffMs(3, { random }));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    expect(new Set(waits).size).toBeGreaterThan(10); // 50 PCs that failed together do not come back together
  });
});
