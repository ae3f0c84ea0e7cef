import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { pointAt } from '../../../../shared/telemetry';
import { PITCH_RANGE, type LocalPoint } from './flightView';
import { buildFlightScene, type FlightBox } from './flightScene';

/**
 * The flight scene drawn in the element `host` is put on: a renderer of its own, drawn again only when something changes
 * (a resize, a turn, the drone reaching the next telemetry point of the video at `time`): no render
 * loop for weak graphics chips. Returns `host` and `turn`, for drag and arrow keys.
 */
export function useFlightScene(enabled: boolean, path: LocalPoint[], box: FlightBox, step: number, time: number) {
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<{ render: () => void; flight: ReturnType<typeof buildFlightScene> } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el || !enabled || path.length === 0) return;
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    el.prepend(renderer.domElement);
    renderer.domElement.setAttribute('aria-hidden', 'true');
    const flight = buildFlightScene(path, box, step);
    const render = () => {
      const { clientWidth: w, clientHeight: h } = renderer.domElement;
      if (w === 0 || h === 0) return;
      renderer.setSize(w, h, false);
      flight.draw(renderer, w, h);
    };
    flight.moveTo(path[0]!);
    // Draw at the next frame (many pointer moves or video frames make one drawing).
    let pending = 0;
    const requestRender = () => {
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        render();
      });
    };
    scene.current = { render: requestRender, flight };
    const observer = new ResizeObserver(render);
    observer.observe(el);
    el.dataset.ready = 'true';
    return () => {
      cancelAnimationFrame(pending);
      observer.disconnect();
      flight.dispose();
      renderer.dispose();
      renderer.domElement.remove();
      scene.current = null;
      delete el.dataset.ready;
    };
  }, [enabled, path, box, step]);

  // Follow the video: draw again only when the drone reaches the next telemetry point.
  const shown = useRef<LocalPoint | undefined>(undefined);
  useEffect(() => {
    const s = scene.current;
    const p = pointAt(path, time);
    if (!s || !p || p === shown.current) return;
    shown.current = p;
    s.flight.moveTo(p);
    s.render();
  }, [time, path]);

  const turn = (dYaw: number, dPitch: number) => {
    const s = scene.current;
    if (!s) return;
    const angle = s.flight.angle;
    angle.yaw += dYaw;
    angle.pitch = Math.max(PITCH_RANGE.min, Math.min(PITCH_RANGE.max, angle.pitch + dPitch));
    s.render();
  };
  return { host, turn };
}
