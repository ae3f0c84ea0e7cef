import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent } from 'react';

/** How far (px) a finger may wander before a press becomes a drag; less is a tap. */
const DRAG_AFTER_PX = 10;
/** Near the window's top or bottom edge a drag scrolls the page, so far targets can be reached. */
const EDGE_PX = 56;
const EDGE_STEP_PX = 18;

/** One press: where it began, and (once it moves far enough) the drag it became. */
interface Press {
  id: string;
  pointerId: number;
  element: HTMLElement;
  startX: number;
  startY: number;
  startScroll: number;
  dragging: boolean;
  over?: string;
}

export interface PointerDragOptions {
  /** Put item `itemId` on target `targetId` (only called for a target that `accepts` it). */
  onDrop: (itemId: string, targetId: string) => void;
  /** Whether a target takes this item (default: every target). */
  accepts?: (itemId: string, targetId: string) => boolean;
  /** A press lifted an item (sound, speech, forgetting a tap selection). */
  onLift?: (itemId: string) => void;
  /** Nothing may be dragged (the step is settled). */
  disabled?: boolean;
}

/**
 * Drag with a finger, pen or mouse, by pointer events (HTML5 drag-and-drop does nothing for touch).
 * Spread `source(id)` on each item (a button: a press that does not move stays its ordinary click,
 * so tap-then-tap and the keyboard keep working) and `target(id)` on each place it may go. A lifted
 * item follows the finger; the target under it is `over` (style it with `dropClass`); letting go on
 * a target calls `onDrop`, anywhere else puts the item back. Items carry `touch-action: none`
 * (the .drag-source class), so a drag never scrolls the page.
 */
/** While a finger drags, its touch moves are the drag's alone (not a scroll the browser starts). */
const holdStill = (e: TouchEvent) => e.preventDefault();

export function usePointerDrag(options: PointerDragOptions) {
  const [lifted, setLifted] = useState<string>();
  const [over, setOver] = useState<string>();
  const press = useRef<Press | undefined>(undefined);
  /** The click that follows a drag's pointerup is not a tap. */
  const swallowClick = useRef(false);
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  const place = (p: Press, x: number, y: number) => {
    const dx = x - p.startX;
    const dy = y - p.startY + (window.scrollY - p.startScroll);
    // A little smaller and tilted, as if picked up, so the target's glow shows around it.
    p.element.style.transform = `translate(${dx}px, ${dy}px) scale(0.9) rotate(-2deg)`;
  };

  const targetAt = (p: Press, x: number, y: number): string | undefined => {
    const scope = p.element.closest('.activity') ?? document.body;
    for (const element of document.elementsFromPoint(x, y)) {
      // The lifted item itself is under the finger: look past it.
      if (p.element.contains(element)) continue;
      const target = element.closest<HTMLElement>('[data-drop-target]');
      if (!target || !scope.contains(target)) continue;
      const id = target.dataset.dropTarget as string;
      const { accepts } = latest.current;
      return !accepts || accepts(p.id, id) ? id : undefined;
    }
    return undefined;
  };

  const finish = (drop: boolean) => {
    const p = press.current;
    press.current = undefined;
    window.removeEventListener('touchmove', holdStill);
    if (!p) return;
    if (p.element.hasPointerCapture(p.pointerId)) p.element.releasePointerCapture(p.pointerId);
    if (!p.dragging) return;
    swallowClick.current = true;
    // The item glides back (or into place, when the drop moves it there).
    p.element.style.transition = 'transform 180ms ease-out';
    p.element.style.transform = '';
    setLifted(undefined);
    setOver(undefined);
    if (drop && p.over !== undefined) latest.current.onDrop(p.id, p.over);
  };

  // A drag in progress when the step goes away (or settles) is dropped nowhere.
  useEffect(() => () => finish(false), []);
  useEffect(() => {
    if (options.disabled) finish(false);
  }, [options.disabled]);

  const source = (id: string) => ({
    'data-drag-item': id,
    onPointerDown(e: ReactPointerEvent<HTMLElement>) {
      swallowClick.current = false;
      if (latest.current.disabled || press.current || (e.pointerType === 'mouse' && e.button !== 0)) return;
      const element = e.currentTarget;
      element.setPointerCapture(e.pointerId);
      press.current = { id, pointerId: e.pointerId, element, startX: e.clientX, startY: e.clientY, startScroll: window.scrollY, dragging: false };
    },
    onPointerMove(e: ReactPointerEvent<HTMLElement>) {
      const p = press.current;
      if (!p || p.pointerId !== e.pointerId) return;
      if (!p.dragging) {
        if (Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < DRAG_AFTER_PX) return;
        p.dragging = true;
        // No scroll, and so no fling after a quick drop that would swallow the next tap.
        window.addEventListener('touchmove', holdStill, { passive: false });
        p.element.style.transition = 'none';
        setLifted(p.id);
        latest.current.onLift?.(p.id);
      }
      e.preventDefault();
      if (e.clientY < EDGE_PX) window.scrollBy({ top: -EDGE_STEP_PX, behavior: 'instant' });
      else if (e.clientY > window.innerHeight - EDGE_PX) window.scrollBy({ top: EDGE_STEP_PX, behavior: 'instant' });
      place(p, e.clientX, e.clientY);
      const target = targetAt(p, e.clientX, e.clientY);
      if (target !== p.over) {
        p.over = target;
        setOver(target);
      }
    },
    onPointerUp(e: ReactPointerEvent<HTMLElement>) {
      if (press.current?.pointerId === e.pointerId) finish(true);
    },
    onPointerCancel(e: ReactPointerEvent<HTMLElement>) {
      if (press.current?.pointerId === e.pointerId) finish(false);
    },
    onClickCapture(e: ReactMouseEvent<HTMLElement>) {
      if (!swallowClick.current) return;
      swallowClick.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
  });

  const target = (id: string) => ({ 'data-drop-target': id });

  /** Classes for a drop target: ready to take an item (by default while one is lifted), over while the finger is on it. */
  const dropClass = (id: string, ready = lifted !== undefined) => `${ready ? ' is-drop-ready' : ''}${over === id ? ' is-drop-over' : ''}`;
  /** Classes for an item: a drag source, and lifted while it follows the finger. */
  const sourceClass = (id: string) => (options.disabled ? '' : ` drag-source${lifted === id ? ' is-lifted' : ''}`);

  return { source, target, lifted, over, dropClass, sourceClass };
}
