import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * Look around a 3D view by dragging (mouse, pen or a finger) or with the arrow keys: the handlers for
 * its element. `look(dYaw, dPitch)` turns the view, in radians. `dragYaw` is +1 when dragging to the
 * right turns the yaw up (a 360° photo pulled along), -1 when it turns it down (a camera swung round a
 * scene); the arrow keys always turn the way the key points.
 */
export function useDragToLook(look: (dYaw: number, dPitch: number) => void, { pixelsPerRadian, dragYaw, keyStep }: { pixelsPerRadian: number; dragYaw: 1 | -1; keyStep: { yaw: number; pitch: number } }) {
  const drag = useRef<{ x: number; y: number } | null>(null);
  const keys: Record<string, [number, number]> = {
    ArrowLeft: [dragYaw * keyStep.yaw, 0],
    ArrowRight: [-dragYaw * keyStep.yaw, 0],
    ArrowUp: [0, keyStep.pitch],
    ArrowDown: [0, -keyStep.pitch],
  };
  const stop = () => (drag.current = null);
  return {
    onKeyDown: (e: KeyboardEvent) => {
      const move = keys[e.key];
      if (!move) return;
      e.preventDefault();
      look(...move);
    },
    onPointerDown: (e: PointerEvent) => {
      drag.current = { x: e.clientX, y: e.clientY };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent) => {
      if (!drag.current) return;
      look((dragYaw * (e.clientX - drag.current.x)) / pixelsPerRadian, (e.clientY - drag.current.y) / pixelsPerRadian);
      drag.current = { x: e.clientX, y: e.clientY };
    },
    onPointerUp: stop,
    onPointerCancel: stop,
  };
}
