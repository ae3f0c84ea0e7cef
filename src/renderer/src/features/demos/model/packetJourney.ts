import { Emitter, type DemoModel } from './types';

/** The places a message passes, left to right; x/z are world units shared by the 3D and 2D views. */
export const NODES = [
  { id: 'pc', x: -10, z: 0 },
  { id: 'school', x: -6.8, z: 0 },
  { id: 'county', x: -3.4, z: 0 },
  { id: 'fibreA', x: 0, z: -3.2 },
  { id: 'fibreB', x: 0, z: 3.2 },
  { id: 'datacentre', x: 3.4, z: 0 },
  { id: 'tower', x: 6.8, z: 0 },
  { id: 'phone', x: 10, z: 0 },
] as const;

/** Links as pairs of node indexes. The two fibre lines are the ones a pupil can cut. */
export const LINKS: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 5], [2, 4], [4, 5], [5, 6], [6, 7],
];
export const CUTTABLE = { A: 2, B: 4 } as const; // index into LINKS: county–fibre A, county–fibre B
export type Line = keyof typeof CUTTABLE;

export const MAX_PACKETS = 8;
const CHARS_PER_PACKET = 3;
export const MAX_MESSAGE = MAX_PACKETS * CHARS_PER_PACKET;
const PHONE = NODES.length - 1;

export interface Packet {
  n: number;
  text: string;
  from: number;
  to: number;
  /** 0..1 along the link from → to; negative while waiting to leave the PC. */
  t: number;
  speed: number;
  arrived: boolean;
  waiting: boolean;
  route: number[];
}

/** Split a message into numbered packets of a few characters (Chinese characters count as one). */
export function splitMessage(message: string): string[] {
  const chars = Array.from(message.trim()).slice(0, MAX_MESSAGE);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += CHARS_PER_PACKET) parts.push(chars.slice(i, i + CHARS_PER_PACKET).join(''));
  return parts;
}

export class PacketJourney implements DemoModel {
  readonly id = 'packet-journey' as const;
  private events = new Emitter();
  subscribe = this.events.subscribe;
  message = '';
  packets: Packet[] = [];
  cut = new Set<Line>();
  /** Packet numbers in the order they reached the phone. */
  arrivals: number[] = [];
  private distance = new Int32Array(NODES.length);
  private queue = new Int32Array(NODES.length);

  constructor() {
    this.computeDistances();
  }

  send(message: string): boolean {
    const parts = splitMessage(message);
    if (parts.length === 0) return false;
    this.message = parts.join('');
    this.arrivals = [];
    // Each packet leaves a moment after the last and travels at its own pace, so they can overtake.
    this.packets = parts.map((text, n) => ({ n: n + 1, text, from: 0, to: 1, t: -0.45 * n, speed: 0.75 + ((n * 37) % 5) * 0.14, arrived: false, waiting: false, route: [0] }));
    this.events.emit();
    return true;
  }

  isCut(line: Line): boolean {
    return this.cut.has(line);
  }

  toggleCut(line: Line): void {
    if (this.cut.has(line)) this.cut.delete(line);
    else this.cut.add(line);
    this.computeDistances();
    // A packet on a cable that was just cut goes back to where it came from and finds another way.
    for (const p of this.packets) {
      if (!p.arrived && p.t > 0 && this.linkCut(p.from, p.to)) {
        const back = p.from;
        p.from = p.to;
        p.to = back;
        p.t = 1 - p.t;
      }
    }
    this.events.emit();
  }

  tick(dt: number): void {
    for (const p of this.packets) {
      if (p.arrived) continue;
      if (p.waiting) {
        this.chooseNext(p, p.from);
        continue;
      }
      p.t += dt * p.speed;
      if (p.t < 1) continue;
      const at = p.to;
      p.route.push(at);
      if (at === PHONE) {
        p.arrived = true;
        p.t = 1;
        this.arrivals.push(p.n);
        this.events.emit();
        continue;
      }
      this.chooseNext(p, at);
    }
  }

  private chooseNext(p: Packet, at: number): void {
    const d = this.distance[at] as number;
    // Among the neighbours one step nearer the phone, packets take turns (odd numbers one road, even the other).
    let options = 0;
    for (let i = 0; i < LINKS.length; i++) if (this.nearerNeighbour(i, at, d) >= 0) options++;
    let choice = -1;
    let k = options > 0 ? p.n % options : -1;
    for (let i = 0; i < LINKS.length && choice < 0; i++) {
      const next = this.nearerNeighbour(i, at, d);
      if (next >= 0 && k-- === 0) choice = next;
    }
    const wasWaiting = p.waiting;
    p.from = at;
    p.t = 0;
    p.waiting = choice < 0;
    if (choice >= 0) p.to = choice;
    if (wasWaiting !== p.waiting) this.events.emit();
  }

  /** The other end of link i if it starts at `at`, is not cut and leads one hop nearer the phone; else −1. */
  private nearerNeighbour(i: number, at: number, d: number): number {
    const [a, b] = LINKS[i] as readonly [number, number];
    const next = a === at ? b : b === at ? a : -1;
    return next >= 0 && d > 0 && !this.isLinkIndexCut(i) && this.distance[next] === d - 1 ? next : -1;
  }

  private isLinkIndexCut(i: number): boolean {
    return (i === CUTTABLE.A && this.cut.has('A')) || (i === CUTTABLE.B && this.cut.has('B'));
  }

  private linkCut(a: number, b: number): boolean {
    return LINKS.some(([x, y], i) => ((x === a && y === b) || (x === b && y === a)) && this.isLinkIndexCut(i));
  }

  /** Hops from every node to the phone over links that are not cut (−1: no way through). */
  private computeDistances(): void {
    this.distance.fill(-1);
    this.distance[PHONE] = 0;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = PHONE;
    while (head < tail) {
      const at = this.queue[head++] as number;
      for (let i = 0; i < LINKS.length; i++) {
        if (this.isLinkIndexCut(i)) continue;
        const [a, b] = LINKS[i] as readonly [number, number];
        const next = a === at ? b : b === at ? a : -1;
        if (next >= 0 && this.distance[next] === -1) {
          this.distance[next] = (this.distance[at] as number) + 1;
          this.queue[tail++] = next;
        }
      }
    }
  }

  /** The message as the phone puts it back together: packets in number order, gaps for those still travelling. */
  reassembled(): string {
    return this.packets.map((p) => (p.arrived ? p.text : '…')).join('');
  }

  get complete(): boolean {
    return this.packets.length > 0 && this.packets.every((p) => p.arrived);
  }

  get stuck(): boolean {
    return this.packets.some((p) => p.waiting);
  }

  reset(): void {
    this.message = '';
    this.packets = [];
    this.arrivals = [];
    this.cut.clear();
    this.computeDistances();
    this.events.emit();
  }

  snapshot() {
    return {
      message: this.message,
      cut: [...this.cut],
      packets: this.packets.map((p) => ({ n: p.n, text: p.text, arrived: p.arrived, waiting: p.waiting, route: p.route.map((i) => NODES[i]?.id) })),
      arrivals: [...this.arrivals],
      reassembled: this.reassembled(),
      complete: this.complete,
      stuck: this.stuck,
    };
  }

  key(key: string, down: boolean): boolean {
    if (!down) return false;
    if (key === 'a' || key === 'A') this.toggleCut('A');
    else if (key === 'b' || key === 'B') this.toggleCut('B');
    else return false;
    return true;
  }
}
