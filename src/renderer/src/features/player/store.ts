import { create } from 'zustand';

/** What a resumed lesson starts with: the steps done, the furthest step reached, half-done steps' state. */
export interface Resume {
  done: string[];
  furthest: number;
  drafts: Record<string, unknown>;
}

/** Where the pupil is in the open lesson: the current step, how far they got, which steps are done, half-done steps. */
interface PlayerState {
  /** The lesson this state belongs to ("packId/lessonId"). */
  lessonKey?: string;
  index: number;
  furthest: number;
  done: string[];
  /** Half-done state of steps (items sorted so far, answers chosen), by step id: saved with the place, restored on resume. */
  drafts: Record<string, unknown>;
  finished: boolean;
  /** Follow-me: the teacher's step in this lesson, the furthest the pupil may go (set by the class session layer). */
  followLimit?: { lessonKey: string; step: number };
  start(lessonKey: string, index: number, resume?: Resume): void;
  goTo(index: number): void;
  markDone(stepId: string): void;
  setDraft(stepId: string, state: unknown): void;
  finish(): void;
}

export const usePlayer = create<PlayerState>((set) => ({
  index: 0,
  furthest: 0,
  done: [],
  drafts: {},
  finished: false,
  start: (lessonKey, index, resume) =>
    set({ lessonKey, index, furthest: Math.max(index, resume?.furthest ?? 0), done: resume?.done ?? [], drafts: resume?.drafts ?? {}, finished: false }),
  goTo: (index) => set((s) => ({ index, furthest: Math.max(s.furthest, index), finished: false })),
  markDone: (stepId) => set((s) => (s.done.includes(stepId) ? s : { done: [...s.done, stepId] })),
  setDraft: (stepId, state) => set((s) => ({ drafts: { ...s.drafts, [stepId]: state } })),
  finish: () => set({ finished: true }),
}));
