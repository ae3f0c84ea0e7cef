import * as THREE from 'three';
import { ALTITUDE_LIMIT_M, groundHeight, NO_FLY, WORLD_HALF, type FlyDrone } from '../model/drone';
import { addDaylight, box, labelSprite, lambert, type SceneContext, type SceneHandle } from './engine';

/** A small deterministic random sequence so the village is the same every time. */
function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** A low-poly village in hills with the school, an airfield (the no-fly zone) and the drone. */
export function buildDroneScene(model: FlyDrone, ctx: SceneContext): SceneHandle {
  const scene = new THREE.Scene();
  addDaylight(scene, 0xcfe8ff);
  scene.fog = new THREE.Fog(0xcfe8ff, 300, 900);
  const camera = new THREE.PerspectiveCamera(55, 1, 1, 1500);
  const base = groundHeight(0, 0);

  // Terrain: a 48×48 grid lifted by the height function, coloured by height.
  const terrain = new THREE.PlaneGeometry(WORLD_HALF * 2, WORLD_HALF * 2, 48, 48);
  terrain.rotateX(-Math.PI / 2);
  const pos = terrain.attributes.position as THREE.BufferAttribute;
  const colors = new Float32Array(pos.count * 3);
  const c = new THREE.Color();
  for (let i = 0; i < pos.count; i++) {
    const y = groundHeight(pos.getX(i), pos.getZ(i)) - base;
    pos.setY(i, y);
    c.setHSL(0.27 - Math.min(y, 50) * 0.0012, 0.45, 0.42 + y * 0.003);
    c.toArray(colors, i * 3);
  }
  terrain.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  terrain.computeVertexNormals();
  scene.add(new THREE.Mesh(terrain, lambert(0xffffff, { vertexColors: true })));

  // Houses and trees: instanced, one draw call per kind of part.
  const random = seeded(11);
  const houses = new THREE.InstancedMesh(new THREE.BoxGeometry(10, 7, 8), lambert(0xf5ecd9), 60);
  const roofs = new THREE.InstancedMesh(new THREE.ConeGeometry(8, 5, 4), lambert(0xb83b17), 60);
  const trunks = new THREE.InstancedMesh(new THREE.CylinderGeometry(0.6, 0.8, 4, 5), lambert(0x7a5230), 140);
  const crowns = new THREE.InstancedMesh(new THREE.ConeGeometry(4, 9, 6), lambert(0x2f7d32), 140);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const up = new THREE.Vector3(0, 1, 0);
  const p = new THREE.Vector3();
  const s = new THREE.Vector3(1, 1, 1);
  const place = (count: number, minR: number, maxR: number, put: (i: number, x: number, y: number, z: number, turn: number) => void) => {
    for (let i = 0; i < count; ) {
      const a = random() * Math.PI * 2;
      const r = minR + random() * (maxR - minR);
      const x = Math.cos(a) * r;
      const z = Math.sin(a) * r + 40;
      if (Math.hypot(x - NO_FLY.x, z - NO_FLY.z) < NO_FLY.radius + 20) continue;
      put(i++, x, groundHeight(x, z) - base, z, random() * Math.PI);
    }
  };
  place(60, 70, 260, (i, x, y, z, turn) => {
    q.setFromAxisAngle(up, turn);
    houses.setMatrixAt(i, m.compose(p.set(x, y + 3.5, z), q, s));
    q.setFromAxisAngle(up, turn + Math.PI / 4);
    roofs.setMatrixAt(i, m.compose(p.set(x, y + 9.5, z), q, s));
  });
  place(140, 80, 520, (i, x, y, z) => {
    trunks.setMatrixAt(i, m.compose(p.set(x, y + 2, z), q.identity(), s));
    crowns.setMatrixAt(i, m.compose(p.set(x, y + 8, z), q, s));
  });
  scene.add(houses, roofs, trunks, crowns);

  // The school at the take-off point: yard, building, flag; the pilot stands in the yard.
  const yard = new THREE.Mesh(new THREE.PlaneGeometry(70, 45), lambert(0xc9b48a));
  yard.rotation.x = -Math.PI / 2;
  yard.position.set(0, 0.2, 5);
  scene.add(yard, box(50, 12, 12, lambert(0xffffff), 0, 6, -22), box(52, 1, 14, lambert(0x1f8a8a), 0, 12.5, -22), box(0.6, 18, 0.6, lambert(0x5a5a73), -30, 9, -8));
  const flag = box(6, 4, 0.3, lambert(0xe4572e), -27, 16, -8);
  scene.add(flag);
  const school = labelSprite(ctx.t('demos.fly-drone.scene.school'), { height: 5 });
  school.position.set(0, 17, -22);
  scene.add(school);

  // The airfield and its no-fly zone: a runway and a see-through red cylinder up to the sky.
  const runway = new THREE.Mesh(new THREE.PlaneGeometry(30, 160), lambert(0x5a5a73));
  runway.rotation.x = -Math.PI / 2;
  runway.position.set(NO_FLY.x, 0.4, NO_FLY.z);
  const zoneMaterial = new THREE.MeshBasicMaterial({ color: 0xd62828, transparent: true, opacity: 0.22, side: THREE.DoubleSide, depthWrite: false });
  const zone = new THREE.Mesh(new THREE.CylinderGeometry(NO_FLY.radius, NO_FLY.radius, 200, 32, 1, true), zoneMaterial);
  zone.position.set(NO_FLY.x, 100, NO_FLY.z);
  const zoneLabel = labelSprite(ctx.t('demos.fly-drone.scene.noFly'), { height: 14, background: 'rgba(214,40,40,0.92)', color: '#fff' });
  zoneLabel.position.set(NO_FLY.x, 130, NO_FLY.z); // over the zone: seen from afar, not in your face at its edge
  scene.add(runway, zone, zoneLabel);

  // The 120 m ceiling: a faint grid that appears when the drone climbs near it.
  const ceiling = new THREE.GridHelper(400, 20, 0xd62828, 0xd62828);
  (ceiling.material as THREE.Material).transparent = true;
  (ceiling.material as THREE.Material).opacity = 0.5;
  scene.add(ceiling);

  const drone = new THREE.Group();
  const dark = lambert(0x2b2b40);
  drone.add(box(3, 0.8, 3, lambert(0xf3a712)), box(7, 0.3, 0.5, dark), box(0.5, 0.3, 7, dark), box(0.6, 0.6, 0.6, dark, 0, -0.6, -1.2));
  const rotors = new THREE.InstancedMesh(new THREE.CylinderGeometry(1.6, 1.6, 0.1, 10), new THREE.MeshBasicMaterial({ color: 0x9aa0a6, transparent: true, opacity: 0.6 }), 4);
  for (let i = 0; i < 4; i++) rotors.setMatrixAt(i, m.compose(p.set(i < 2 ? (i ? 3.3 : -3.3) : 0, 0.4, i >= 2 ? (i === 3 ? 3.3 : -3.3) : 0), q.identity(), s));
  drone.add(rotors);
  scene.add(drone);
  const shadow = new THREE.Mesh(new THREE.CircleGeometry(3, 12), new THREE.MeshBasicMaterial({ color: 0x000000, transparent: true, opacity: 0.25, depthWrite: false }));
  shadow.rotation.x = -Math.PI / 2;
  scene.add(shadow);

  const behind = new THREE.Vector3();
  const target = new THREE.Vector3();
  let time = 0;

  return {
    scene,
    camera,
    update(dt) {
      time += dt;
      drone.position.set(model.x, model.altitude + 2, model.z);
      drone.rotation.y = model.heading;
      drone.rotation.z = Math.sin(time * 2) * 0.03;
      shadow.position.set(model.x, groundHeight(model.x, model.z) - base + 0.5, model.z);
      ceiling.position.set(model.x - (model.x % 20), ALTITUDE_LIMIT_M + 2, model.z - (model.z % 20));
      ceiling.visible = model.altitude > ALTITUDE_LIMIT_M - 40;
      zoneMaterial.opacity = model.notices.noFly > 0 ? 0.3 + 0.15 * Math.sin(time * 8) : 0.22;
      // Chase camera: behind and above the drone, easing towards its place.
      behind.set(Math.sin(model.heading) * 38, 16, Math.cos(model.heading) * 38).add(drone.position);
      camera.position.lerp(behind, Math.min(1, dt * 3 || 1));
      target.set(model.x - Math.sin(model.heading) * 20, model.altitude - 6, model.z - Math.cos(model.heading) * 20);
      camera.lookAt(target);
    },
  };
}
