import { create } from 'zustand';
import type { LiveState, SessionState } from '../../../../shared/contract';
import { api } from '../../api/client';

interface LiveStore {
  state?: SessionState;
  /** When the state arrived (this screen's clock): a pause countdown runs from here. */
  receivedAt: number;
  /** This pupil's answer to the open poll (reset when a new poll opens). */
  answer: { pollId: string; optionId: string } | null;
  /** The poll a pupil put aside to go back to the lesson (the session bar brings it back). */
  folded: string | null;
  apply(state: SessionState): void;
  setAnswer(answer: { pollId: string; optionId: string } | null): void;
  fold(pollId: string | null): void;
}

/** The session state every screen follows: from the 'session.state' event and each hello. */
export const useLive = create<LiveStore>((set, get) => ({
  receivedAt: 0,
  answer: null,
  folded: null,
  apply(state) {
    const current = get().state;
    // A copy older than the one on screen (same session) is ignored.
    if (current && state.rev < current.rev && current.live?.id === state.live?.id) return;
    const answer = get().answer;
    set({ state, receivedAt: Date.now(), answer: answer && state.live?.poll?.id === answer.pollId ? answer : null });
  },
  setAnswer: (answer) => set({ answer }),
  fold: (folded) => set({ folded }),
}));

api.on('session.state', (state) => useLive.getState().apply(state));
// A change sent while the stream was closed (the host restarted, the PC slept) never arrives: read the state again when it opens.
api.onEventsOpen(() => void api.invoke('session.state').then((state) => useLive.getState().apply(state), () => undefined));

/** The running session if it is for this pupil's class (undefined otherwise). */
export function useClassSession(classId: string | undefined): LiveState | undefined {
  const live = useLive((s) => s.state?.live);
  return live && classId && live.classId === classId ? live : undefined;
}

/** Seconds of the pause countdown left now, from when the state arrived; null: no countdown. */
export function secondsLeft(live: LiveState | undefined, receivedAt: number, now: number): number | null {
  const left = live?.pause?.secondsLeft;
  if (left === null || left === undefined) return null;
  return Math.max(0, left - Math.floor((now - receivedAt) / 1000));
}

export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
