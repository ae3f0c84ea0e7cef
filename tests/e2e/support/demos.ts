/** What one frame of a demo may cost at most (draw calls and triangles), on the PC and in a headset. */
export const DEMO_BUDGET = { calls: 100, triangles: 150_000 } as const;
