import { useEffect } from 'react';
import { usePupil } from './store';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/** After the teacher's idle time without any input, save and go back to the sign-in screen. */
export function useIdleSignOut(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(fire, minutes * 60_000);
    function fire() {
      void usePupil.getState().signOut();
    }
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(fire, minutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, reset);
    };
  }, [minutes, active]);
}
