import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { CUTTABLE, LINKS, MAX_PACKETS, NODES, type PacketJourney } from '../model/packetJourney';
import { addDaylight, box, fitDistance, labelSprite, lambert, type SceneContext, type SceneHandle } from './engine';

/** Where arrived packets line up in number order (above the phone and its mast). */
const REASSEMBLY_X = 8.2;
const PACKET_COLORS = [0xe4572e, 0xf3a712, 0x1f8a8a, 0x7b5ea7, 0x2f7ed8, 0xd9480f, 0x2b9348, 0xc2185b];

/** One low-poly model per place on the route, built from boxes, cylinders and cones. */
function placeModel(id: string): THREE.Group {
  const g = new THREE.Group();
  const grey = lambert(0x6b7280);
  switch (id) {
    case 'pc':
      g.add(box(1.6, 1.1, 0.15, lambert(0x2b2b40), 0, 1.1, 0), box(1.4, 0.9, 0.02, lambert(0x9fd8f5), 0, 1.1, 0.09), box(0.2, 0.5, 0.2, grey, 0, 0.3, 0), box(1.2, 0.08, 0.6, grey, 0, 0.04, 0.3));
      break;
    case 'school':
      g.add(box(1.2, 0.35, 0.8, lambert(0xfdf8ef), 0, 0.2, 0));
      g.add(box(0.08, 0.7, 0.08, grey, -0.4, 0.7, -0.2), box(0.08, 0.7, 0.08, grey, 0.4, 0.7, -0.2), box(0.9, 0.06, 0.06, lambert(0x2b9348), 0, 0.3, 0.41));
      break;
    case 'county':
      g.add(box(1.4, 2.2, 1.2, lambert(0xd6cdb8), 0, 1.1, 0), box(1.5, 0.2, 1.3, lambert(0xb83b17), 0, 2.3, 0));
      break;
    case 'fibreA':
    case 'fibreB':
      g.add(box(0.9, 0.9, 0.9, lambert(0xf3a712), 0, 0.45, 0), box(1, 0.12, 1, lambert(0x5a5a73), 0, 0.95, 0));
      break;
    case 'datacentre':
      for (let i = 0; i < 3; i++) g.add(box(0.55, 2, 1.3, lambert(0x374151), -0.7 + i * 0.7, 1, 0));
      g.add(box(2.2, 0.06, 1.5, lambert(0x1f8a8a), 0, 2.03, 0));
      break;
    case 'tower': {
      const mast = new THREE.Mesh(new THREE.CylinderGeometry(0.08, 0.3, 3, 5), grey);
      mast.position.y = 1.5;
      const top = new THREE.Mesh(new THREE.ConeGeometry(0.35, 0.5, 5), lambert(0xe4572e));
      top.position.y = 3.2;
      g.add(mast, top);
      break;
    }
    case 'phone':
      g.add(box(0.8, 1.5, 0.12, lambert(0x2b2b40), 0, 0.9, 0), box(0.68, 1.25, 0.02, lambert(0xdff3f1), 0, 0.92, 0.07));
      break;
  }
  return g;
}

/**
 * All the places as one mesh, each part keeping its colour (as vertex colours): one draw call
 * instead of about thirty, so the scene stays within its budget when a headset draws it twice.
 */
function mergedPlaces(places: THREE.Object3D[]): THREE.Mesh {
  const parts: THREE.BufferGeometry[] = [];
  const color = new THREE.Color();
  for (const place of places) {
    place.updateMatrixWorld(true);
    place.traverse((object) => {
      const mesh = object as THREE.Mesh;
      if (!mesh.isMesh) return;
      const geometry = mesh.geometry.clone().applyMatrix4(mesh.matrixWorld);
      color.copy((mesh.material as THREE.MeshLambertMaterial).color);
      const count = geometry.attributes.position!.count;
      const colors = new Float32Array(count * 3);
      for (let i = 0; i < count; i++) color.toArray(colors, i * 3);
      geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
      parts.push(geometry);
      mesh.geometry.dispose();
    });
  }
  const merged = mergeGeometries(parts) as THREE.BufferGeometry;
  for (const part of parts) part.dispose();
  return new THREE.Mesh(merged, lambert(0xffffff, { vertexColors: true }));
}

export function buildPacketScene(model: PacketJourney, ctx: SceneContext): SceneHandle {
  const scene = new THREE.Scene();
  addDaylight(scene);
  const camera = new THREE.PerspectiveCamera(40, 1, 0.5, 100);
  const ground = new THREE.Mesh(new THREE.PlaneGeometry(60, 40), lambert(0xa7d08c));
  ground.rotation.x = -Math.PI / 2;
  scene.add(ground);

  const places: THREE.Object3D[] = [];
  for (const node of NODES) {
    const place = placeModel(node.id);
    place.position.set(node.x, 0, node.z);
    places.push(place);
    const label = labelSprite(ctx.t(`demos.packet-journey.places.${node.id}`), { height: 0.7 });
    label.position.set(node.x, node.id === 'tower' ? 4.1 : 3, node.z);
    scene.add(label);
  }
  scene.add(mergedPlaces(places));

  // Cables: one cylinder per link, laid on the ground; a cut cable turns red and shows a break.
  const cableMaterial = lambert(0x2f7ed8);
  const cutMaterial = lambert(0xd62828);
  const cables: THREE.Mesh[] = [];
  const breaks: THREE.Mesh[] = [];
  const up = new THREE.Vector3(0, 1, 0);
  const dir = new THREE.Vector3();
  for (const [i, [a, b]] of LINKS.entries()) {
    const from = NODES[a] as (typeof NODES)[number];
    const to = NODES[b] as (typeof NODES)[number];
    dir.set(to.x - from.x, 0, to.z - from.z);
    const length = dir.length();
    const cable = new THREE.Mesh(new THREE.CylinderGeometry(0.09, 0.09, length, 6), cableMaterial);
    cable.position.set((from.x + to.x) / 2, 0.12, (from.z + to.z) / 2);
    cable.quaternion.setFromUnitVectors(up, dir.normalize());
    cables[i] = cable;
    scene.add(cable);
    if (i === CUTTABLE.A || i === CUTTABLE.B) {
      const gap = box(0.5, 0.5, 0.5, cutMaterial, cable.position.x, 0.3, cable.position.z);
      gap.rotation.y = Math.PI / 4;
      gap.visible = false;
      breaks[i] = gap;
      scene.add(gap);
    }
  }

  // Packets: one instanced mesh (one draw call) plus a number label each.
  const packets = new THREE.InstancedMesh(new THREE.BoxGeometry(0.55, 0.55, 0.55), lambert(0xffffff), MAX_PACKETS);
  const numbers: THREE.Sprite[] = [];
  const color = new THREE.Color();
  for (let i = 0; i < MAX_PACKETS; i++) {
    packets.setColorAt(i, color.set(PACKET_COLORS[i] as number));
    const n = labelSprite(String(i + 1), { height: 0.55, background: PACKET_COLORS[i] ? `#${(PACKET_COLORS[i] as number).toString(16).padStart(6, '0')}` : '#333', color: '#fff' });
    n.visible = false;
    numbers.push(n);
    scene.add(n);
  }
  packets.count = 0;
  scene.add(packets);
  const matrix = new THREE.Matrix4();
  const position = new THREE.Vector3();
  const quaternion = new THREE.Quaternion();
  const scale = new THREE.Vector3(1, 1, 1);
  let time = 0;

  return {
    scene,
    camera,
    resize(width, height) {
      // Fit the whole route across the screen, whatever its shape.
      const distance = fitDistance(camera, width / height, 13.6, 6.4);
      camera.position.set(0, distance * 0.82, distance * 0.58);
      camera.lookAt(0, 1, 0.6);
    },
    update(dt) {
      time += dt;
      for (let i = 0; i < LINKS.length; i++) {
        const cut = (i === CUTTABLE.A && model.isCut('A')) || (i === CUTTABLE.B && model.isCut('B'));
        (cables[i] as THREE.Mesh).material = cut ? cutMaterial : cableMaterial;
        const gap = breaks[i];
        if (gap) gap.visible = cut;
      }
      const list = model.packets;
      packets.count = list.length;
      for (let i = 0; i < MAX_PACKETS; i++) {
        const p = list[i];
        const label = numbers[i] as THREE.Sprite;
        label.visible = !!p;
        if (!p) continue;
        const from = NODES[p.from] as (typeof NODES)[number];
        const to = NODES[p.to] as (typeof NODES)[number];
        const t = p.t < 0 ? 0 : p.arrived ? 1 : p.t;
        // Arrived packets line up above the phone in number order: that is the reassembly.
        if (p.arrived) position.set(REASSEMBLY_X + (p.n - 1 - (list.length - 1) / 2) * 0.62, 5.6, 1.6);
        else position.set(from.x + (to.x - from.x) * t, 0.6 + (p.waiting ? 0.25 * Math.abs(Math.sin(time * 6)) : Math.sin(t * Math.PI) * 0.5), from.z + (to.z - from.z) * t);
        matrix.compose(position, quaternion, scale);
        packets.setMatrixAt(i, matrix);
        label.position.set(position.x, position.y + 0.62, position.z);
      }
      packets.instanceMatrix.needsUpdate = true;
    },
  };
}
