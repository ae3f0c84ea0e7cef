import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
import * as THREE from 'three';
import { Dwell } from './dwell';
import { textTexture } from './text';
import { testHooksEnabled } from '../demos/flags';

declare global {
  interface Window {
    /** With ?test=1 only, for emulated-headset tests: where a headset button is (metres, world space), and the words the panel shows. */
    __kiteVr?: { button(id: string): [number, number, number] | null; panel(): { title: string; buttons: string[]; disabled: string[] } };
  }
}

export interface VrAction {
  id: string;
  label: string;
  run: () => void;
  /** Shown greyed, saying why (its label); neither a ray nor a gaze presses it. */
  disabled?: boolean;
}

/** Where the panel floats from the eyes: near (1.2 m) and a little low (`drop`, a scene may ask for lower), so it never hides the picture. */
export const PANEL = { distance: 1.2, drop: 0.38, gap: 0.06, buttonHeight: 0.16, titleHeight: 0.1 } as const;
/** Turning further than this from the panel brings it back in front (it glides, it does not jump). */
const FOLLOW_ANGLE = Math.PI / 3;
const RETICLE_DISTANCE = 1.1;
const RING_SEGMENTS = 32;

/** The button cards and the title, built once per label set; each card knows its place on the panel (the last row at 0). */
function useCards(title: string, rows: VrAction[][]) {
  return useMemo(() => {
    const card = (text: string, background: string, color: string, height: number) => {
      const { texture, aspect } = textTexture(text, { background, color });
      return { geometry: new THREE.PlaneGeometry(height * aspect, height), material: new THREE.MeshBasicMaterial({ map: texture, transparent: true, depthTest: false }), width: height * aspect };
    };
    const step = PANEL.buttonHeight + PANEL.gap;
    const buttons = rows.flatMap((row, r) => {
      const cards = row.map((a) => ({ ...a, ...(a.disabled ? card(a.label, '#c9ced8', '#4a5468', PANEL.buttonHeight) : card(a.label, '#ffffff', '#1b2a4a', PANEL.buttonHeight)) }));
      const total = cards.reduce((sum, c) => sum + c.width + PANEL.gap, -PANEL.gap);
      let x = -total / 2;
      return cards.map((c) => {
        const placed = { ...c, x: x + c.width / 2, y: (rows.length - 1 - r) * step };
        x += c.width + PANEL.gap;
        return placed;
      });
    });
    return { title: { ...card(title, 'rgba(20,24,40,0.78)', '#ffffff', PANEL.titleHeight), y: rows.length * step - PANEL.gap / 2 }, buttons };
  }, [title, rows]);
}

/**
 * What the pupil can do inside the headset: big buttons near them (exit, play/pause) and the title.
 * Controllers point and press with their ray (the XR store's pointer events); a headset without
 * controllers presses a button by looking at it for a moment, with a ring that fills.
 */
export default function VrPanel({ title, rows, drop = PANEL.drop }: { title: string; rows: VrAction[][]; drop?: number }) {
  const cards = useCards(title, rows);
  const { camera } = useThree();
  const hasControllers = useXR((s) => s.inputSourceStates.some((i) => i.type === 'controller'));
  const inSession = useXR((s) => s.session !== undefined);
  const panel = useRef<THREE.Group>(null);
  const meshes = useRef<(THREE.Mesh | null)[]>([]);
  const reticle = useRef<THREE.Group>(null);
  const ring = useRef<THREE.Mesh>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const tools = useRef({ dwell: new Dwell<number>(), ray: new THREE.Raycaster(), head: new THREE.Vector3(), look: new THREE.Vector3(), placed: false, yaw: 0, headFrames: 0 });
  const ringGeometry = useMemo(() => new THREE.RingGeometry(0.03, 0.045, RING_SEGMENTS, 1), []);
  useEffect(() => {
    if (!testHooksEnabled()) return;
    window.__kiteVr = {
      button: (id) => {
        const mesh = meshes.current[cards.buttons.findIndex((b) => b.id === id)];
        return mesh ? (mesh.getWorldPosition(new THREE.Vector3()).toArray() as [number, number, number]) : null;
      },
      panel: () => ({ title, buttons: cards.buttons.map((b) => b.label), disabled: cards.buttons.filter((b) => b.disabled).map((b) => b.label) }),
    };
    return () => void delete window.__kiteVr;
  }, [cards, title]);
  useEffect(() => () => {
    ringGeometry.dispose();
    for (const c of [cards.title, ...cards.buttons]) {
      c.material.map?.dispose();
      c.material.dispose();
      c.geometry.dispose();
    }
  }, [cards, ringGeometry]);

  useFrame((_, dt) => {
    const t = tools.current;
    // The camera holds the head's pose only from the session's second frame (the first is drawn before it is read):
    // until then the panel would be placed, and gaze aimed, from where the flat canvas's camera was.
    t.headFrames = inSession ? t.headFrames + 1 : 0;
    if (t.headFrames < 2) return;
    camera.getWorldPosition(t.head);
    camera.getWorldDirection(t.look);
    const headYaw = Math.atan2(-t.look.x, -t.look.z);
    const group = panel.current;
    if (group) {
      const turn = Math.atan2(Math.sin(headYaw - t.yaw), Math.cos(headYaw - t.yaw));
      if (!t.placed) [t.placed, t.yaw] = [true, headYaw];
      else if (Math.abs(turn) > FOLLOW_ANGLE) t.yaw += turn * Math.min(1, dt * 3);
      group.position.set(t.head.x - Math.sin(t.yaw) * PANEL.distance, t.head.y - drop, t.head.z - Math.cos(t.yaw) * PANEL.distance);
      // Tilted to face the eyes, like a book held low.
      group.rotation.set(-Math.atan2(drop, PANEL.distance), t.yaw, 0, 'YXZ');
    }
    // Gaze: only when no controller can point (hands or a bare headset).
    let looked: number | null = null;
    if (!hasControllers) {
      t.ray.set(t.head, t.look);
      const targets = meshes.current.filter((m, i): m is THREE.Mesh => m !== null && !cards.buttons[i]?.disabled);
      const hit = t.ray.intersectObjects(targets, false)[0];
      if (hit) looked = meshes.current.indexOf(hit.object as THREE.Mesh);
    }
    const pressed = t.dwell.update(looked, dt * 1000);
    if (pressed !== null) cards.buttons[pressed]?.run();
    if (reticle.current && ring.current) {
      reticle.current.visible = !hasControllers;
      reticle.current.position.copy(t.head).addScaledVector(t.look, RETICLE_DISTANCE);
      reticle.current.lookAt(t.head);
      const filled = Math.ceil(t.dwell.progress * RING_SEGMENTS);
      ring.current.visible = filled > 0;
      ring.current.geometry.setDrawRange(0, filled * 6);
    }
  });

  return (
    <>
      <group ref={panel}>
        <mesh geometry={cards.title.geometry} material={cards.title.material} position={[0, cards.title.y, 0]} renderOrder={20} />
        {cards.buttons.map((b, i) => (
          <mesh
            key={b.id}
            name={`vr-button-${b.id}`}
            ref={(m) => void (meshes.current[i] = m)}
            geometry={b.geometry}
            material={b.material}
            position={[b.x, b.y, 0]}
            scale={hovered === b.id && !b.disabled ? 1.1 : 1}
            renderOrder={20}
            onClick={() => !b.disabled && b.run()}
            onPointerOver={() => setHovered(b.id)}
            onPointerOut={() => setHovered(null)}
          />
        ))}
      </group>
      <group ref={reticle} renderOrder={30}>
        {/* a white dot with a dark rim: seen on a bright sky and on a white button */}
        <mesh renderOrder={30}>
          <ringGeometry args={[0, 0.009, 24]} />
          <meshBasicMaterial color="#ffffff" depthTest={false} transparent />
        </mesh>
        <mesh renderOrder={30}>
          <ringGeometry args={[0.009, 0.014, 24]} />
          <meshBasicMaterial color="#1b2a4a" depthTest={false} transparent />
        </mesh>
        <mesh ref={ring} geometry={ringGeometry} renderOrder={31}>
          <meshBasicMaterial color="#ffb703" depthTest={false} transparent />
        </mesh>
      </group>
    </>
  );
}
