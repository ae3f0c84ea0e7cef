import { clamp, Emitter, type DemoModel } from './types';

const MAX_PITCH = 1.35;
const TURN_RAD_S = 1.2;

/** Where the viewer looks inside a 360° panorama, and whether it is split for cardboard glasses. */
export class LookAround implements DemoModel {
  readonly id = 'look-around' as const;
  private events = new Emitter();
  subscribe = this.events.subscribe;
  yaw = 0;
  pitch = 0;
  stereo = false;
  gyro = false;
  /** Which picture is showing: the built-in village, or the one given in the options once it has loaded. */
  picture: 'sample' | 'imported' = 'sample';
  private held = { yaw: 0, pitch: 0 };

  turn(dYaw: number, dPitch: number): void {
    this.yaw = (((this.yaw + dYaw) % (Math.PI * 2)) + Math.PI * 2) % (Math.PI * 2);
    this.pitch = clamp(this.pitch + dPitch, -MAX_PITCH, MAX_PITCH);
  }

  /** Look this way (radians), as when coming back from a headset view. */
  face(yaw: number, pitch: number): void {
    this.yaw = 0;
    this.pitch = 0;
    this.turn(yaw, pitch);
  }

  /** From a drag: pixels moved and the view's width (a full-width drag turns about half a circle). */
  drag(dx: number, dy: number, width: number): void {
    const perPixel = Math.PI / Math.max(width, 1);
    this.turn(dx * perPixel, dy * perPixel);
  }

  /** From the device's orientation sensor (degrees), when the pupil turns on "move the tablet". */
  orient(alpha: number, beta: number): void {
    if (!this.gyro) return;
    this.yaw = (alpha * Math.PI) / 180;
    this.pitch = clamp(((beta - 90) * Math.PI) / 180, -MAX_PITCH, MAX_PITCH);
  }

  hold(axis: 'yaw' | 'pitch', direction: number): void {
    this.held[axis] = direction;
  }

  tick(dt: number): void {
    if (this.held.yaw || this.held.pitch) this.turn(this.held.yaw * TURN_RAD_S * dt, this.held.pitch * TURN_RAD_S * dt);
  }

  toggleStereo(): void {
    this.stereo = !this.stereo;
    this.events.emit();
  }

  toggleGyro(): void {
    this.gyro = !this.gyro;
    this.events.emit();
  }

  reset(): void {
    this.yaw = this.pitch = 0;
    this.stereo = this.gyro = false;
    this.held.yaw = this.held.pitch = 0;
    this.events.emit();
  }

  /** Compass-style direction 0–359° for tests and the on-screen indicator. */
  get degrees(): number {
    return Math.round((this.yaw * 180) / Math.PI) % 360;
  }

  snapshot() {
    return { yaw: +this.yaw.toFixed(3), pitch: +this.pitch.toFixed(3), degrees: this.degrees, stereo: this.stereo, gyro: this.gyro, picture: this.picture };
  }

  key(key: string, down: boolean): boolean {
    const d = down ? 1 : 0;
    if (key === 'ArrowLeft') this.hold('yaw', d);
    else if (key === 'ArrowRight') this.hold('yaw', -d);
    else if (key === 'ArrowUp') this.hold('pitch', d);
    else if (key === 'ArrowDown') this.hold('pitch', -d);
    else if (down && (key === 'v' || key === 'V')) this.toggleStereo();
    else return false;
    return true;
  }
}
