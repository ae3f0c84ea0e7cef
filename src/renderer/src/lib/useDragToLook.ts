import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * Look around a 3D view by dragging (mouse, pen or a finger) or with the arrow keys: the handlers for
 * its element. `look(dYaw, dPitch)` turns the view, in radians. `dragYaw` is +1 when dragging to the
 * right turns the yaw up (a 360° photo pulled along), -1 when it turns it down (a camera swung round a
 * scene); the arrow keys always turn the way the key points. `onTap` gets a press that did not drag
 * (at most a few pixels), where it was on the element.
 */
export function useDragToLook(
  look: (dYaw: number, dPitch: number) => void,
  { pixelsPerRadian, dragYaw, keyStep, onTap }: { pixelsPerRadian: number; dragYaw: 1 | -1; keyStep: { yaw: number; pitch: number }; onTap?: (at: { x: number; y: number }) => void },
) {
  const drag = useRef<{ x: number; y: number; moved: number } | null>(null);
  const keys: Record<string, [number, number]> = {
    ArrowLeft: [dragYaw * keyStep.yaw, 0],
    ArrowRight: [-dragYaw * keyStep.yaw, 0],
    ArrowUp: [0, keyStep.pitch],
    ArrowDown: [0, -keyStep.pitch],
  };
  const stop = () => (drag.current = null);
  const TAP_PX = 6;
  return {
    onKeyDown: (e: KeyboardEvent) => {
      const move = keys[e.key];
      if (!move) return;
      e.preventDefault();
      look(...move);
    },
    onPointerDown: (e: PointerEvent) => {
      drag.current = { x: e.clientX, y: e.clientY, moved: 0 };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent) => {
      if (!drag.current) return;
      look((dragYaw * (e.clientX - drag.current.x)) / pixelsPerRadian, (e.clientY - drag.current.y) / pixelsPerRadian);
      drag.current = { x: e.clientX, y: e.clientY, moved: drag.current.moved + Math.abs(e.clientX - drag.current.x) + Math.abs(e.clientY - drag.current.y) };
    },
    onPointerUp: (e: PointerEvent) => {
      const tapped = drag.current && drag.current.moved <= TAP_PX;
      stop();
      if (!tapped || !onTap) return;
      const box = e.currentTarget.getBoundingClientRect();
      onTap({ x: e.clientX - box.left, y: e.clientY - box.top });
    },
    onPointerCancel: stop,
  };
}
