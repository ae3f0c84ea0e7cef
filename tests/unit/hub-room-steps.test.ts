import { describe, expect, it } from 'vitest';
import { followRoom } from '../../src/core/hub/room-wiring';
import { SessionState } from '../../src/shared/contract/session';
import { screen } from '../support/progress';
import { buildFixturePack, fixtureLesson } from '../support/packs';
import { eventually, startHub, startPupilPc, type TestPc } from '../support/room';
import { tempDir } from '../support/temp';

const PCS = 5;

/** The small version of bench/hub-room.bench.ts: no timings, only that every PC gets every step. */
describe('follow-me over the real HTTPS room with several pupil PCs', () => {
  it('brings every step change the teacher makes to every paired pupil PC, in order', { timeout: 90_000 }, async () => {
    const hub = await startHub();
    await hub.core.packs.install(await buildFixturePack(tempDir(), { lessons: [fixtureLesson('first-lesson')] }), { trustConfirmed: true });
    const teacher = screen(hub.core, 'teacher');
    const cls = await teacher('classes.create', { name: '三年级一班', grade: 3 });

    const pcs: { pc: TestPc; steps: number[]; stop: () => Promise<void> }[] = [];
    for (let i = 0; i < PCS; i++) {
      const pc = startPupilPc();
      await pc.core.hub.join(hub.address, hub.core.hub.joinCode(), `PC-0${i + 1}`);
      const steps: number[] = [];
      pc.core.hub.client.onMessage('session.state', (state) => {
        const index = SessionState.parse(state).live?.step.index;
        if (index !== undefined && steps.at(-1) !== index) steps.push(index);
      });
      const stop = followRoom(pc.core);
      pcs.push({ pc, steps, stop });
    }
    await eventually(() => pcs.every(({ pc }) => pc.core.hub.client.status().link === 'online'), 'every pupil PC online');

    await teacher('session.start', { classId: cls.id, packId: 'org.example.test-pack', lessonId: 'first-lesson', mode: 'follow' });
    await eventually(() => pcs.every(({ steps }) => steps.length === 1), 'the session on every pupil PC');
    const moves = [1, 0, 1, 0, 1];
    for (const [n, index] of moves.entries()) {
      await teacher('session.goToStep', { index });
      await eventually(() => pcs.every(({ steps }) => steps.length === n + 2), `step change ${n + 1} on every pupil PC`);
    }

    for (const { pc, steps } of pcs) {
      expect(steps).toEqual([0, ...moves]);
      expect(pc.core.liveSession.hello(null, 'test').state.live?.step.index).toBe(1);
    }
    for (const { stop } of pcs) await stop();
  });
});
