/** A point on a flat map, in pixels from its top left. */
export interface MapPoint {
  x: number;
  y: number;
}

/** The golden angle: dots laid out round a middle at this step never line up (a sunflower's seeds). */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where to draw dots so that none hides another: a dot nearer than `gap` pixels to a group's first
 * dot joins that group, and a group of more than one is laid out as a sunflower round its middle,
 * `gap` apart, so each can be seen and tapped (a whole class looking at the teacher's spot would
 * otherwise be one dot). A lone dot stays where it is. Returns each dot's offset in pixels, in order.
 */
export function spreadDots(points: readonly MapPoint[], gap: number): MapPoint[] {
  const groups: { first: MapPoint; members: number[] }[] = [];
  for (const [i, p] of points.entries()) {
    const near = groups.find((g) => Math.hypot(g.first.x - p.x, g.first.y - p.y) < gap);
    if (near) near.members.push(i);
    else groups.push({ first: p, members: [i] });
  }
  const offsets: MapPoint[] = points.map(() => ({ x: 0, y: 0 }));
  // In Vogel's sunflower (radius c·√(n+1)), no two of the first 60 dots are closer than 1.6·c.
  const c = gap / 1.55;
  for (const { members } of groups) {
    if (members.length < 2) continue;
    const middle = {
      x: members.reduce((sum, i) => sum + (points[i] as MapPoint).x, 0) / members.length,
      y: members.reduce((sum, i) => sum + (points[i] as MapPoint).y, 0) / members.length,
    };
    for (const [n, i] of members.entries()) {
      const radius = c * Math.sqrt(n + 1);
      const angle = n * GOLDEN_ANGLE;
      const p = points[i] as MapPoint;
      offsets[i] = { x: middle.x + radius * Math.cos(angle) - p.x, y: middle.y + radius * Math.sin(angle) - p.y };
    }
  }
  return offsets;
}

/**
 * Pupils' marks placed by `place` (null: not shown, e.g. behind the viewer), in pupil-id order so each
 * keeps its place in a crowd while the class looks about, with the offset that keeps them `gap` apart.
 */
export function spreadMarks<T extends { pupilId: string }>(items: readonly T[], place: (item: T) => MapPoint | null, gap: number): { item: T; at: MapPoint; offset: MapPoint }[] {
  const shown = [...items]
    .sort((a, b) => (a.pupilId < b.pupilId ? -1 : 1))
    .flatMap((item) => {
      const at = place(item);
      return at ? [{ item, at }] : [];
    });
  const offsets = spreadDots(
    shown.map((s) => s.at),
    gap,
  );
  return shown.map((s, i) => ({ ...s, offset: offsets[i] as MapPoint }));
}
