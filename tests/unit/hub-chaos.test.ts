import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { followRoom } from '../../src/core/hub/room-wiring';
import type { EventPayload } from '../../src/shared/contract';
import { attempt } from '../support/progress';
import { eventually, roomWithOnePupil, startHub, startPupilPc, stopPc } from '../support/room';

/** The progress event ids a core holds, sorted, and how many rows (a doubled event would show here). */
function eventIds(core: Core): { ids: string[]; rows: number } {
  const ids = (core.db.prepare('SELECT id FROM progress_events ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  return { ids: [...new Set(ids)], rows: ids.length };
}

const answer = (stepId: string) => attempt(stepId, true, { packId: 'org.example.test-pack', lessonId: 'first-lesson' });

/** A hub with one class and one pupil, and a pupil PC following it with that pupil signed in. */
async function room() {
  const { hub, pc, pupil, stopFollowing } = await roomWithOnePupil();
  return { hub, pc, pupil, stopFollowing, port: Number(new URL(hub.address).port) };
}

describe('when things go wrong in the room (issue 15)', () => {
  it('the hub goes away mid-session: the pupil PC records on, its screens hear "offline", and a restarted hub gets every event once', { timeout: 60_000 }, async () => {
    const { hub, pc, pupil, stopFollowing, port } = await room();
    const links: EventPayload<'room.link'>[] = [];
    pc.core.events.subscribe((name, payload) => name === 'room.link' && links.push(payload as EventPayload<'room.link'>));
    expect(await pupil('room.link')).toEqual({ hub: 'online' });

    await pupil('attempts.record', answer('q1'));
    await eventually(() => eventIds(hub.core).ids.length === eventIds(pc.core).ids.length, 'the first answer on the hub');

    const beforeKill = eventIds(hub.core).ids;
    await stopPc(hub);
    await eventually(() => links.at(-1)?.hub === 'offline', 'the offline event on the pupil PC');
    // Only "reachable or not" reaches a pupil's screen: no address, no device name.
    expect(await pupil('room.link')).toEqual({ hub: 'offline' });
    for (const step of ['q2', 'q3', 'q4']) await pupil('attempts.record', answer(step));
    expect(eventIds(pc.core).ids.length).toBe(beforeKill.length + 3);

    const again = await startHub(hub.dataDir, port);
    await eventually(() => links.at(-1)?.hub === 'online', 'the pupil PC back online by itself', 20_000);
    await eventually(() => eventIds(again.core).ids.length === eventIds(pc.core).ids.length, 'every event on the restarted hub', 20_000);
    expect(eventIds(again.core)).toEqual({ ids: eventIds(pc.core).ids, rows: eventIds(pc.core).ids.length });
    expect(await pupil('room.link')).toEqual({ hub: 'online' });
    expect(links.map((l) => l.hub)).toEqual(['offline', 'online']);
    await stopFollowing();
  });

  it('a pupil PC stopped right after recording answers sends them after its next start', { timeout: 60_000 }, async () => {
    const { hub, pc, pupil, port } = await room();
    // The hub is briefly away, so the answers are still only on the PC when it goes down.
    await stopPc(hub);
    for (const step of ['q1', 'q2']) await pupil('attempts.record', answer(step));
    const recorded = eventIds(pc.core).ids;
    // No goodbye: the PC's core closes without stopping its push loop (as on a power cut, the outbox is what is on disk).
    await stopPc(pc);

    const again = await startHub(hub.dataDir, port);
    const restarted = startPupilPc(pc.dataDir);
    expect(eventIds(restarted.core).ids).toEqual(recorded);
    const stop = followRoom(restarted.core);
    await eventually(() => eventIds(again.core).ids.length === recorded.length, 'the answers on the hub after the restart', 20_000);
    expect(eventIds(again.core)).toEqual({ ids: recorded, rows: recorded.length });
    await stop();
  });

  it('a pupil PC offline for minutes (its push backoff at its cap, scaled down) catches up at once when the hub is back: every event once', { timeout: 60_000 }, async () => {
    // Backoff scaled 150×: 20 ms doubling to 400 ms stands for 3 s doubling to a minute, so a few
    // seconds of failures here are many minutes of them in class.
    const { hub, pc, pupil, stopFollowing } = await roomWithOnePupil({ baseDelayMs: 20, maxDelayMs: 400, random: () => 1 });
    const port = Number(new URL(hub.address).port);
    await pupil('attempts.record', answer('q1'));
    await eventually(() => eventIds(hub.core).ids.length === eventIds(pc.core).ids.length, 'the first answer on the hub');
    await stopPc(hub);

    // The class goes on while the hub is away: many answers (more than one push's batch), over many failed pushes.
    let recorded = 0;
    while (stopFollowing.pushStatus().failuresInARow < 12 || recorded < 260) {
      for (let i = 0; i < 20; i++) await pupil('attempts.record', answer(`s${recorded++ % 9}`));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stopFollowing.pushStatus()).toMatchObject({ running: true, lastError: 'hub_unreachable' });
    expect(stopFollowing.pushStatus().pending).toBeGreaterThan(250);
    const onPc = eventIds(pc.core);

    const again = await startHub(hub.dataDir, port);
    await eventually(() => eventIds(again.core).ids.length === onPc.ids.length, 'every event on the hub after the outage', 20_000);
    // The union of what the PC recorded, none lost, none doubled; the outbox is empty and the loop calm again.
    expect(eventIds(again.core)).toEqual(onPc);
    await eventually(() => stopFollowing.pushStatus().pending === 0 && stopFollowing.pushStatus().failuresInARow === 0, 'the outbox drained');
    expect(pc.core.hubSync.refused()).toEqual([]);
    await stopFollowing();
  });
});
