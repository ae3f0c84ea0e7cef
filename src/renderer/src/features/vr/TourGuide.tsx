import { useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { lookOf, lookVector, turnWay, wrapYaw, type Look, type TurnWay } from '../../../../shared/tour';
import { textTexture } from './text';

/** The words the headset shows: which way to turn, and the kind word once the spot is found. */
export type TourWords = Record<TurnWay | 'found', string>;

/**
 * The guided tour in the headset (issue 19): the spot, whether it was found, the teacher's last
 * "look at me" (seq), and where the pupil looks (the picture's yaw and pitch, every frame).
 */
export interface VrTour {
  target: Look | null;
  recentre: (Look & { seq: number }) | null;
  found: boolean;
  words: TourWords;
  onLook: (look: Look) => void;
}

/** The ring sits this far out on the picture (metres), as wide as about 10° of view. */
const RING_DISTANCE = 8;
const RING = { inner: 1.15, outer: 1.45, rim: 0.08 };
/** The arrow floats near the eyes, to the side it points to. */
const ARROW = { distance: 1.4, side: 0.36, rise: 0.28, scale: 1.5, labelHeight: 0.15, labelGap: 0.25 };
const WAYS: TurnWay[] = ['left', 'right', 'up', 'down'];
const ROLL: Record<TurnWay, number> = { right: 0, up: Math.PI / 2, left: Math.PI, down: -Math.PI / 2 };
const SPOT: Record<TurnWay, [number, number]> = { right: [1, 0], left: [-1, 0], up: [0, 1], down: [0, -1] };

/** An arrow pointing along +X, 25 cm long times `scale`: a shaft and a wide head. */
function arrowShape(scale = 1): THREE.ShapeGeometry {
  const points = [
    [-0.12, 0.045],
    [0.02, 0.045],
    [0.02, 0.1],
    [0.13, 0],
    [0.02, -0.1],
    [0.02, -0.045],
    [-0.12, -0.045],
  ].map(([x = 0, y = 0]) => new THREE.Vector2(x * scale, y * scale));
  return new THREE.ShapeGeometry(new THREE.Shape(points));
}

/**
 * The guided tour inside the headset: a ring round the teacher's spot (on the picture), and when the
 * spot is out of view a big arrow near the eyes, with words, showing which way to turn. "Everyone look
 * at me" turns the picture (`turnRef`) so the teacher's view is straight ahead. Tells `onWay` the arrow's way.
 */
export function TourGuide({ tour, turnRef, onWay }: { tour: VrTour; turnRef: MutableRefObject<number>; onWay: (way: TurnWay | null) => void }) {
  const { camera } = useThree();
  const ring = useRef<THREE.Group>(null);
  const guide = useRef<THREE.Group>(null);
  const arrow = useRef<THREE.Group>(null);
  const labels = useRef<(THREE.Mesh | null)[]>([]);
  const tools = useRef({ head: new THREE.Vector3(), look: new THREE.Vector3(), spot: new THREE.Vector3(), way: undefined as TurnWay | null | undefined, seq: tour.recentre?.seq ?? 0 });
  const parts = useMemo(() => {
    const cards = WAYS.map((way) => {
      const { texture, aspect } = textTexture(tour.words[way], { background: 'rgba(20,24,40,0.82)', color: '#ffffff' });
      return { way, geometry: new THREE.PlaneGeometry(ARROW.labelHeight * aspect, ARROW.labelHeight), material: new THREE.MeshBasicMaterial({ map: texture, transparent: true, depthTest: false }) };
    });
    return { cards, arrow: arrowShape(ARROW.scale), rim: arrowShape(ARROW.scale * 1.25) };
  }, [tour.words]);
  useEffect(() => () => {
    for (const c of parts.cards) {
      c.material.map?.dispose();
      c.material.dispose();
      c.geometry.dispose();
    }
    parts.arrow.dispose();
    parts.rim.dispose();
  }, [parts]);

  useFrame(() => {
    const t = tools.current;
    camera.getWorldPosition(t.head);
    camera.getWorldDirection(t.look);
    const head = lookOf(t.look.toArray());
    const recentre = tour.recentre;
    if (recentre && recentre.seq !== t.seq) {
      t.seq = recentre.seq;
      turnRef.current = recentre.yaw - head.yaw;
    }
    const look = { yaw: wrapYaw(head.yaw + turnRef.current), pitch: head.pitch };
    tour.onLook(look);
    const target = tour.target;
    const way = target ? turnWay(look, target) : null;
    if (way !== t.way) {
      t.way = way;
      onWay(way);
    }
    if (ring.current) {
      ring.current.visible = target !== null;
      if (target) {
        const [x, y, z] = lookVector({ yaw: target.yaw - turnRef.current, pitch: target.pitch });
        ring.current.position.copy(t.head).add(t.spot.set(x, y, z).multiplyScalar(RING_DISTANCE));
        ring.current.lookAt(t.head);
      }
    }
    if (guide.current && arrow.current) {
      guide.current.visible = way !== null;
      guide.current.position.copy(t.head);
      camera.getWorldQuaternion(guide.current.quaternion);
      if (way) {
        const [sx, sy] = SPOT[way];
        arrow.current.position.set(sx * ARROW.side, sy * ARROW.rise, -ARROW.distance);
        arrow.current.rotation.set(0, 0, ROLL[way]);
        labels.current.forEach((m, i) => {
          if (!m) return;
          m.visible = WAYS[i] === way;
          m.position.set(sx * ARROW.side, sy * ARROW.rise + ARROW.labelGap, -ARROW.distance);
        });
      }
    }
  });

  return (
    <>
      <group ref={ring} visible={false}>
        <mesh renderOrder={12}>
          <ringGeometry args={[RING.inner - RING.rim, RING.outer + RING.rim, 64]} />
          <meshBasicMaterial color="#1b2a4a" transparent opacity={0.75} depthTest={false} />
        </mesh>
        <mesh renderOrder={13}>
          <ringGeometry args={[RING.inner, RING.outer, 64]} />
          <meshBasicMaterial color="#ffb703" depthTest={false} transparent />
        </mesh>
      </group>
      <group ref={guide} visible={false}>
        <group ref={arrow}>
          <mesh geometry={parts.rim} renderOrder={14}>
            <meshBasicMaterial color="#1b2a4a" depthTest={false} transparent />
          </mesh>
          <mesh geometry={parts.arrow} renderOrder={15}>
            <meshBasicMaterial color="#ffb703" depthTest={false} transparent />
          </mesh>
        </group>
        {parts.cards.map((c, i) => (
          <mesh key={c.way} ref={(m) => void (labels.current[i] = m)} geometry={c.geometry} material={c.material} renderOrder={16} visible={false} />
        ))}
      </group>
    </>
  );
}
