import { hubOffset, type ClockReading } from '../../../../shared/tour';

/** The latest readings of the hub's clock on this screen (the best of them sets the offset). */
const readings: ClockReading[] = [];
const KEEP = 8;
let offset = 0;

/**
 * Note the hub's clock from an answer (`hubNow`, absent from an older hub) to a call this screen sent
 * at `sentAt` (its own clock, Date.now()). Hellos, gaze reports and the teacher's dashboard carry one.
 */
export function noteHubClock(hubNow: number | undefined, sentAt: number): void {
  if (typeof hubNow !== 'number') return;
  readings.push({ hubNow, sentAt, receivedAt: Date.now() });
  if (readings.length > KEEP) readings.shift();
  offset = hubOffset(readings);
}

/** The hub's clock now (ms), as well as this screen can tell: a video tour's class clock runs on it. */
export const hubNow = (): number => Date.now() + offset;

/** Ask the hub (`call`) and note its clock from the answer's `now`. */
export async function timed<T extends { now?: number }>(call: () => Promise<T>): Promise<T> {
  const sentAt = Date.now();
  const answer = await call();
  noteHubClock(answer.now, sentAt);
  return answer;
}
