import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { loadPanoramaTexture } from '../../lib/panoramaTexture';
import VrStage, { type LookDirection } from './VrStage';
import { PANEL, type VrAction } from './VrPanel';
import { TourGuide, type VrTour } from './TourGuide';
import type { TurnWay } from '../../../../shared/tour';

export type { LookDirection, VrTour };
export type VrSource = { kind: 'photo'; url: string } | { kind: 'video'; video: HTMLVideoElement };

export interface VrLabels {
  exit: string;
  play: string;
  pause: string;
  /** In place of Play while the teacher has paused the class's video. */
  teacherPaused: string;
}

/**
 * The 360° picture on a sphere around the eyes, turned by `turn` (radians): the headset starts where
 * the flat view looked, and "everyone look at me" turns it again (`turnRef`).
 */
function Sphere({ source, turnRef }: { source: VrSource; turnRef: MutableRefObject<number> }) {
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
  useFrame(() => {
    sphere.current?.position.setFromMatrixPosition(camera.matrixWorld);
    sphere.current?.rotation.set(0, -turnRef.current, 0);
  });
  return (
    <mesh ref={sphere} geometry={geometry}>
      {/* keyed: a material that gains a picture needs a new shader */}
      <meshBasicMaterial key={texture ? 'picture' : 'waiting'} map={texture} color={texture ? '#ffffff' : '#101426'} />
    </mesh>
  );
}

/**
 * The 360° photo or video inside a headset, started by the viewer's "Enter VR" button. `onExit`
 * gets where the pupil last looked (null when VR could not start), so the flat view carries on there.
 * `teacherPaused`: a video tour the teacher paused, where Play waits for the teacher's (as on the flat view).
 */
export default function VrPanorama({ source, title, startYaw, labels, tour, teacherPaused = false, onExit }: { source: VrSource; title: string; startYaw: number; labels: VrLabels; tour?: VrTour; teacherPaused?: boolean; onExit: (look: LookDirection | null) => void }) {
  // The picture's yaw straight ahead of the headset's own forward: VrStage reports the exit look from startYaw, so it is corrected by any later turn.
  const turn = useRef(startYaw);
  const [way, setWay] = useState<TurnWay | null>(null);
  const leave = useCallback((look: LookDirection | null) => onExit(look && { ...look, yaw: look.yaw + turn.current - startYaw }), [onExit, startYaw]);
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
    if (teacherPaused) return [[{ id: 'play', label: labels.teacherPaused, run: toggle, disabled: true }]];
    return [[{ id: 'play', label: playing ? labels.pause : labels.play, run: toggle }]];
  }, [labels, source, playing, teacherPaused]);
  const heading = tour?.found ? tour.words.found : title;
  // A video's play row would lift the title to eye level, over the middle of the picture (and the tour's
  // arrow): its panel is held one row lower, the title where a photo's is.
  const panelDrop = source.kind === 'video' ? PANEL.drop + PANEL.buttonHeight + PANEL.gap : undefined;
  return (
    <>
      <VrStage title={heading} rows={rows} exitLabel={labels.exit} startYaw={startYaw} panelDrop={panelDrop} onExit={leave}>
        <Sphere source={source} turnRef={turn} />
        {tour && <TourGuide tour={tour} turnRef={turn} onWay={setWay} />}
      </VrStage>
      {/* What the headset shows of the tour, for screen readers and tests: which way the arrow points. */}
      {tour && (
        <p className="visually-hidden" role="status" data-tour-arrow={way ?? 'none'} data-tour-found={tour.found}>
          {tour.found ? tour.words.found : way ? tour.words[way] : ''}
        </p>
      )}
    </>
  );
}
