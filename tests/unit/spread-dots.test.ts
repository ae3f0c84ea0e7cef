import { describe, expect, it } from 'vitest';
import { spreadDots, spreadMarks, type MapPoint } from '../../src/renderer/src/lib/spreadDots';

const GAP = 44;
const placed = (points: MapPoint[]) => spreadDots(points, GAP).map((d, i) => ({ x: (points[i] as MapPoint).x + d.x, y: (points[i] as MapPoint).y + d.y }));
const closest = (points: MapPoint[]) => {
  let min = Infinity;
  for (const [i, a] of points.entries()) for (const b of points.slice(i + 1)) min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y));
  return min;
};

describe("the teacher's gaze map spreads dots that would hide one another", () => {
  it('leaves dots that are apart where the pupils look', () => {
    const points = [{ x: 100, y: 100 }, { x: 300, y: 120 }, { x: 100, y: 200 }];
    expect(spreadDots(points, GAP)).toEqual(points.map(() => ({ x: 0, y: 0 })));
  });

  it('spreads a whole class looking at one spot so that every dot can be tapped, around that spot', () => {
    for (const size of [2, 3, 8, 30, 50]) {
      const points = Array.from({ length: size }, (_, i) => ({ x: 400 + (i % 3), y: 200 - (i % 2) }));
      const spread = placed(points);
      expect(closest(spread), `${size} pupils`).toBeGreaterThanOrEqual(GAP);
      // The crowd stays round the spot: its middle within half a tap of it, and 30 pupils within 4 taps.
      const middle = { x: spread.reduce((s, p) => s + p.x, 0) / size, y: spread.reduce((s, p) => s + p.y, 0) / size };
      expect(Math.hypot(middle.x - 401, middle.y - 199.5)).toBeLessThan(GAP / 2);
      if (size <= 30) for (const p of spread) expect(Math.hypot(p.x - 401, p.y - 199.5)).toBeLessThan(GAP * 4);
    }
  });

  it('spreads only the crowd: a pupil looking elsewhere keeps their place, and the same input gives the same layout', () => {
    const points = [{ x: 50, y: 50 }, { x: 400, y: 200 }, { x: 402, y: 201 }, { x: 399, y: 203 }];
    const offsets = spreadDots(points, GAP);
    expect(offsets[0]).toEqual({ x: 0, y: 0 });
    expect(closest(placed(points).slice(1))).toBeGreaterThanOrEqual(GAP);
    expect(spreadDots(points, GAP)).toEqual(offsets);
  });

  it('places each pupil by id whatever order the hub lists them in, and leaves out a pupil with no place on screen', () => {
    const at: Record<string, MapPoint | null> = { a: { x: 100, y: 100 }, b: { x: 101, y: 100 }, c: null };
    const pupils = ['c', 'b', 'a'].map((pupilId) => ({ pupilId }));
    const marks = spreadMarks(pupils, (p) => at[p.pupilId] ?? null, GAP);
    expect(marks.map((m) => m.item.pupilId)).toEqual(['a', 'b']);
    expect(spreadMarks([...pupils].reverse(), (p) => at[p.pupilId] ?? null, GAP)).toEqual(marks);
    const [a, b] = marks.map((m) => ({ x: m.at.x + m.offset.x, y: m.at.y + m.offset.y }));
    expect(Math.hypot(a!.x - b!.x, a!.y - b!.y)).toBeGreaterThanOrEqual(GAP);
  });
});
