import { clamp, Emitter, type DemoModel } from './types';

/** The rules shown while flying, in metres (kept general: see the narration text). */
export const ALTITUDE_LIMIT_M = 120;
export const SIGHT_LIMIT_M = 400;
/** A small airfield beside the village: a no-fly zone the drone refuses to enter. */
export const NO_FLY = { x: 0, z: -300, radius: 90, warnAt: 60 } as const;
export const WORLD_HALF = 600;

/** Gentle hills from a few waves; flat around the school yard where the drone takes off. */
export function groundHeight(x: number, z: number): number {
  const hills = 22 * Math.sin(x * 0.011) * Math.cos(z * 0.009) + 14 * Math.sin((x + z) * 0.017) + 10;
  const fromSchool = Math.hypot(x, z);
  const flat = clamp((fromSchool - 60) / 120, 0, 1);
  const fromAirfield = Math.hypot(x - NO_FLY.x, z - NO_FLY.z);
  const airfieldFlat = clamp((fromAirfield - NO_FLY.radius) / 80, 0, 1);
  return hills * flat * airfieldFlat;
}

type Control = 'up' | 'down' | 'forward' | 'back' | 'left' | 'right';
const CLIMB_M_S = 15;
const SPEED_M_S = 22;
const TURN_RAD_S = 1.4;
/** How long a rule's notice stays after the moment it applied. */
const NOTICE_S = 3;
// Module-level lists so the frame loop does not build arrays.
const CONTROLS = ['up', 'down', 'forward', 'back', 'left', 'right'] as const;
const NOTICES = ['altitude', 'noFly', 'sight'] as const;

export class FlyDrone implements DemoModel {
  readonly id = 'fly-drone' as const;
  private events = new Emitter();
  subscribe = this.events.subscribe;
  x = 0;
  z = 0;
  /** Height above the take-off point, as a drone's screen shows it. */
  altitude = 0;
  heading = 0;
  private held: Record<Control, number> = { up: 0, down: 0, forward: 0, back: 0, left: 0, right: 0 };
  /** Seconds left on each notice (0 = not shown). */
  notices = { altitude: 0, noFly: 0, sight: 0 };
  /** How many times a rule stopped the drone (for tests and the teacher's talk). */
  stopped = { altitude: 0, noFly: 0 };
  maxAltitude = 0;
  private blocked = false;

  hold(control: Control, on: boolean): void {
    this.held[control] = on ? 1 : 0;
  }

  /** A tap on a button (or Enter on it): fly that way for a short moment. */
  nudge(control: Control): void {
    this.held[control] = 0.6;
  }

  tick(dt: number): void {
    const h = this.held;
    const turn = h.left > 0 ? 1 : 0;
    const turnRight = h.right > 0 ? 1 : 0;
    this.heading += (turn - turnRight) * TURN_RAD_S * dt;
    const climb = (h.up > 0 ? 1 : 0) - (h.down > 0 ? 1 : 0);
    const move = (h.forward > 0 ? 1 : 0) - (h.back > 0 ? 1 : 0);
    // A nudge (value below 1) counts down; a held button stays at 1.
    for (const c of CONTROLS) if (h[c] > 0 && h[c] < 1) h[c] = Math.max(0, h[c] - dt);

    let alt = this.altitude + climb * CLIMB_M_S * dt;
    if (alt > ALTITUDE_LIMIT_M) {
      alt = ALTITUDE_LIMIT_M;
      // Count and announce once per push against the limit, not every frame.
      const announce = this.notices.altitude === 0;
      this.notices.altitude = NOTICE_S;
      if (announce) {
        this.stopped.altitude++;
        this.events.emit();
      }
    }
    const nx = clamp(this.x - Math.sin(this.heading) * move * SPEED_M_S * dt, -WORLD_HALF, WORLD_HALF);
    const nz = clamp(this.z - Math.cos(this.heading) * move * SPEED_M_S * dt, -WORLD_HALF, WORLD_HALF);
    const toZone = Math.hypot(nx - NO_FLY.x, nz - NO_FLY.z);
    const blocked = toZone < NO_FLY.radius;
    if (blocked) {
      // Like a real drone's geofence: it will not fly in.
      const announce = this.notices.noFly === 0;
      if (!this.blocked) this.stopped.noFly++;
      this.notices.noFly = NOTICE_S;
      if (announce) this.events.emit();
    }
    this.blocked = blocked;
    if (!blocked) {
      this.x = nx;
      this.z = nz;
      if (toZone < NO_FLY.radius + NO_FLY.warnAt) this.setNotice('noFly');
    }
    if (Math.hypot(this.x, this.z) > SIGHT_LIMIT_M) this.setNotice('sight');
    // Never below the ground under it (take-off point is height 0).
    this.altitude = Math.max(alt, groundHeight(this.x, this.z) + 1 - groundHeight(0, 0), 0);
    if (this.altitude > this.maxAltitude) this.maxAltitude = this.altitude;
    for (const n of NOTICES) {
      if (this.notices[n] > 0) {
        this.notices[n] = Math.max(0, this.notices[n] - dt);
        if (this.notices[n] === 0) this.events.emit();
      }
    }
  }

  private setNotice(which: 'noFly' | 'sight'): void {
    const shown = this.notices[which] > 0;
    this.notices[which] = Math.max(this.notices[which], 1);
    if (!shown) this.events.emit();
  }

  get distance(): number {
    return Math.hypot(this.x, this.z);
  }

  reset(): void {
    this.x = this.z = this.altitude = this.heading = this.maxAltitude = 0;
    for (const c of CONTROLS) this.held[c] = 0;
    this.notices.altitude = this.notices.noFly = this.notices.sight = 0;
    this.stopped.altitude = this.stopped.noFly = 0;
    this.blocked = false;
    this.events.emit();
  }

  snapshot() {
    return {
      x: Math.round(this.x),
      z: Math.round(this.z),
      altitude: Math.round(this.altitude),
      maxAltitude: Math.round(this.maxAltitude),
      distance: Math.round(this.distance),
      heading: +this.heading.toFixed(2),
      notices: { altitude: this.notices.altitude > 0, noFly: this.notices.noFly > 0, sight: this.notices.sight > 0 },
      stopped: { ...this.stopped },
    };
  }

  key(key: string, down: boolean): boolean {
    const map: Record<string, Control> = {
      PageUp: 'up', PageDown: 'down', ' ': 'up', Shift: 'down', q: 'up', e: 'down',
      ArrowUp: 'forward', ArrowDown: 'back', ArrowLeft: 'left', ArrowRight: 'right', w: 'forward', s: 'back', a: 'left', d: 'right',
    };
    const control = map[key.length === 1 ? key.toLowerCase() : key];
    if (!control) return false;
    this.hold(control, down);
    return true;
  }
}
