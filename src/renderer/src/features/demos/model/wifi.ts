import { clamp, Emitter, type DemoModel } from './types';

/** A plan of two houses in metres (x right, z down): ours on the left with the router, the neighbours' on the right. */
export const PLAN = {
  width: 24,
  depth: 12,
  router: { x: -8, z: 3.2 },
  ourHouse: { x0: -11, x1: 2, z0: -5, z1: 5 },
  neighbourHouse: { x0: 4, x1: 11, z0: -5, z1: 5 },
  neighbourPhone: { x: 5.5, z: 3.2 },
  /** The inner wall a pupil can move: a brick wall from the back of the house to a doorway. */
  wall: { z0: -5, z1: 1.5, min: -6.5, max: 1 },
  tabletStart: { x: -1, z: -2.5 },
  wallStart: -4,
} as const;

/** Signal at the router's side, how fast it fades with distance (per metre) and what each wall takes away. */
const RANGE_M = 26;
const WALL_LOSS = 0.18;

/** 1 if the line from the router to (x, z) passes through the wall at wx running from z0 to z1, else 0. */
function crosses(x: number, z: number, wx: number, z0: number, z1: number): number {
  const r = PLAN.router;
  if ((r.x - wx) * (x - wx) >= 0) return 0;
  const zAt = r.z + ((wx - r.x) / (x - r.x)) * (z - r.z);
  return zAt >= z0 && zAt <= z1 ? 1 : 0;
}

export type Movable = 'tablet' | 'wall';

export class WifiSignals implements DemoModel {
  readonly id = 'wifi-signals' as const;
  private events = new Emitter();
  subscribe = this.events.subscribe;
  tablet: { x: number; z: number } = { x: PLAN.tabletStart.x, z: PLAN.tabletStart.z };
  wallX: number = PLAN.wallStart;
  selected: Movable = 'tablet';
  locked = true;
  /** Wave rings grow from the router: a phase 0..1 for the animation. */
  wave = 0;
  private held = { x: 0, z: 0 };

  tick(dt: number): void {
    this.wave = (this.wave + dt * 0.5) % 1;
    if (this.held.x || this.held.z) this.move(this.held.x * dt * 4, this.held.z * dt * 4);
  }

  /** Move the selected thing by a step in metres (buttons and keys). */
  move(dx: number, dz: number): void {
    if (this.selected === 'tablet') this.placeTablet(this.tablet.x + dx, this.tablet.z + dz);
    else this.placeWall(this.wallX + dx);
  }

  placeTablet(x: number, z: number): void {
    this.tablet.x = clamp(x, -PLAN.width / 2 + 0.5, PLAN.width / 2 - 0.5);
    this.tablet.z = clamp(z, -PLAN.depth / 2 + 0.5, PLAN.depth / 2 - 0.5);
    this.changed();
  }

  placeWall(x: number): void {
    this.wallX = clamp(x, PLAN.wall.min, PLAN.wall.max);
    this.changed();
  }

  select(what: Movable): void {
    this.selected = what;
    this.events.emit();
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.events.emit();
  }

  /** Walls crossed by the straight line from the router to a point. */
  wallsBetween(x: number, z: number): number {
    return (
      crosses(x, z, this.wallX, PLAN.wall.z0, PLAN.wall.z1) +
      crosses(x, z, PLAN.ourHouse.x1, PLAN.ourHouse.z0, PLAN.ourHouse.z1) +
      crosses(x, z, PLAN.neighbourHouse.x0, PLAN.neighbourHouse.z0, PLAN.neighbourHouse.z1)
    );
  }

  /** Signal strength 0..1 at a point: fades with distance, and each wall soaks some up. */
  strengthAt(x: number, z: number): number {
    const d = Math.hypot(x - PLAN.router.x, z - PLAN.router.z);
    return clamp(1 - d / RANGE_M - WALL_LOSS * this.wallsBetween(x, z), 0, 1);
  }

  get strength(): number {
    return this.strengthAt(this.tablet.x, this.tablet.z);
  }

  /** 0–4 bars, like the Wi-Fi symbol on a tablet. */
  get bars(): number {
    const s = this.strength;
    return s <= 0.05 ? 0 : s < 0.25 ? 1 : s < 0.45 ? 2 : s < 0.65 ? 3 : 4;
  }

  /** Without a password the neighbour's phone can join whenever the signal reaches it. */
  get neighbourConnected(): boolean {
    return !this.locked && this.strengthAt(PLAN.neighbourPhone.x, PLAN.neighbourPhone.z) > 0.02;
  }

  private lastBars = -1;
  private changed(): void {
    // Re-render the controls only when something a pupil reads has changed.
    const bars = this.bars;
    if (bars !== this.lastBars) {
      this.lastBars = bars;
      this.events.emit();
    }
  }

  reset(): void {
    this.tablet.x = PLAN.tabletStart.x;
    this.tablet.z = PLAN.tabletStart.z;
    this.wallX = PLAN.wallStart;
    this.selected = 'tablet';
    this.locked = true;
    this.held.x = this.held.z = 0;
    this.events.emit();
  }

  snapshot() {
    return {
      tablet: { ...this.tablet },
      wallX: this.wallX,
      selected: this.selected,
      strength: Math.round(this.strength * 100),
      bars: this.bars,
      walls: this.wallsBetween(this.tablet.x, this.tablet.z),
      locked: this.locked,
      neighbourConnected: this.neighbourConnected,
    };
  }

  /** Held direction from a key or a pressed button (-1, 0, 1 per axis). */
  hold(axis: 'x' | 'z', direction: number): void {
    this.held[axis] = direction;
  }

  key(key: string, down: boolean): boolean {
    const dir = down ? 1 : 0;
    if (key === 'ArrowLeft') this.hold('x', -dir);
    else if (key === 'ArrowRight') this.hold('x', dir);
    else if (key === 'ArrowUp') this.hold('z', -dir);
    else if (key === 'ArrowDown') this.hold('z', dir);
    else if (down && (key === 't' || key === 'T')) this.select('tablet');
    else if (down && (key === 'w' || key === 'W')) this.select('wall');
    else if (down && (key === 'l' || key === 'L')) this.toggleLock();
    else return false;
    return true;
  }
}
