import { create } from 'zustand';

/** Where the pupil is in the open lesson: the current step, how far they got, which steps are done. */
interface PlayerState {
  /** The lesson this state belongs to ("packId/lessonId"). */
  lessonKey?: string;
  index: number;
  furthest: number;
  done: string[];
  finished: boolean;
  start(lessonKey: string, index: number): void;
  goTo(index: number): void;
  markDone(stepId: string): void;
  finish(): void;
}

export const usePlayer = create<PlayerState>((set) => ({
  index: 0,
  furthest: 0,
  done: [],
  finished: false,
  start: (lessonKey, index) => set({ lessonKey, index, furthest: index, done: [], finished: false }),
  goTo: (index) => set((s) => ({ index, furthest: Math.max(s.furthest, index), finished: false })),
  markDone: (stepId) => set((s) => (s.done.includes(stepId) ? s : { done: [...s.done, stepId] })),
  finish: () => set({ finished: true }),
}));
