import { useEffect, type MutableRefObject } from 'react';
import { degreesBetween, GAZE_EVERY_MS, type Look } from '../../../../shared/tour';

/** Says where the pupil looks; answers whether the hub counts the spot found (a PC through the session call, a headset over /headset). */
export type SendGaze = (look: Look) => Promise<boolean>;

/** Said again now and then even when the pupil holds still, so the teacher's map keeps them. */
const STILL_MS = 2000;

/**
 * While the guided tour is open: tell the hub where this pupil looks, at most 4 times a second and
 * only when the look moved (or now and then); `onFound` hears whether the hub counts the spot found.
 * A new spot (`targetId`) is reported at once.
 */
export function useGazeReport(look: MutableRefObject<Look | null>, targetId: string | null, send: SendGaze, onFound: (found: boolean) => void): void {
  useEffect(() => {
    let sent: Look | null = null;
    let sentAt = 0;
    let busy = false;
    let stopped = false;
    const report = () => {
      const now = look.current;
      if (!now || busy || (sent && degreesBetween(now, sent) < 1 && Date.now() - sentAt < STILL_MS)) return;
      busy = true;
      sent = now;
      sentAt = Date.now();
      send(now)
        .then((found) => !stopped && onFound(found), () => undefined)
        .finally(() => (busy = false));
    };
    const timer = setInterval(report, GAZE_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [look, targetId]); // eslint-disable-line react-hooks/exhaustive-deps
}
