import { describe, expect, it } from 'vitest';
import { Dwell, DWELL_MS } from '../../src/renderer/src/features/vr/dwell';

/** Frames of `ms` each, looking at `target`; returns what was pressed, in order. */
function look<T>(dwell: Dwell<T>, target: T | null, ms: number, frames: number): T[] {
  const pressed: T[] = [];
  for (let i = 0; i < frames; i++) {
    const hit = dwell.update(target, ms);
    if (hit !== null) pressed.push(hit);
  }
  return pressed;
}

describe('gaze dwell (headsets without controllers)', () => {
  it('presses a button after a steady look, once, and again only after looking away', () => {
    const dwell = new Dwell<string>();
    expect(look(dwell, 'exit', 1000 / 72, Math.floor((DWELL_MS / 1000) * 72) - 2)).toEqual([]);
    expect(dwell.progress).toBeGreaterThan(0.9);
    expect(look(dwell, 'exit', 1000 / 72, 5)).toEqual(['exit']);
    expect(dwell.progress).toBe(0);
    expect(look(dwell, 'exit', 1000 / 72, 200)).toEqual([]);
    look(dwell, null, 16, 1);
    expect(look(dwell, 'exit', 50, 40)).toEqual(['exit']);
  });

  it('starts again when the look moves to another button or away', () => {
    const dwell = new Dwell<string>(1000);
    look(dwell, 'play', 100, 8);
    expect(dwell.progress).toBeCloseTo(0.7);
    expect(look(dwell, 'exit', 100, 5)).toEqual([]);
    expect(dwell.progress).toBeCloseTo(0.4);
    look(dwell, null, 100, 1);
    expect(dwell.progress).toBe(0);
  });

  it('does not count a stalled frame as time spent looking', () => {
    const dwell = new Dwell<string>(1000);
    look(dwell, 'exit', 16, 1);
    expect(look(dwell, 'exit', 5000, 1)).toEqual([]);
    expect(dwell.progress).toBeLessThan(0.2);
  });
});
