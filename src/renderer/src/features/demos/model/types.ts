import type { DEMO_IDS } from '../../../../../shared/pack/steps';

export type DemoId = (typeof DEMO_IDS)[number];

/**
 * A demo's simulation, independent of how it is drawn: the 3D scene and the 2D fallback both
 * read the same model, and the test hook reads its snapshot. tick() runs every frame, so it
 * mutates fields in place and never allocates.
 */
export interface DemoModel {
  readonly id: DemoId;
  tick(dt: number): void;
  reset(): void;
  /** A plain copy of the state for tests, narration and the 2D view (allocates: not for the frame loop). */
  snapshot(): Record<string, unknown>;
  /** Discrete changes (a button, a packet arriving) call listeners so the controls re-render. */
  subscribe(listener: () => void): () => void;
  /** A keyboard key (KeyboardEvent.key) pressed or released; returns true when the demo used it. */
  key?(key: string, down: boolean): boolean;
}

export class Emitter {
  private listeners = new Set<() => void>();
  version = 0;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

export const clamp = (v: number, min: number, max: number) => (v < min ? min : v > max ? max : v);
