/**
 * The guided tour's geometry (issue 19), one place for the hub, the PC view and the headset view.
 * A direction in a 360° picture is a yaw (radians, turning left is positive, 0 is the picture's
 * middle) and a pitch (radians, up is positive), the flat viewer's and the headset's own angles.
 */
export interface Look {
  yaw: number;
  pitch: number;
}

/** A pupil has found the spot when they look within this angle of it (a headset's view is about 90° wide). */
export const FOUND_DEGREES = 20;
/** Further than this from the spot, the spot is out of a screen's or a headset's view: an arrow shows the way. */
export const ARROW_DEGREES = 30;
/** Pupils' screens say where they look at most this often (4 a second); the hub drops reports that come faster. */
export const GAZE_EVERY_MS = 250;

export type TurnWay = 'left' | 'right' | 'up' | 'down';

const DEG = Math.PI / 180;

/** A yaw brought into −π…π (a pupil may have turned round several times). */
export function wrapYaw(yaw: number): number {
  const turned = (((yaw + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return turned - Math.PI;
}

/** The unit vector of a look: −Z ahead, +Y up, +X right (three.js's camera frame). */
export function lookVector({ yaw, pitch }: Look): [number, number, number] {
  return [-Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), -Math.cos(yaw) * Math.cos(pitch)];
}

/** The look along a direction (any length; lookVector's inverse): yaw −π…π, pitch −π/2…π/2. */
export function lookOf([x, y, z]: readonly [number, number, number]): Look {
  const length = Math.hypot(x, y, z);
  return { yaw: Math.atan2(-x, -z), pitch: Math.asin(Math.max(-1, Math.min(1, y / length))) };
}

/** The angle between two looks, in degrees (0…180). */
export function degreesBetween(a: Look, b: Look): number {
  const [ax, ay, az] = lookVector(a);
  const [bx, by, bz] = lookVector(b);
  const dot = Math.max(-1, Math.min(1, ax * bx + ay * by + az * bz));
  return Math.acos(dot) / DEG;
}

/** Whether a look has found the spot. */
export const hasFound = (look: Look, target: Look): boolean => degreesBetween(look, target) <= FOUND_DEGREES;

/**
 * Which way to turn to see the spot: null when it is in view. Sideways first (that is how a head
 * turns); up or down when the spot is roughly ahead but above or below.
 */
export function turnWay(look: Look, target: Look): TurnWay | null {
  if (degreesBetween(look, target) <= ARROW_DEGREES) return null;
  const sideways = wrapYaw(target.yaw - look.yaw);
  if (Math.abs(sideways) > ARROW_DEGREES * DEG * 0.5) return sideways > 0 ? 'left' : 'right';
  return target.pitch > look.pitch ? 'up' : 'down';
}
