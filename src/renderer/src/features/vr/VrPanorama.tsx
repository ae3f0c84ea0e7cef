import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { createXRStore, XR, type XRStore } from '@react-three/xr';
import * as THREE from 'three';
import { loadPanoramaTexture } from '../../lib/panoramaTexture';
import VrPanel, { type VrAction } from './VrPanel';

export type VrSource = { kind: 'photo'; url: string } | { kind: 'video'; video: HTMLVideoElement };

/** Where the pupil was looking: the flat view's yaw and pitch (radians). */
export interface LookDirection {
  yaw: number;
  pitch: number;
}

export interface VrLabels {
  exit: string;
  play: string;
  pause: string;
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

/** The 360° picture on a sphere around the eyes, turned so the headset starts where the flat view looked. */
function Sphere({ source, startYaw }: { source: VrSource; startYaw: number }) {
  const [texture, setTexture] = useState<THREE.Texture | null>(null);
  const sphere = useRef<THREE.Mesh>(null);
  const { camera } = useThree();
  const geometry = useMemo(() => new THREE.SphereGeometry(20, 64, 32).scale(-1, 1, 1), []);
  useEffect(() => {
    let live = true;
    let made: THREE.Texture | null = null;
    const ready = (t: THREE.Texture) => {
      made = t;
      if (live) setTexture(t);
      else t.dispose();
    };
    if (source.kind === 'video') {
      const t = new THREE.VideoTexture(source.video);
      t.colorSpace = THREE.SRGBColorSpace;
      ready(t);
    } else void loadPanoramaTexture(source.url).then(ready, () => undefined);
    return () => {
      live = false;
      made?.dispose();
      geometry.dispose();
    };
  }, [source, geometry]);
  // A photo has no depth: the sphere moves with the head so leaning never reaches its edge.
  useFrame(() => void sphere.current?.position.setFromMatrixPosition(camera.matrixWorld));
  return (
    <mesh ref={sphere} geometry={geometry} rotation={[0, -startYaw, 0]}>
      {/* keyed: a material that gains a picture needs a new shader */}
      <meshBasicMaterial key={texture ? 'picture' : 'waiting'} map={texture} color={texture ? '#ffffff' : '#101426'} />
    </mesh>
  );
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
    state.last = { yaw: startYaw + Math.atan2(-state.look.x, -state.look.z), pitch: Math.asin(Math.max(-1, Math.min(1, state.look.y))) };
  });
  return null;
}

/**
 * The 360° viewer inside a headset: an immersive-vr session on its own canvas, started by the
 * "Enter VR" button. `onExit` gets where the pupil last looked (null when VR could not start), so
 * the flat view carries on from there.
 */
export default function VrPanorama({ source, title, startYaw, labels, onExit }: { source: VrSource; title: string; startYaw: number; labels: VrLabels; onExit: (look: LookDirection | null) => void }) {
  const store = useMemo(() => makeStore(), []);
  useEffect(() => () => store.destroy(), [store]);
  const [playing, setPlaying] = useState(source.kind === 'video' && !source.video.paused);
  const actions = useMemo<VrAction[]>(() => {
    const exit: VrAction = { id: 'exit', label: labels.exit, run: () => void store.getState().session?.end() };
    if (source.kind !== 'video') return [exit];
    const video = source.video;
    const toggle: VrAction = {
      id: 'play',
      label: playing ? labels.pause : labels.play,
      run: () => {
        if (video.paused) void video.play().then(() => setPlaying(true));
        else {
          video.pause();
          setPlaying(false);
        }
      },
    };
    return [toggle, exit];
  }, [labels, source, store, playing]);
  return (
    <div className="vr-stage" data-testid="vr-stage">
      {/* flat: a photo shows its own colours (no tone mapping) */}
      <Canvas flat gl={{ antialias: false, powerPreference: 'high-performance' }} camera={{ fov: 75, near: 0.05, far: 100 }}>
        <XR store={store}>
          <Sphere source={source} startYaw={startYaw} />
          <VrPanel title={title} actions={actions} />
          <Session store={store} startYaw={startYaw} onExit={onExit} />
        </XR>
      </Canvas>
    </div>
  );
}
