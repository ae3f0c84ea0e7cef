/** How long a look at a button presses it, for headsets without controllers. */
export const DWELL_MS = 1500;
/** The most one frame counts: a stall (entering VR, a slow frame) is not time spent looking. */
const MAX_FRAME_MS = 100;

/**
 * Gaze "clicks": looking at the same button for `ms` presses it once. Looking away resets the
 * timer, and a pressed button must be looked away from before it can be pressed again (no repeats
 * while the pupil keeps looking). update() runs every frame and does not allocate.
 */
export class Dwell<T> {
  private target: T | null = null;
  private elapsed = 0;
  private fired = false;

  constructor(private readonly ms = DWELL_MS) {}

  /** How far the current look is towards a press, 0…1 (for the ring that fills). */
  get progress(): number {
    return this.fired ? 0 : Math.min(1, this.elapsed / this.ms);
  }

  /** The button looked at this frame (or null) and the ms since the last frame; returns the button pressed now, if any. */
  update(target: T | null, dtMs: number): T | null {
    if (target !== this.target) {
      this.target = target;
      this.elapsed = 0;
      this.fired = false;
      return null;
    }
    if (target === null || this.fired) return null;
    this.elapsed += Math.min(dtMs, MAX_FRAME_MS);
    if (this.elapsed < this.ms) return null;
    this.fired = true;
    return target;
  }

  reset(): void {
    this.target = null;
    this.elapsed = 0;
    this.fired = false;
  }
}
