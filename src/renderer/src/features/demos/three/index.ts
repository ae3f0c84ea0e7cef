// The 3D half of the demos, loaded with import() only when a demo opens: three.js never reaches the first screen.
import type { AnyDemoModel } from '../model';
import type { FlyDrone, LookAround, PacketJourney, PhotoCopies, WifiSignals } from '../model';
import * as THREE from 'three';
import { addDaylight, box, DemoEngine, lambert, TOO_SLOW_MS, type SceneBuilder, type SceneContext, type SceneHandle } from './engine';
import { buildPacketScene } from './packetScene';
import { buildWifiScene } from './wifiScene';
import { buildPhotoScene } from './photoScene';
import { buildDroneScene } from './droneScene';
import { buildLookScene } from './lookScene';

export type { DemoEngine };

const builders: Record<AnyDemoModel['id'], SceneBuilder> = {
  'packet-journey': (m, c) => buildPacketScene(m as PacketJourney, c),
  'wifi-signals': (m, c) => buildWifiScene(m as WifiSignals, c),
  'photo-copies': (m, c) => buildPhotoScene(m as PhotoCopies, c),
  'fly-drone': (m, c) => buildDroneScene(m as FlyDrone, c),
  'look-around': (m, c) => buildLookScene(m as LookAround, c),
};

/** Start a demo's 3D scene on a canvas; throws when WebGL is not available. */
export function startScene(
  canvas: HTMLCanvasElement,
  model: AnyDemoModel,
  ctx: SceneContext,
  onTooSlow: (frameMs: number) => void,
  tooSlowMs: (defaultMs: number) => number,
  baseline = false,
): DemoEngine {
  return new DemoEngine(canvas, model, baseline ? buildBaselineScene : builders[model.id], ctx, onTooSlow, tooSlowMs(TOO_SLOW_MS));
}

/** The bench's yardstick: one lit cube through the same engine, so a demo's cost is a ratio to it. */
function buildBaselineScene(): SceneHandle {
  const scene = new THREE.Scene();
  addDaylight(scene);
  const camera = new THREE.PerspectiveCamera(50, 1, 0.1, 50);
  camera.position.set(2, 2, 3);
  camera.lookAt(0, 0, 0);
  const cube = box(1, 1, 1, lambert(0xe4572e));
  scene.add(cube);
  return { scene, camera, update: (dt) => void (cube.rotation.y += dt) };
}
