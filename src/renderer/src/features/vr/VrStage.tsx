import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { createXRStore, XR, type XRStore } from '@react-three/xr';
import * as THREE from 'three';
import { lookOf } from '../../../../shared/tour';
import VrPanel, { type VrAction } from './VrPanel';

/** Where the pupil was looking: the flat view's yaw and pitch (radians). */
export interface LookDirection {
  yaw: number;
  pitch: number;
}

/** The longest trigger hold that still counts as pressing a button. */
const HOLD_MS = 2000;

/**
 * The XR store for one headset visit. Offline: controller layouts come from our own
 * xr-profiles folder (never a CDN), no controller or hand models are loaded, and the
 * library's built-in emulator is off (tests bring their own, the app never ships one).
 */
function makeStore(): XRStore {
  const baseAssetPath = new URL('xr-profiles/', document.baseURI).href;
  return createXRStore({
    emulate: false,
    offerSession: false,
    enterGrantedSession: false,
    baseAssetPath,
    defaultControllerProfileId: 'generic-trigger',
    // A child may hold the trigger a while: still a press (the library's default is 0.3 s).
    controller: { model: false, teleportPointer: false, grabPointer: false, rayPointer: { clickThresholdMs: HOLD_MS } },
    hand: false,
    frameRate: 'high',
  });
}

/** Starts the session on the first frame (the XR store is bound to the renderer by then) and reports the end. */
function Session({ store, startYaw, onExit }: { store: XRStore; startYaw: number; onExit: (look: LookDirection | null) => void }) {
  const { camera } = useThree();
  const ref = useRef({ asked: false, look: new THREE.Vector3(), last: null as LookDirection | null });
  useEffect(() => store.onSessionEnd(() => onExit(ref.current.last)), [store, onExit]);
  useFrame(() => {
    const state = ref.current;
    if (!state.asked) {
      state.asked = true;
      store.enterVR().catch(() => onExit(null));
      return;
    }
    if (!store.getState().session) return;
    camera.getWorldDirection(state.look);
    const head = lookOf(state.look.toArray());
    state.last = { yaw: startYaw + head.yaw, pitch: head.pitch };
  });
  return null;
}

/**
 * An immersive-vr session on its own canvas, started as soon as it mounts (the "Enter VR" button
 * mounts it), with the big-button panel: `rows` of actions and, last, the exit button. `onExit`
 * gets where the pupil last looked, turned by `startYaw` (null when VR could not start).
 */
export default function VrStage({ title, rows, exitLabel, startYaw = 0, panelDrop, onExit, children }: { title: string; rows: VrAction[][]; exitLabel: string; startYaw?: number; panelDrop?: number; onExit: (look: LookDirection | null) => void; children: ReactNode }) {
  const store = useMemo(() => makeStore(), []);
  // Taken away while in VR (the teacher closed the tour): the session ends first, then the store goes.
  useEffect(
    () => () => {
      void store.getState().session?.end().catch(() => undefined);
      store.destroy();
    },
    [store],
  );
  // The exit button is always the bottom row, straight ahead and below the eyes: the same place in every view.
  const withExit = useMemo(() => [...rows, [{ id: 'exit', label: exitLabel, run: () => void store.getState().session?.end() }]], [rows, exitLabel, store]);
  return (
    <div className="vr-stage" data-testid="vr-stage">
      {/* flat: pictures keep their own colours (no tone mapping) */}
      <Canvas flat gl={{ antialias: false, powerPreference: 'high-performance' }} camera={{ fov: 75, near: 0.05, far: 2000 }}>
        <XR store={store}>
          {children}
          <VrPanel title={title} rows={withExit} drop={panelDrop} />
          <Session store={store} startYaw={startYaw} onExit={onExit} />
        </XR>
      </Canvas>
    </div>
  );
}
