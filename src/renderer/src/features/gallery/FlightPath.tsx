import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import * as THREE from 'three';
import { pointAt, type Track } from '../../../../shared/telemetry';

/** Metres east / north of home for each located point (flat earth is fine over a few km). */
function localPath(track: Track) {
  const located = track.points.filter((p) => p.lat !== undefined && p.lon !== undefined);
  const origin = track.home ?? { lat: located[0]!.lat!, lon: located[0]!.lon! };
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((origin.lat * Math.PI) / 180);
  return located.map((p) => ({ t: p.t, x: (p.lon! - origin.lon) * metresPerDegLon, z: -(p.lat! - origin.lat) * metresPerDegLat, y: Math.max(0, p.height ?? 0) }));
}

/**
 * The flight drawn in 3D: the path over a ground grid, home, and the drone's place at the video's
 * current time. Drag or use the arrow keys to turn it. Renders only when something changes.
 */
export default function FlightPath({ track, time, label }: { track: Track; time: number; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<{ render: () => void; marker: THREE.Mesh; camera: THREE.PerspectiveCamera; radius: number; angle: { yaw: number; pitch: number } } | null>(null);
  const path = useMemo(() => localPath(track), [track]);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const [, setTurns] = useState(0);
  const webGl = useMemo(() => hasWebGl(), []);

  useEffect(() => {
    const el = host.current;
    if (!el || !webGl) return;
    const points = path;
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    el.appendChild(renderer.domElement);
    renderer.domElement.setAttribute('role', 'img');
    renderer.domElement.setAttribute('aria-label', label);
    const world = new THREE.Scene();
    world.background = new THREE.Color('#eaf6f4');
    // Frame the flight and home together, whatever their size.
    const xs = [0, ...points.map((p) => p.x)];
    const zs = [0, ...points.map((p) => p.z)];
    const centre = new THREE.Vector3((Math.min(...xs) + Math.max(...xs)) / 2, 0, (Math.min(...zs) + Math.max(...zs)) / 2);
    const span = Math.max(20, (Math.max(...xs) - Math.min(...xs)) / 2, (Math.max(...zs) - Math.min(...zs)) / 2, ...points.map((p) => p.y));
    const camera = new THREE.PerspectiveCamera(50, 1, span / 100, span * 20);
    const grid = new THREE.GridHelper(span * 2.4, 12, 0x9fc9c0, 0xcfe5df);
    grid.position.copy(centre);
    world.add(grid);
    const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints(points.map((p) => new THREE.Vector3(p.x, p.y, p.z))), new THREE.LineBasicMaterial({ color: 0xe4572e, linewidth: 3 }));
    world.add(line);
    // Shadow of the path on the ground, so height reads at a glance.
    const shadow = new THREE.Line(new THREE.BufferGeometry().setFromPoints(points.map((p) => new THREE.Vector3(p.x, 0, p.z))), new THREE.LineBasicMaterial({ color: 0x7aa79b }));
    world.add(shadow);
    const home = new THREE.Mesh(new THREE.CylinderGeometry(span / 40, span / 40, span / 200, 24), new THREE.MeshBasicMaterial({ color: 0x1f8a8a }));
    world.add(home);
    const marker = new THREE.Mesh(new THREE.SphereGeometry(span / 30, 20, 14), new THREE.MeshBasicMaterial({ color: 0xf3a712 }));
    world.add(marker);
    const angle = { yaw: Math.PI / 4, pitch: 0.6 };
    const radius = span * 2.2;
    const render = () => {
      const { clientWidth: w, clientHeight: h } = el;
      renderer.setSize(w, h, false);
      camera.aspect = w / Math.max(1, h);
      camera.position.set(centre.x + radius * Math.cos(angle.pitch) * Math.sin(angle.yaw), radius * Math.sin(angle.pitch), centre.z + radius * Math.cos(angle.pitch) * Math.cos(angle.yaw));
      camera.lookAt(centre.x, span / 5, centre.z);
      camera.updateProjectionMatrix();
      renderer.render(world, camera);
    };
    scene.current = { render, marker, camera, radius, angle };
    const observer = new ResizeObserver(render);
    observer.observe(el);
    el.dataset.ready = 'true';
    return () => {
      observer.disconnect();
      renderer.dispose();
      renderer.domElement.remove();
      scene.current = null;
    };
  }, [label, path, webGl]);

  // Follow the video.
  useEffect(() => {
    const s = scene.current;
    if (!s) return;
    const p = pointAt(path, time) ?? path[0];
    if (p) s.marker.position.set(p.x, p.y, p.z);
    s.render();
  }, [time, path]);

  const turn = (dYaw: number, dPitch: number) => {
    const s = scene.current;
    if (!s) return;
    s.angle.yaw += dYaw;
    s.angle.pitch = Math.max(0.05, Math.min(1.5, s.angle.pitch + dPitch));
    s.render();
    setTurns((n) => n + 1);
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, 0.1], ArrowDown: [0, -0.1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    turn(...m);
  };
  const onDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    if (!drag.current) return;
    turn(-(e.clientX - drag.current.x) / 150, (e.clientY - drag.current.y) / 150);
    drag.current = { x: e.clientX, y: e.clientY };
  };

  // Old graphics drivers without WebGL: the flat map still shows the flight.
  if (!webGl) return <FlatPath points={path} time={time} label={label} />;
  return (
    <div
      ref={host}
      className="flight-path"
      tabIndex={0}
      aria-label={label}
      onKeyDown={onKey}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    />
  );
}

export function hasWebGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/** The path seen from above, for PCs without WebGL. */
function FlatPath({ points, time, label }: { points: ReturnType<typeof localPath>; time: number; label: string }) {
  const span = Math.max(20, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.z))));
  const now = pointAt(points, time);
  return (
    <svg className="flight-path" viewBox={`${-span * 1.1} ${-span * 1.1} ${span * 2.2} ${span * 2.2}`} role="img" aria-label={label}>
      <polyline points={points.map((p) => `${p.x},${p.z}`).join(' ')} fill="none" stroke="#e4572e" strokeWidth={span / 80} />
      <circle cx={0} cy={0} r={span / 30} fill="#1f8a8a" />
      {now && <circle cx={now.x} cy={now.z} r={span / 25} fill="#f3a712" />}
    </svg>
  );
}
