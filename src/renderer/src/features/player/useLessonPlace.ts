import { useCallback, useEffect } from 'react';
import type { LessonView } from '../../../../shared/contract/lessons';
import { invokePlayer } from './api';
import { usePlayer } from './store';

/** How long a half-done step waits for the pupil to stop tapping before its state is saved. */
const DRAFT_SAVE_MS = 1200;

/**
 * Remember the place in a lesson: the open step, the steps done, and the open step's half-done
 * state. Saved when asked, before the pupil signs out, and when the player closes. Call it before
 * the effect that starts the lesson: on leaving, the place is saved before that one clears it.
 */
export function useLessonPlace({ pack, lesson }: LessonView, key: string): () => Promise<unknown> {
  const steps = lesson.steps;
  const savePlace = useCallback(() => {
    const state = usePlayer.getState();
    const open = steps[state.index];
    if (state.lessonKey !== key || state.finished || !open) return Promise.resolve();
    const draft = state.drafts[open.id];
    return invokePlayer('progress.savePosition', {
      packId: pack.id,
      lessonId: lesson.id,
      packVersion: pack.version,
      stepId: open.id,
      done: state.done,
      ...(draft === undefined ? {} : { draft: { stepId: open.id, state: draft } }),
    }).catch(() => undefined);
  }, [key, steps, pack.id, pack.version, lesson.id]);

  useEffect(() => {
    const beforeSignOut = (e: Event) => (e as CustomEvent<{ waitUntil(p: Promise<unknown>): void }>).detail.waitUntil(savePlace());
    window.addEventListener('kite:before-sign-out', beforeSignOut);
    return () => {
      window.removeEventListener('kite:before-sign-out', beforeSignOut);
      void savePlace();
    };
  }, [savePlace]);

  return savePlace;
}

/** A half-done step is saved once the pupil pauses (and when they leave or sign out, above). */
export function useDraftSaving(ready: boolean, draft: unknown, savePlace: () => Promise<unknown>): void {
  useEffect(() => {
    if (!ready || draft === undefined) return;
    const timer = setTimeout(() => void savePlace(), DRAFT_SAVE_MS);
    return () => clearTimeout(timer);
  }, [ready, draft, savePlace]);
}
