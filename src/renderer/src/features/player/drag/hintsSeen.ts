import { invokePlayer } from '../api';
import { usePupil } from '../../pupils/store';

/**
 * Which first-time hands (one per activity type) the child on this screen has seen. A signed-in
 * pupil's are kept with them on this PC (the next child at the PC still sees each hand once); a
 * guest's last until sign-out.
 */
const seenHere = new Set<string>();
let listening = false;

/** Who is learning: the pupil's id, or 'guest' (nothing kept beyond this session). */
function learner(): string {
  const session = usePupil.getState().session;
  return session?.mode === 'pupil' && session.pupil ? session.pupil.id : 'guest';
}
const key = (kind: string) => `${learner()}\n${kind}`;

/** Has this child already seen the hand of `kind`? (When the PC cannot tell, the hand shows: it does no harm.) */
export async function hintSeen(kind: string): Promise<boolean> {
  if (seenHere.has(key(kind))) return true;
  if (learner() === 'guest') return false;
  try {
    return (await invokePlayer('pupils.hintsSeen')).includes(kind);
  } catch {
    return false;
  }
}

/** This child has seen the hand of `kind` (played it through, or touched the activity). */
export function sawHint(kind: string): void {
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    window.addEventListener('kite:before-sign-out', () => seenHere.clear());
  }
  if (seenHere.has(key(kind))) return;
  seenHere.add(key(kind));
  if (learner() !== 'guest') void invokePlayer('pupils.sawHint', { kind }).catch(() => seenHere.delete(key(kind)));
}
