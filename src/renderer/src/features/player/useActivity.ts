import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useActivityHost } from './context';
import { playSound } from './sounds';

export type Outcome = 'open' | 'right' | 'revealed' | 'complete';

/** After this many misses the right answer is shown and explained. */
export const MISSES_BEFORE_REVEAL = 2;

/**
 * The try loop every scored activity shares: a right answer is praised; the first miss shows the
 * hint and lets the pupil try again; the second shows the right answer. Every answer is sent as
 * an attempt. Unscored activities call `complete` once.
 */
/** Milliseconds since the component appeared (or since reset), for an attempt's time taken. */
export function useElapsed() {
  const started = useRef(0);
  useEffect(() => {
    started.current = performance.now();
  }, []);
  return useMemo(
    () => ({
      ms: () => Math.min(Math.round(performance.now() - started.current), 3_600_000),
      reset: () => void (started.current = performance.now()),
    }),
    [],
  );
}

export function useActivity(step: { id: string; type: string }) {
  const host = useActivityHost();
  const elapsed = useElapsed();
  const [misses, setMisses] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>('open');
  const [pulse, setPulse] = useState(0);

  const send = useCallback(
    (answer: unknown, correct: boolean | null, hintsUsed: number) =>
      host.record({ stepId: step.id, activityType: step.type, answer, correct, hintsUsed: Math.min(hintsUsed, 10), timeMs: elapsed.ms() }),
    [host, step.id, step.type, elapsed],
  );

  const answer = useCallback(
    (value: unknown, correct: boolean) => {
      if (outcome !== 'open') return;
      send(value, correct, misses);
      setPulse((p) => p + 1);
      if (correct) {
        playSound('right');
        setOutcome('right');
        host.done(step.id);
        return;
      }
      playSound('wrong');
      const next = misses + 1;
      setMisses(next);
      if (next >= MISSES_BEFORE_REVEAL) {
        setOutcome('revealed');
        host.done(step.id);
      }
    },
    [host, misses, outcome, send, step.id],
  );

  /**
   * For steps scored once at the end (match pairs, hotspots, unscored steps). `shown` is what the
   * pupil sees: finding every pair after some misses is still "well done", though not correct at the first try.
   */
  const finish = useCallback(
    (value: unknown, correct: boolean | null, hintsUsed = misses, shown: Outcome = correct === null ? 'complete' : correct ? 'right' : 'revealed') => {
      if (outcome !== 'open') return;
      send(value, correct, hintsUsed);
      playSound(shown === 'revealed' ? 'wrong' : 'right');
      setPulse((p) => p + 1);
      setOutcome(shown);
      host.done(step.id);
    },
    [host, misses, outcome, send, step.id],
  );

  /** A miss inside an activity that keeps going (a wrong pair, a wrong tap): sound and hint, no attempt yet. */
  const miss = useCallback(() => {
    playSound('wrong');
    setPulse((p) => p + 1);
    setMisses((m) => m + 1);
  }, []);

  const retry = useCallback(() => {
    setMisses(0);
    setOutcome('open');
    elapsed.reset();
  }, [elapsed]);

  return { misses, outcome, pulse, answer, finish, miss, retry, settled: outcome !== 'open' };
}
export type Activity = ReturnType<typeof useActivity>;
