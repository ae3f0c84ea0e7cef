import type { Track } from '../../../../shared/telemetry';

/** A place in metres from home: x east, y up, z south (three.js axes). */
export interface LocalPoint {
  t: number;
  x: number;
  y: number;
  z: number;
}

/** Where the camera looks from: turned `yaw` around the up axis, raised `pitch` above the ground (radians). */
export interface Angle {
  yaw: number;
  pitch: number;
}

/**
 * The smallest piece of ground a flight is shown on, in metres. A hover of a few metres is drawn
 * as small as it is on this patch, not blown up until GPS jitter looks like a wild flight.
 */
export const MIN_GROUND_METRES = 12;
/** Room left around the flight, as a share of the frame's half-width / half-height. */
export const FRAME_MARGIN = 0.12;
export const PITCH_RANGE = { min: 0.05, max: 1.5 } as const;

/** Metres east / south of home for each located point (flat earth is fine over a few km). */
export function localPath(track: Track): LocalPoint[] {
  const located = track.points.filter((p) => p.lat !== undefined && p.lon !== undefined);
  if (located.length === 0) return [];
  const origin = track.home ?? { lat: located[0]!.lat!, lon: located[0]!.lon! };
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((origin.lat * Math.PI) / 180);
  return located.map((p) => ({ t: p.t, x: (p.lon! - origin.lon) * metresPerDegLon, z: -(p.lat! - origin.lat) * metresPerDegLat, y: Math.max(0, p.height ?? 0) }));
}

/** The box holding the flight and home, grown to MIN_GROUND_METRES across so a hover still has ground around it. */
export function flightBox(points: readonly LocalPoint[]) {
  let [minX, maxX, minZ, maxZ, maxY] = [0, 0, 0, 0, 0];
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minZ = Math.min(minZ, p.z);
    maxZ = Math.max(maxZ, p.z);
    maxY = Math.max(maxY, p.y);
  }
  const grow = (lo: number, hi: number) => {
    const extra = Math.max(0, MIN_GROUND_METRES - (hi - lo)) / 2;
    return [lo - extra, hi + extra] as const;
  };
  [minX, maxX] = grow(minX, maxX);
  [minZ, maxZ] = grow(minZ, maxZ);
  /** The flight's size: markers and the grid are scaled to it. */
  const size = Math.max(maxX - minX, maxZ - minZ, maxY);
  return { minX, maxX, minZ, maxZ, maxY, size };
}

/**
 * What the camera keeps in frame: the flight, its shadow, home, and for a hover the patch of
 * MIN_GROUND_METRES around it (centred on the flight, so a long diagonal flight is not framed with
 * the empty corners of its bounding box).
 */
export function framedPoints(points: readonly LocalPoint[]) {
  const box = flightBox(points);
  const [cx, cz, half] = [(box.minX + box.maxX) / 2, (box.minZ + box.maxZ) / 2, MIN_GROUND_METRES / 2];
  return [
    ...outline(points).flatMap((p) => [p, { x: p.x, y: 0, z: p.z }]),
    { x: 0, y: 0, z: 0 },
    ...[cx - half, cx + half].flatMap((x) => [cz - half, cz + half].map((z) => ({ x, y: 0, z }))),
  ];
}

/** At most about FRAMED_POINTS of a long flight (10 a second), keeping its farthest points each way. */
const FRAMED_POINTS = 400;
function outline(points: readonly LocalPoint[]): LocalPoint[] {
  const stride = Math.ceil(points.length / FRAMED_POINTS);
  if (stride <= 1) return [...points];
  const keep = new Set([points.length - 1]);
  const extremes = (value: (p: LocalPoint) => number) => {
    let [lo, hi] = [0, 0];
    points.forEach((p, i) => {
      if (value(p) < value(points[lo]!)) lo = i;
      if (value(p) > value(points[hi]!)) hi = i;
    });
    keep.add(lo).add(hi);
  };
  extremes((p) => p.x);
  extremes((p) => p.y);
  extremes((p) => p.z);
  extremes((p) => p.x + p.z);
  extremes((p) => p.x - p.z);
  return points.filter((_, i) => i % stride === 0 || keep.has(i));
}

/**
 * The first view: across the flight's longest direction (a straight flight seen side-on, not
 * end-on where it would shrink to a dot), a little turned so it still looks 3D.
 */
export function startAngle(points: readonly LocalPoint[]): Angle {
  // Principal direction of the ground track (2×2 covariance).
  const n = Math.max(1, points.length);
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const mz = points.reduce((s, p) => s + p.z, 0) / n;
  let [sxx, szz, sxz] = [0, 0, 0];
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    szz += (p.z - mz) ** 2;
    sxz += (p.x - mx) * (p.z - mz);
  }
  const axis = 0.5 * Math.atan2(2 * sxz, sxx - szz); // angle of the long direction from +x
  // The camera sits at yaw θ in direction (sin θ, cos θ): perpendicular to the axis means θ = -axis.
  return { yaw: -axis + 0.45, pitch: 0.5 };
}

/** The camera's right, up and backward directions for an angle (looking at the target with y up). */
export function cameraBasis({ yaw, pitch }: Angle) {
  const [sy, cy, sp, cp] = [Math.sin(yaw), Math.cos(yaw), Math.sin(pitch), Math.cos(pitch)];
  return {
    back: { x: cp * sy, y: sp, z: cp * cy },
    right: { x: cy, y: 0, z: -sy },
    up: { x: -sp * sy, y: cp, z: -sp * cy },
  };
}

type Vec = { x: number; y: number; z: number };
const NEAR_FAR_RATIO = 0.25;
const dot = (a: Vec, b: Vec) => a.x * b.x + a.y * b.y + a.z * b.z;

/**
 * Where a perspective camera must stand so that every given point fits the frame with
 * FRAME_MARGIN to spare, centred: the flight fills the frame whatever its shape, the frame's
 * aspect ratio or the angle it is seen from.
 */
export function fitCamera(points: readonly Vec[], angle: Angle, fovDegrees: number, aspect: number) {
  const { back, right, up } = cameraBasis(angle);
  const tanV = Math.tan((fovDegrees * Math.PI) / 360) * (1 - FRAME_MARGIN);
  const tanH = tanV * aspect;
  // Each side of the view is a plane; the closest camera has the outermost point on each plane.
  let [toRight, toLeft, toTop, toBottom] = [-Infinity, -Infinity, -Infinity, -Infinity];
  let [nearest, farthest] = [-Infinity, Infinity];
  for (const p of points) {
    const [h, v, b] = [dot(p, right), dot(p, up), dot(p, back)];
    toRight = Math.max(toRight, h + tanH * b);
    toLeft = Math.max(toLeft, -h + tanH * b);
    toTop = Math.max(toTop, v + tanV * b);
    toBottom = Math.max(toBottom, -v + tanV * b);
    [nearest, farthest] = [Math.max(nearest, b), Math.min(farthest, b)];
  }
  const backForWidth = (toRight + toLeft) / (2 * tanH);
  const backForHeight = (toTop + toBottom) / (2 * tanV);
  // Never so close that the nearest point is almost at the lens (a hover seen from straight
  // above): it stays at least a quarter as far away as the farthest, so nothing looks 4× too big.
  const clearance = (nearest - NEAR_FAR_RATIO * farthest) / (1 - NEAR_FAR_RATIO);
  const depth = Math.max(backForWidth, backForHeight, clearance);
  // The direction that sets the distance is centred exactly; the other has room to spare, and is
  // centred as seen (near points move more than far ones when the camera slides).
  const across = depth === backForWidth ? (toRight - toLeft) / 2 : centreAlong(points, right, back, depth);
  const upward = depth === backForHeight && depth !== backForWidth ? (toTop - toBottom) / 2 : centreAlong(points, up, back, depth);
  const position = { x: right.x * across + up.x * upward + back.x * depth, y: right.y * across + up.y * upward + back.y * depth, z: right.z * across + up.z * upward + back.z * depth };
  // Look at the depth of the points' middle (any point on the view axis would do).
  const distance = depth - points.reduce((sum, p) => sum + dot(p, back), 0) / points.length;
  const target = { x: position.x - back.x * distance, y: position.y - back.y * distance, z: position.z - back.z * distance };
  return { target, position, distance };
}

/** The camera's offset along `axis` that puts the points' extremes equally far from the frame's middle. */
function centreAlong(points: readonly Vec[], axis: Vec, back: Vec, cameraDepth: number): number {
  const seen = (p: Vec, offset: number) => (dot(p, axis) - offset) / Math.max(1e-9, cameraDepth - dot(p, back));
  let [lo, hi] = [Infinity, -Infinity];
  for (const p of points) [lo, hi] = [Math.min(lo, dot(p, axis)), Math.max(hi, dot(p, axis))];
  // max + min of what is seen falls as the offset grows: halve the interval until it is 0.
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    let [min, max] = [Infinity, -Infinity];
    for (const p of points) [min, max] = [Math.min(min, seen(p, mid)), Math.max(max, seen(p, mid))];
    if (min + max > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Where a point lands in the frame: -1…1 across and up (what the camera of fitCamera shows). */
export function project(p: Vec, camera: ReturnType<typeof fitCamera>, angle: Angle, fovDegrees: number, aspect: number) {
  const { back, right, up } = cameraBasis(angle);
  const q = { x: p.x - camera.target.x, y: p.y - camera.target.y, z: p.z - camera.target.z };
  const depth = camera.distance - dot(q, back);
  const tanV = Math.tan((fovDegrees * Math.PI) / 360);
  return { x: dot(q, right) / depth / (tanV * aspect), y: dot(q, up) / depth / tanV };
}

/** A round grid step (1, 2 or 5 × 10ⁿ metres) giving about `cells` squares across `metres`. */
export function gridStep(metres: number, cells = 8): number {
  const raw = Math.max(metres, 1) / cells;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw)! * power;
  return step;
}
