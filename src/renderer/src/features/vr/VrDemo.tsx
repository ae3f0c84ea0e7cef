import { useFrame, useThree } from '@react-three/fiber';
import { XROrigin } from '@react-three/xr';
import type * as THREE from 'three';
import VrStage, { type LookDirection } from './VrStage';
import type { VrAction } from './VrPanel';
import { VR_DEMOS, type VrDemoId } from './demos';

/** What the headset view needs from a running demo: its scene, and one step of it per frame. */
export interface VrDemoScene {
  readonly scene: THREE.Scene;
  step(dt: number): void;
}

/** Draw calls and triangles of the last headset frame (both eyes), for the budget test. */
export interface VrFrameInfo {
  calls: number;
  triangles: number;
  frames: number;
}

/** The demo's own scene (not a copy) in the headset's world, stepped every frame; the flat view waits meanwhile. */
function DemoWorld({ demo, onFrame }: { demo: VrDemoScene; onFrame: (calls: number, triangles: number) => void }) {
  const { gl } = useThree();
  useFrame((_, dt) => {
    // renderer.info still holds the frame drawn last (it resets when the next one starts).
    onFrame(gl.info.render.calls, gl.info.render.triangles);
    demo.step(dt);
  });
  const { background, fog } = demo.scene;
  return (
    <>
      {background && <primitive attach="background" object={background} dispose={null} />}
      {fog && <primitive attach="fog" object={fog} dispose={null} />}
      <primitive object={demo.scene} dispose={null} />
    </>
  );
}

/**
 * A demo inside a headset: the pupil stands in its world, turned by `startYaw` (where the flat view
 * looked), and acts with the big buttons (one press, one nudge). The turn is the origin's, so the
 * look reported on exit is already in the demo's world.
 */
export default function VrDemo({ id, demo, title, rows, exitLabel, startYaw = 0, onFrame, onExit }: { id: VrDemoId; demo: VrDemoScene; title: string; rows: VrAction[][]; exitLabel: string; startYaw?: number; onFrame: (calls: number, triangles: number) => void; onExit: (look: LookDirection | null) => void }) {
  return (
    <VrStage title={title} rows={rows} exitLabel={exitLabel} panelDrop={VR_DEMOS[id].panelDrop} onExit={onExit}>
      <XROrigin position={VR_DEMOS[id].origin} rotation={[0, startYaw, 0]} />
      <DemoWorld demo={demo} onFrame={onFrame} />
    </VrStage>
  );
}
