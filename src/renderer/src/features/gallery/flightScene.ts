import * as THREE from 'three';
import { Line2 } from 'three/examples/jsm/lines/Line2.js';
import { LineGeometry } from 'three/examples/jsm/lines/LineGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { fitCamera, framedPoints, startAngle, type Angle, type flightBox, type LocalPoint } from './flightView';

/** The colours of the picture; the legend under it uses the same ones (see .flight-legend in styles.css). */
export const FLIGHT_COLOURS = { path: '#d9431b', shadow: '#7d9a8a', home: '#1a7a7a', now: '#f3a712', outline: '#2b2b40', ground: '#dcebd5', grid: '#b5d0b0', sky: '#eef5f9' } as const;
const FIELD_OF_VIEW = 40;
/** On-screen size of home's pin (height) and of the drone's ball (radius, without its rim), in CSS pixels. */
const MARKER_PIXELS = { pin: 34, ball: 9 } as const;

/** The flight's extent in metres, as flightView's flightBox measures it. */
export type FlightBox = ReturnType<typeof flightBox>;

export interface FlightScene {
  /** Which way the flight is seen from; turning changes it, then draw again. */
  angle: Angle;
  /** Put the drone's ball (and its drop line) at a point of the path. */
  moveTo(p: LocalPoint): void;
  /** Fit the camera to the flight for a w×h picture and draw it. */
  draw(renderer: THREE.WebGLRenderer, w: number, h: number): void;
  dispose(): void;
}

/**
 * The flight as a three.js scene: the path and its shadow on a ground grid of `step`-metre squares,
 * home's pin and the drone's ball. The camera is fitted to the flight at every angle, so the flight
 * fills the frame whether it is a long straight line or a hover of a few metres.
 */
export function buildFlightScene(path: LocalPoint[], box: FlightBox, step: number): FlightScene {
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
  return {
    angle,
    moveTo(p) {
      marker.position.set(p.x, p.y, p.z);
      drop.position.set(p.x, 0, p.z);
      drop.scale.y = Math.max(p.y, 1e-3);
    },
    draw(renderer, w, h) {
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
    },
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
