import * as THREE from 'three';
import { PLAN, type WifiSignals } from '../model/wifi';
import { addDaylight, box, fitDistance, labelSprite, lambert, type SceneContext, type SceneHandle } from './engine';

const WALL_H = 1.6;
const HEAT_W = 96;
const HEAT_H = 48;

/** The houses seen from above at an angle; the floor is coloured by signal strength (a heat map). */
export function buildWifiScene(model: WifiSignals, ctx: SceneContext): SceneHandle {
  const scene = new THREE.Scene();
  // Seen from above: the background is the garden around the houses (one less full-screen layer to draw).
  addDaylight(scene, 0xdfe8cf);
  const camera = new THREE.PerspectiveCamera(40, 1, 0.5, 120);

  // Heat map: redrawn only when the wall moves (the tablet does not change the signal field).
  const heatCanvas = document.createElement('canvas');
  heatCanvas.width = HEAT_W;
  heatCanvas.height = HEAT_H;
  const heat = heatCanvas.getContext('2d') as CanvasRenderingContext2D;
  const pixels = heat.createImageData(HEAT_W, HEAT_H);
  const heatTexture = new THREE.CanvasTexture(heatCanvas);
  heatTexture.colorSpace = THREE.SRGBColorSpace;
  let drawnWall = NaN;
  const drawHeat = () => {
    drawnWall = model.wallX;
    for (let j = 0; j < HEAT_H; j++) {
      for (let i = 0; i < HEAT_W; i++) {
        const s = model.strengthAt(((i + 0.5) / HEAT_W - 0.5) * PLAN.width, ((j + 0.5) / HEAT_H - 0.5) * PLAN.depth);
        const o = (j * HEAT_W + i) * 4;
        // Strong: fresh green; weak: pale yellow; none: grey.
        pixels.data[o] = s > 0 ? 250 - 170 * s : 200;
        pixels.data[o + 1] = s > 0 ? 235 - 35 * s : 200;
        pixels.data[o + 2] = s > 0 ? 170 - 90 * s : 200;
        pixels.data[o + 3] = 255;
      }
    }
    heat.putImageData(pixels, 0, 0);
    heatTexture.needsUpdate = true;
  };
  const floor = new THREE.Mesh(new THREE.PlaneGeometry(PLAN.width, PLAN.depth), new THREE.MeshLambertMaterial({ map: heatTexture }));
  floor.rotation.x = -Math.PI / 2;
  scene.add(floor);

  const wallMaterial = lambert(0xe9dcc4);
  const addWalls = (h: { x0: number; x1: number; z0: number; z1: number }, doorAt: number) => {
    const w = h.x1 - h.x0;
    scene.add(box(w, WALL_H, 0.3, wallMaterial, (h.x0 + h.x1) / 2, WALL_H / 2, h.z0));
    scene.add(box(0.3, WALL_H, h.z1 - h.z0, wallMaterial, h.x0, WALL_H / 2, (h.z0 + h.z1) / 2));
    scene.add(box(0.3, WALL_H, h.z1 - h.z0, wallMaterial, h.x1, WALL_H / 2, (h.z0 + h.z1) / 2));
    // Front wall with a doorway, lower so the inside stays visible.
    scene.add(box(doorAt - h.x0, 0.5, 0.3, wallMaterial, (h.x0 + doorAt) / 2, 0.25, h.z1));
    scene.add(box(h.x1 - doorAt - 1.5, 0.5, 0.3, wallMaterial, (doorAt + 1.5 + h.x1) / 2, 0.25, h.z1));
  };
  addWalls(PLAN.ourHouse, -4);
  addWalls(PLAN.neighbourHouse, 6.5);

  const movableWall = box(0.45, WALL_H, PLAN.wall.z1 - PLAN.wall.z0, lambert(0xb5651d), 0, WALL_H / 2, (PLAN.wall.z0 + PLAN.wall.z1) / 2);
  scene.add(movableWall);

  const router = new THREE.Group();
  router.add(box(1.1, 0.3, 0.7, lambert(0xfdf8ef), 0, 0.95, 0), box(0.08, 0.8, 0.08, lambert(0x2b2b40), -0.4, 1.4, -0.25), box(0.08, 0.8, 0.08, lambert(0x2b2b40), 0.4, 1.4, -0.25));
  router.add(box(0.9, 0.8, 0.6, lambert(0x8d6e4a), 0, 0.4, 0));
  router.position.set(PLAN.router.x, 0, PLAN.router.z);
  scene.add(router);

  // Three rings spreading from the router, fading as they grow (reused every frame).
  const rings: THREE.Mesh[] = [];
  for (let i = 0; i < 3; i++) {
    const ring = new THREE.Mesh(new THREE.RingGeometry(0.95, 1, 40), new THREE.MeshBasicMaterial({ color: 0x1f8a8a, transparent: true, depthWrite: false }));
    ring.rotation.x = -Math.PI / 2;
    ring.position.set(PLAN.router.x, 1.3, PLAN.router.z);
    rings.push(ring);
    scene.add(ring);
  }

  const tablet = new THREE.Group();
  tablet.add(box(1.3, 0.12, 0.9, lambert(0x2b2b40), 0, 0.5, 0), box(1.15, 0.02, 0.75, lambert(0x9fd8f5), 0, 0.57, 0));
  const barOn = lambert(0x2b9348);
  const barOff = lambert(0xcfcfcf);
  const bars: THREE.Mesh[] = [];
  for (let i = 0; i < 4; i++) {
    const bar = box(0.22, 0.25 + i * 0.2, 0.1, barOff, -0.4 + i * 0.27, 1.1 + i * 0.1, 0);
    bars.push(bar);
    tablet.add(bar);
  }
  const selectedRing = new THREE.Mesh(new THREE.RingGeometry(1, 1.2, 32), new THREE.MeshBasicMaterial({ color: 0xe4572e }));
  selectedRing.rotation.x = -Math.PI / 2;
  selectedRing.position.y = 0.05;
  tablet.add(selectedRing);
  scene.add(tablet);

  const neighbourPhone = box(0.5, 0.9, 0.1, lambert(0x7b5ea7), PLAN.neighbourPhone.x, 0.6, PLAN.neighbourPhone.z);
  const joined = labelSprite(ctx.t('demos.wifi-signals.scene.neighbourOn'), { height: 0.75, background: 'rgba(214,40,40,0.92)', color: '#fff' });
  const refused = labelSprite(ctx.t('demos.wifi-signals.scene.neighbourOff'), { height: 0.75 });
  joined.position.set(PLAN.neighbourPhone.x, 2.2, PLAN.neighbourPhone.z);
  refused.position.copy(joined.position);
  const ours = labelSprite(ctx.t('demos.wifi-signals.scene.ourHouse'), { height: 0.8 });
  ours.position.set(-4.5, 2.6, -5);
  const theirs = labelSprite(ctx.t('demos.wifi-signals.scene.neighbourHouse'), { height: 0.8 });
  theirs.position.set(7.5, 2.6, -5);
  scene.add(neighbourPhone, joined, refused, ours, theirs);

  // Dragging: the thing nearest the finger (tablet or wall) follows it over the floor.
  const raycaster = new THREE.Raycaster();
  const ndc = new THREE.Vector2();
  const plane = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
  const hit = new THREE.Vector3();
  const groundAt = (x: number, y: number) => {
    ndc.set(x, y);
    raycaster.setFromCamera(ndc, camera);
    return raycaster.ray.intersectPlane(plane, hit);
  };
  let dragging = false;
  let time = 0;

  return {
    scene,
    camera,
    resize(width, height) {
      const distance = fitDistance(camera, width / height, 12.4, 7.4);
      camera.position.set(0, distance * 0.86, distance * 0.5);
      camera.lookAt(0, 0, 0.6);
    },
    pointer(phase, x, y) {
      if (phase === 'up') {
        dragging = false;
        return;
      }
      const p = groundAt(x, y);
      if (!p) return;
      if (phase === 'down') {
        const toTablet = Math.hypot(p.x - model.tablet.x, p.z - model.tablet.z);
        const toWall = Math.abs(p.x - model.wallX) + (p.z > PLAN.wall.z1 ? 10 : 0);
        model.select(toWall < 1.2 && toWall < toTablet ? 'wall' : 'tablet');
        dragging = true;
      }
      if (!dragging) return;
      if (model.selected === 'tablet') model.placeTablet(p.x, p.z);
      else model.placeWall(p.x);
    },
    update(dt) {
      time += dt;
      if (model.wallX !== drawnWall) drawHeat();
      movableWall.position.x = model.wallX;
      tablet.position.set(model.tablet.x, 0, model.tablet.z);
      const lit = model.bars;
      for (let i = 0; i < 4; i++) (bars[i] as THREE.Mesh).material = i < lit ? barOn : barOff;
      selectedRing.visible = model.selected === 'tablet';
      (movableWall.material as THREE.MeshLambertMaterial).emissive.setHex(model.selected === 'wall' ? 0x5a2a00 : 0);
      for (let i = 0; i < 3; i++) {
        const f = (model.wave + i / 3) % 1;
        const ring = rings[i] as THREE.Mesh;
        const r = 1 + f * 13;
        ring.scale.set(r, r, 1);
        (ring.material as THREE.MeshBasicMaterial).opacity = 0.55 * (1 - f);
      }
      const on = model.neighbourConnected;
      joined.visible = on;
      refused.visible = !on;
      neighbourPhone.rotation.y = on ? Math.sin(time * 4) * 0.2 : 0;
    },
  };
}
