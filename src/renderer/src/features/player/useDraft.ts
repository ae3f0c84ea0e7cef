import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { usePlayer } from './store';

/**
 * An activity's half-done state (what is sorted, chosen, filled so far), kept like useState but
 * also in the player's store, which saves it with the pupil's place: after a resume the step comes
 * back as the pupil left it. `valid` checks a restored value still fits the step (else it starts fresh).
 */
export function useDraft<T>(stepId: string, fresh: () => T, valid: (saved: unknown) => boolean): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    const saved = usePlayer.getState().drafts[stepId];
    return saved !== undefined && valid(saved) ? (saved as T) : fresh();
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    usePlayer.getState().setDraft(stepId, value);
  }, [stepId, value]);
  return [value, setValue];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A map from ids the step knows to ids the step knows (placements, filled gaps, pairs). */
export const idMap = (keys: readonly string[], values: readonly string[]) => (v: unknown) =>
  isRecord(v) && Object.entries(v).every(([k, x]) => keys.includes(k) && typeof x === 'string' && values.includes(x));

/** A list of ids the step knows (chosen options, found spots). */
export const idList = (ids: readonly string[]) => (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && ids.includes(x));

/** The same ids in some order (a sequence). */
export const idOrder = (ids: readonly string[]) => (v: unknown) => idList(ids)(v) && (v as string[]).length === ids.length && new Set(v as string[]).size === ids.length;
