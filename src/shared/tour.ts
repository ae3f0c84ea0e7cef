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

/**
 * A 360° video tour's clock (the teacher's video): playing or paused, at `position` seconds of the
 * video at `at` (ms on the hub's clock). Every other screen works out where the class is from it.
 */
export interface ClassVideo {
  playing: boolean;
  position: number;
  at: number;
}

/** A screen's video is re-seeked only when it is further than this from the class's moment (seeking every tick stutters on a weak PC). */
export const SEEK_AFTER_SECONDS = 1;
/** A paused class shows the teacher's own frame: a paused screen is put right from this close (a seek costs nothing then). */
export const PAUSED_SEEK_SECONDS = 0.25;

/** A time brought into one loop of a video (an unknown duration leaves it as it is, never below 0). */
function inLoop(seconds: number, duration: number): number {
  if (!(duration > 0) || !Number.isFinite(duration)) return Math.max(0, seconds);
  return ((seconds % duration) + duration) % duration;
}

/** Where the class's video is (seconds) at `hubNow` (ms, the hub's clock): it loops over `duration`. */
export function classPosition(video: ClassVideo, hubNow: number, duration: number): number {
  const elapsed = video.playing ? Math.max(0, hubNow - video.at) / 1000 : 0;
  return inLoop(video.position + elapsed, duration);
}

/** How far apart two moments of a looping video are (seconds): 3.9 s and 0.1 s of a 4 s loop are 0.2 s apart. */
export function secondsApart(a: number, b: number, duration: number): number {
  const apart = Math.abs(a - b);
  return duration > 0 && Number.isFinite(duration) ? Math.min(apart % duration, duration - (apart % duration)) : apart;
}

/**
 * What a screen does to be with the class: play or pause as the class does, and the time to seek to
 * (null: close enough, leave it be). `screen` is its video now: its time and whether it is paused.
 * `seekMs`: how long a seek takes on this screen (its last one): a playing class is met where it will
 * be when the seek is done, or a slow PC would land a second behind and seek again, for ever.
 */
export function followClass(
  video: ClassVideo,
  hubNow: number,
  duration: number,
  screen: { time: number; paused: boolean },
  seekMs = 0,
): { play: boolean; seekTo: number | null } {
  const off = secondsApart(screen.time, classPosition(video, hubNow, duration), duration);
  if (off <= (video.playing ? SEEK_AFTER_SECONDS : PAUSED_SEEK_SECONDS)) return { play: video.playing, seekTo: null };
  return { play: video.playing, seekTo: classPosition(video, hubNow + seekMs, duration) };
}

/** One reading of the hub's clock: its time in an answer, and this screen's clock when it asked and when the answer came (ms). */
export interface ClockReading {
  hubNow: number;
  sentAt: number;
  receivedAt: number;
}

/**
 * The hub's clock minus this screen's (ms), from recent readings. A classroom's PCs are often offline
 * with their clocks far off, so each screen measures: the hub read its clock about halfway through the
 * round trip, and the reading with the shortest round trip (the least waiting in queues) is the truest.
 * No reading yet: 0 (the same clock).
 */
export function hubOffset(readings: readonly ClockReading[]): number {
  let best: ClockReading | undefined;
  for (const r of readings) if (r.receivedAt >= r.sentAt && (!best || r.receivedAt - r.sentAt < best.receivedAt - best.sentAt)) best = r;
  return best ? best.hubNow - (best.sentAt + best.receivedAt) / 2 : 0;
}
