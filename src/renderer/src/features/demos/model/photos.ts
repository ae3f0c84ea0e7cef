import { Emitter, type DemoModel } from './types';

/** Where a photo can be: your phone, the chat app's servers and the phones of the people in the group. */
export const PLACES = [
  { id: 'mine', x: -8, z: 2 },
  { id: 'server', x: 0, z: -2.5 },
  { id: 'backup', x: 4.5, z: -4.5 },
  { id: 'friend1', x: 6, z: 0 },
  { id: 'friend2', x: 5, z: 3.5 },
  { id: 'friend3', x: 1, z: 4.5 },
  { id: 'forwarded', x: 9.5, z: 4.5 },
] as const;
export type Place = (typeof PLACES)[number]['id'];
const index = (id: Place) => PLACES.findIndex((p) => p.id === id);

/** Each copy travels from one place to another, starting `at` seconds after posting and taking `takes` seconds. */
export const COPY_PLAN: readonly { from: Place; to: Place; at: number; takes: number }[] = [
  { from: 'mine', to: 'server', at: 0, takes: 1.4 },
  { from: 'server', to: 'backup', at: 1.5, takes: 1.2 },
  { from: 'server', to: 'friend1', at: 1.6, takes: 1.3 },
  { from: 'server', to: 'friend2', at: 1.9, takes: 1.3 },
  { from: 'server', to: 'friend3', at: 2.2, takes: 1.3 },
  { from: 'friend2', to: 'forwarded', at: 3.8, takes: 1.3 },
];
export const PLAN_END = 5.2;

export class PhotoCopies implements DemoModel {
  readonly id = 'photo-copies' as const;
  private events = new Emitter();
  subscribe = this.events.subscribe;
  /** Seconds since the photo was posted; −1 before. */
  clock = -1;
  /** Which places hold a copy, by PLACES index. */
  has = new Uint8Array(PLACES.length);
  deleted = false;

  post(): void {
    if (this.clock >= 0) return;
    this.clock = 0;
    this.has[index('mine')] = 1;
    this.events.emit();
  }

  /** "Delete" removes the photo from your own phone only: the copies elsewhere stay. */
  deleteMine(): void {
    if (this.clock < 0 || this.deleted) return;
    this.deleted = true;
    this.has[index('mine')] = 0;
    this.events.emit();
  }

  tick(dt: number): void {
    if (this.clock < 0 || this.clock > PLAN_END) return;
    this.clock += dt;
    for (const copy of COPY_PLAN) {
      const to = index(copy.to);
      if (!this.has[to] && this.clock >= copy.at + copy.takes) {
        this.has[to] = 1;
        this.events.emit();
      }
    }
  }

  /** Progress 0..1 of the copy in flight along COPY_PLAN[i], or −1 when it is not travelling now. */
  flight(i: number): number {
    const copy = COPY_PLAN[i];
    if (!copy || this.clock < copy.at) return -1;
    const f = (this.clock - copy.at) / copy.takes;
    return f >= 1 ? -1 : f;
  }

  get copies(): Place[] {
    return PLACES.filter((_, i) => this.has[i]).map((p) => p.id);
  }

  reset(): void {
    this.clock = -1;
    this.has.fill(0);
    this.deleted = false;
    this.events.emit();
  }

  snapshot() {
    return { posted: this.clock >= 0, deleted: this.deleted, copies: this.copies, settled: this.clock > PLAN_END };
  }

  key(key: string, down: boolean): boolean {
    if (!down) return false;
    if (key === 'p' || key === 'P') this.post();
    else if (key === 'Delete' || key === 'd' || key === 'D') this.deleteMine();
    else return false;
    return true;
  }
}
