import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as THREE from 'three';
import { Line2 } from 'three/examples/jsm/lines/Line2.js';
import { LineGeometry } from 'three/examples/jsm/lines/LineGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { pointAt, type Track } from '../../../../shared/telemetry';
import { webglAvailable } from '../../lib/webgl';
import { fitCamera, flightBox, framedPoints, gridStep, localPath, PITCH_RANGE, startAngle, type Angle, type LocalPoint } from './flightView';
import { useDragToLook } from '../../lib/useDragToLook';

/** The colours of the picture; the legend under it uses the same ones (see .flight-legend in styles.css). */
export const FLIGHT_COLOURS = { path: '#d9431b', shadow: '#7d9a8a', home: '#1a7a7a', now: '#f3a712', outline: '#2b2b40', ground: '#dcebd5', grid: '#b5d0b0', sky: '#eef5f9' } as const;
const FIELD_OF_VIEW = 40;
/** On-screen size of home's pin (height) and of the drone's ball (radius, without its rim), in CSS pixels. */
const MARKER_PIXELS = { pin: 34, ball: 9 } as const;

interface Scene {
  /** Draw at the next frame (many pointer moves or video frames make one drawing). */
  render: () => void;
  moveTo: (p: LocalPoint) => void;
  angle: Angle;
}

/**
 * The flight drawn in 3D: the path and its shadow on a ground grid, home, and the drone's place at
 * the video's current time. The camera is fitted to the flight at every angle, so the flight fills
 * the frame whether it is a long straight line or a hover of a few metres. Drag or use the arrow
 * keys to turn it. Draws only when something changes: no render loop for weak graphics chips.
 */
export default function FlightPath({ track, time, label }: { track: Track; time: number; label: string }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<Scene | null>(null);
  const path = useMemo(() => localPath(track), [track]);
  const box = useMemo(() => flightBox(path), [path]);
  const step = gridStep(Math.max(box.maxX - box.minX, box.maxZ - box.minZ));
  const webGl = useMemo(() => webglAvailable(), []);

  useEffect(() => {
    const el = host.current;
    if (!el || !webGl || path.length === 0) return;
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    el.prepend(renderer.domElement);
    renderer.domElement.setAttribute('aria-hidden', 'true');
    const world = new THREE.Scene();
    world.background = new THREE.Color(FLIGHT_COLOURS.sky);
    const disposables: { dispose: () => void }[] = [];
    const keep = <T extends { dispose: () => void }>(thing: T) => (disposables.push(thing), thing);

    // Ground: a plane and a grid of round-metre squares, lines through home.
    const cells = 2 * Math.ceil((box.size / step + 4) / 2);
    const groundSize = cells * step;
    const groundCentre = { x: Math.round((box.minX + box.maxX) / 2 / step) * step, z: Math.round((box.minZ + box.maxZ) / 2 / step) * step };
    const ground = new THREE.Mesh(keep(new THREE.PlaneGeometry(groundSize, groundSize)), keep(new THREE.MeshBasicMaterial({ color: FLIGHT_COLOURS.ground, depthWrite: false })));
    ground.rotation.x = -Math.PI / 2;
    ground.position.set(groundCentre.x, 0, groundCentre.z);
    ground.renderOrder = -1;
    world.add(ground);
    const grid = new THREE.GridHelper(groundSize, cells, FLIGHT_COLOURS.grid, FLIGHT_COLOURS.grid);
    keep(grid.geometry);
    keep(grid.material as THREE.Material);
    grid.position.set(groundCentre.x, 0, groundCentre.z);
    world.add(grid);

    // The flight and its shadow: wide lines (WebGL's own lines are always 1 px).
    const lineOf = (points: number[], colour: string, width: number) => {
      const geometry = keep(new LineGeometry());
      geometry.setPositions(points);
      const line = new Line2(geometry, keep(new LineMaterial({ color: colour, linewidth: width })));
      world.add(line);
      return line;
    };
    const lift = box.size / 500; // just above the grid, so the shadow is not hidden in it
    lineOf(path.flatMap((p) => [p.x, p.y, p.z]), FLIGHT_COLOURS.path, 5);
    lineOf(path.flatMap((p) => [p.x, lift, p.z]), FLIGHT_COLOURS.shadow, 3);
    const drop = lineOf([0, 0, 0, 0, 1, 0], FLIGHT_COLOURS.outline, 2);

    // Home: a pin standing on the take-off point. It and the drone's ball keep one size on screen
    // (MARKER_PIXELS), whether the flight is 5 m or 5 km across.
    const pinShape = keep(new THREE.ConeGeometry(0.25, 1, 16).rotateX(Math.PI).translate(0, 0.5, 0));
    const pin = new THREE.Mesh(pinShape, keep(new THREE.MeshBasicMaterial({ color: FLIGHT_COLOURS.home })));
    world.add(pin);

    // The drone now: a sun-yellow ball with a dark rim, visible on sky and on grass.
    const marker = new THREE.Group();
    marker.add(new THREE.Mesh(keep(new THREE.SphereGeometry(1, 20, 14)), keep(new THREE.MeshBasicMaterial({ color: FLIGHT_COLOURS.now }))));
    marker.add(new THREE.Mesh(keep(new THREE.SphereGeometry(1.3, 20, 14)), keep(new THREE.MeshBasicMaterial({ color: FLIGHT_COLOURS.outline, side: THREE.BackSide }))));
    world.add(marker);

    const framed = framedPoints(path);
    const camera = new THREE.PerspectiveCamera(FIELD_OF_VIEW, 1);
    const angle = startAngle(path);
    const render = () => {
      const { clientWidth: w, clientHeight: h } = renderer.domElement;
      if (w === 0 || h === 0) return;
      renderer.setSize(w, h, false);
      // Metres per screen pixel at a point, for a camera at `from`.
      const metresPerPixel = (from: { x: number; y: number; z: number }, at: THREE.Vector3) => (2 * Math.tan((FIELD_OF_VIEW * Math.PI) / 360) * at.distanceTo(new THREE.Vector3(from.x, from.y, from.z))) / h;
      // Fit the flight, size the pin for that view, then fit again with the pin's top in frame too.
      const pinHeight = MARKER_PIXELS.pin * metresPerPixel(fitCamera(framed, angle, FIELD_OF_VIEW, w / h).position, pin.position);
      const fit = fitCamera([...framed, { x: 0, y: pinHeight, z: 0 }], angle, FIELD_OF_VIEW, w / h);
      pin.scale.setScalar(pinHeight);
      marker.scale.setScalar(MARKER_PIXELS.ball * metresPerPixel(fit.position, marker.position));
      camera.aspect = w / h;
      camera.near = fit.distance / 100;
      camera.far = fit.distance * 3 + groundSize * 2;
      camera.position.set(fit.position.x, fit.position.y, fit.position.z);
      camera.lookAt(fit.target.x, fit.target.y, fit.target.z);
      camera.updateProjectionMatrix();
      world.traverse((o) => o instanceof Line2 && (o.material as LineMaterial).resolution.set(w, h));
      renderer.render(world, camera);
    };
    const moveTo = (p: LocalPoint) => {
      marker.position.set(p.x, p.y, p.z);
      drop.position.set(p.x, 0, p.z);
      drop.scale.y = Math.max(p.y, 1e-3);
    };
    moveTo(path[0]!);
    let pending = 0;
    const requestRender = () => {
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        render();
      });
    };
    scene.current = { render: requestRender, moveTo, angle };
    const observer = new ResizeObserver(render);
    observer.observe(el);
    el.dataset.ready = 'true';
    return () => {
      cancelAnimationFrame(pending);
      observer.disconnect();
      disposables.forEach((d) => d.dispose());
      renderer.dispose();
      renderer.domElement.remove();
      scene.current = null;
      delete el.dataset.ready;
    };
  }, [path, box, step, webGl]);

  // Follow the video: draw again only when the drone reaches the next telemetry point.
  const shown = useRef<LocalPoint | undefined>(undefined);
  useEffect(() => {
    const s = scene.current;
    const p = pointAt(path, time);
    if (!s || !p || p === shown.current) return;
    shown.current = p;
    s.moveTo(p);
    s.render();
  }, [time, path]);

  const turn = (dYaw: number, dPitch: number) => {
    const s = scene.current;
    if (!s) return;
    s.angle.yaw += dYaw;
    s.angle.pitch = Math.max(PITCH_RANGE.min, Math.min(PITCH_RANGE.max, s.angle.pitch + dPitch));
    s.render();
  };
  const lookHandlers = useDragToLook(turn, { pixelsPerRadian: 150, dragYaw: -1, keyStep: { yaw: 0.15, pitch: 0.1 } });

  const legend = (
    <ul className="flight-legend">
      <li>
        <span className="swatch home" aria-hidden="true" />
        {t('gallery.legendHome')}
      </li>
      <li>
        <span className="swatch now" aria-hidden="true" />
        {t('gallery.legendNow')}
      </li>
      <li>
        <span className="swatch path" aria-hidden="true" />
        {t('gallery.legendPath')}
      </li>
      {webGl && (
        // Only the 3D picture has the ground grid; the flat map for PCs without WebGL has none.
        <li>
          <span className="swatch square" aria-hidden="true" />
          {t('gallery.legendSquare', { metres: step })}
        </li>
      )}
    </ul>
  );
  // Old graphics drivers without WebGL: the flat map still shows the flight.
  return (
    <figure className="flight-figure">
      {webGl ? (
        <div
          ref={host}
          className="flight-path"
          tabIndex={0}
          role="img"
          aria-label={label}
          {...lookHandlers}
        />
      ) : (
        <FlatPath points={path} time={time} label={label} />
      )}
      <figcaption>{legend}</figcaption>
    </figure>
  );
}

/** The path seen from above, for PCs without WebGL. */
function FlatPath({ points, time, label }: { points: LocalPoint[]; time: number; label: string }) {
  const span = Math.max(20, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.z))));
  const now = pointAt(points, time);
  return (
    <svg className="flight-path" viewBox={`${-span * 1.1} ${-span * 1.1} ${span * 2.2} ${span * 2.2}`} role="img" aria-label={label}>
      <polyline points={points.map((p) => `${p.x},${p.z}`).join(' ')} fill="none" stroke={FLIGHT_COLOURS.path} strokeWidth={span / 80} />
      <circle cx={0} cy={0} r={span / 30} fill={FLIGHT_COLOURS.home} />
      {now && <circle cx={now.x} cy={now.z} r={span / 25} fill={FLIGHT_COLOURS.now} stroke={FLIGHT_COLOURS.outline} strokeWidth={span / 150} />}
    </svg>
  );
}
