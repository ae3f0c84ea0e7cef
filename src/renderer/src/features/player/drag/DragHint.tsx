import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { hintSeen, sawHint } from './hintsSeen';

/** Milliseconds without a touch before the hand shows the gesture again. */
const IDLE_MS = 9000;

interface Spot {
  x: number;
  y: number;
}

/**
 * A gentle moving hand that shows a child who cannot read what to do: press an item and slide it
 * onto a target (or, with no target, tap). It plays the first time a pupil meets this kind of
 * activity (remembered with the pupil on this PC: hintsSeen), and again after some idle seconds;
 * any touch or key hides it. With reduced motion the hand stands still on the item and a dotted
 * line shows the way. Purely visual (aria-hidden): the spoken instruction says the same.
 *
 * `from` and `to` are CSS selectors inside `scope` (the activity, which is `position: relative`).
 */
export function DragHint({ kind, scope, from, to, enabled }: { kind: string; scope: RefObject<HTMLElement | null>; from: string; to?: string; enabled: boolean }) {
  /** Where the hand goes while it plays; undefined while it rests. */
  const [spots, setSpots] = useState<{ from: Spot; to: Spot }>();
  /** Start the idle wait again (after a touch, or when the hand has finished). */
  const wait = useRef(() => undefined as void);

  useEffect(() => {
    const root = scope.current;
    if (!enabled || !root) return;
    const centre = (selector: string | undefined): Spot | undefined => {
      const element = selector ? root.querySelector(selector) : null;
      if (!element) return undefined;
      const box = root.getBoundingClientRect();
      const r = element.getBoundingClientRect();
      return { x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2 };
    };
    const show = () => {
      const start = centre(from);
      setSpots(start && { from: start, to: centre(to) ?? start });
    };
    let idle: ReturnType<typeof setTimeout> | undefined;
    wait.current = () => {
      clearTimeout(idle);
      idle = setTimeout(show, IDLE_MS);
    };
    // Any press or key inside the activity hides the hand and starts the idle wait again.
    const interrupted = () => {
      setSpots(undefined);
      sawHint(kind);
      wait.current();
    };
    // The first time this child meets this kind of activity (kept per pupil), the hand plays at once.
    let gone = false;
    let first: number | undefined;
    void hintSeen(kind).then((seen) => {
      if (!gone && !seen) first = requestAnimationFrame(show);
    });
    wait.current();
    root.addEventListener('pointerdown', interrupted);
    root.addEventListener('keydown', interrupted);
    return () => {
      gone = true;
      if (first !== undefined) cancelAnimationFrame(first);
      clearTimeout(idle);
      setSpots(undefined);
      root.removeEventListener('pointerdown', interrupted);
      root.removeEventListener('keydown', interrupted);
    };
  }, [enabled, kind, scope, from, to]);

  if (!enabled || !spots) return null;
  const style = {
    '--from-x': `${spots.from.x}px`,
    '--from-y': `${spots.from.y}px`,
    '--to-x': `${spots.to.x}px`,
    '--to-y': `${spots.to.y}px`,
  } as CSSProperties;
  const tap = spots.from.x === spots.to.x && spots.from.y === spots.to.y;
  return (
    <div className={`drag-hint${tap ? ' is-tap' : ''}`} style={style} aria-hidden="true">
      {!tap && (
        <svg className="drag-hint-path" width="100%" height="100%">
          <line x1={spots.from.x} y1={spots.from.y} x2={spots.to.x} y2={spots.to.y} />
        </svg>
      )}
      <span
        className="drag-hint-hand"
        onAnimationEnd={() => {
          setSpots(undefined);
          sawHint(kind);
          wait.current();
        }}
      >
        <span className="drag-hint-touch" />
        <svg viewBox="0 0 64 64" width="64" height="64" focusable="false">
          <path
            d="M24 6c-3 0-5 2.2-5 5v25l-4.5-4.5c-2-2-5.2-2-7.1 0-1.9 1.9-1.9 5 0 7L20 52c3.2 4 7.4 7 13 7h6c8.3 0 15-6.7 15-15V31c0-2.8-2.2-5-5-5s-5 2.2-5 5v-2c0-2.8-2.2-5-5-5s-5 2.2-5 5v-1c0-2.8-2.2-5-5-5-1.1 0-2 .3-3 .9V11c0-2.8-2.2-5-5-5z"
            fill="#fff6e8"
            stroke="#6b3f1d"
            strokeWidth="3"
            strokeLinejoin="round"
          />
        </svg>
      </span>
    </div>
  );
}
