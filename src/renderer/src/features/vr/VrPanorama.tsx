import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { loadPanoramaTexture } from '../../lib/panoramaTexture';
import VrStage, { type LookDirection } from './VrStage';
import type { VrAction } from './VrPanel';

export type { LookDirection };
export type VrSource = { kind: 'photo'; url: string } | { kind: 'video'; video: HTMLVideoElement };

export interface VrLabels {
  exit: string;
  play: string;
  pause: string;
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

/**
 * The 360° photo or video inside a headset, started by the viewer's "Enter VR" button. `onExit`
 * gets where the pupil last looked (null when VR could not start), so the flat view carries on there.
 */
export default function VrPanorama({ source, title, startYaw, labels, onExit }: { source: VrSource; title: string; startYaw: number; labels: VrLabels; onExit: (look: LookDirection | null) => void }) {
  const [playing, setPlaying] = useState(source.kind === 'video' && !source.video.paused);
  useEffect(() => {
    if (source.kind !== 'video') return;
    const [on, off] = [() => setPlaying(true), () => setPlaying(false)];
    source.video.addEventListener('play', on);
    source.video.addEventListener('pause', off);
    return () => {
      source.video.removeEventListener('play', on);
      source.video.removeEventListener('pause', off);
    };
  }, [source]);
  const rows = useMemo<VrAction[][]>(() => {
    if (source.kind !== 'video') return [];
    const video = source.video;
    const toggle = () => (video.paused ? void video.play() : video.pause());
    return [[{ id: 'play', label: playing ? labels.pause : labels.play, run: toggle }]];
  }, [labels, source, playing]);
  return (
    <VrStage title={title} rows={rows} exitLabel={labels.exit} startYaw={startYaw} onExit={onExit}>
      <Sphere source={source} startYaw={startYaw} />
    </VrStage>
  );
}
