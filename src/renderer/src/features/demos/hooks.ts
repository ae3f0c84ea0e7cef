import { useEffect, useReducer, useRef } from 'react';
import type { AnyDemoModel } from './model';

/** Re-render when the model reports a discrete change (not every frame). */
export function useModel(model: AnyDemoModel): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => model.subscribe(bump), [model]);
}

/**
 * The 2D version's frame loop: ticks the model and re-renders the SVG, and stops while the page
 * is hidden (like the 3D engine).
 */
export function useFrameLoop(model: AnyDemoModel, active: boolean): number {
  const [frame, bump] = useReducer((n: number) => n + 1, 0);
  const last = useRef(0);
  useEffect(() => {
    if (!active) return;
    let raf = 0;
    const loop = (now: number) => {
      const dt = last.current ? Math.min((now - last.current) / 1000, 0.25) : 0;
      last.current = now;
      model.tick(dt);
      bump();
      raf = requestAnimationFrame(loop);
    };
    const start = () => {
      cancelAnimationFrame(raf);
      last.current = 0;
      if (!document.hidden) raf = requestAnimationFrame(loop);
    };
    start();
    document.addEventListener('visibilitychange', start);
    return () => {
      cancelAnimationFrame(raf);
      document.removeEventListener('visibilitychange', start);
    };
  }, [model, active]);
  return frame;
}
