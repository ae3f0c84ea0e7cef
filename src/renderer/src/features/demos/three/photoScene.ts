import * as THREE from 'three';
import { COPY_PLAN, PLACES, type PhotoCopies } from '../model/photos';
import { drawSamplePhoto } from '../fallback/art';
import { addDaylight, box, fitDistance, labelSprite, lambert, type SceneContext, type SceneHandle } from './engine';

/** Phones and servers on a table-top world; the photo (a kite in the sky) flies between them as copies. */
export function buildPhotoScene(model: PhotoCopies, ctx: SceneContext): SceneHandle {
  const scene = new THREE.Scene();
  addDaylight(scene, 0xdff3f1);
  const camera = new THREE.PerspectiveCamera(40, 1, 0.5, 100);
  const ground = new THREE.Mesh(new THREE.PlaneGeometry(60, 40), lambert(0xeadfcb));
  ground.rotation.x = -Math.PI / 2;
  scene.add(ground);

  const canvas = document.createElement('canvas');
  canvas.width = 128;
  canvas.height = 96;
  drawSamplePhoto(canvas.getContext('2d') as CanvasRenderingContext2D, 128, 96);
  const photoTexture = new THREE.CanvasTexture(canvas);
  photoTexture.colorSpace = THREE.SRGBColorSpace;
  const photoMaterial = new THREE.MeshBasicMaterial({ map: photoTexture, side: THREE.DoubleSide });
  const photoGeometry = new THREE.PlaneGeometry(1.3, 0.98);

  const phoneBody = lambert(0x2b2b40);
  const serverBody = lambert(0x374151);
  const photos: THREE.Mesh[] = [];
  for (const place of PLACES) {
    const server = place.id === 'server' || place.id === 'backup';
    if (server) {
      for (let i = 0; i < 2; i++) scene.add(box(1.8, 1.1, 1.4, serverBody, place.x, 0.55 + i * 1.15, place.z));
      scene.add(box(1.9, 0.08, 1.5, lambert(0x1f8a8a), place.x, 2.35, place.z));
    } else {
      const phone = box(1.1, 1.9, 0.15, phoneBody, place.x, 1.05, place.z);
      phone.rotation.x = -0.25;
      scene.add(phone);
    }
    const photo = new THREE.Mesh(photoGeometry, photoMaterial);
    photo.position.set(place.x, server ? 3.1 : 1.15, place.z + (server ? 0 : 0.12));
    if (!server) photo.rotation.x = -0.25;
    photo.visible = false;
    photos.push(photo);
    const label = labelSprite(ctx.t(`demos.photo-copies.places.${place.id}`), { height: 0.6 });
    label.position.set(place.x, server ? 4.2 : 2.55, place.z);
    scene.add(photo, label);
  }
  const deletedMark = labelSprite(ctx.t('demos.photo-copies.scene.deleted'), { height: 0.6, background: 'rgba(214,40,40,0.92)', color: '#fff' });
  const mine = PLACES[0];
  deletedMark.position.set(mine.x, 1.2, mine.z + 0.4);
  scene.add(deletedMark);

  // One flying copy per step of the plan, reused.
  const flyers = COPY_PLAN.map(() => {
    const m = new THREE.Mesh(photoGeometry, photoMaterial);
    m.scale.setScalar(0.7);
    m.visible = false;
    scene.add(m);
    return m;
  });
  const at = (id: string) => PLACES.find((p) => p.id === id) as (typeof PLACES)[number];
  const ends = COPY_PLAN.map((c) => ({ from: at(c.from), to: at(c.to) }));
  let time = 0;

  return {
    scene,
    camera,
    resize(width, height) {
      const distance = fitDistance(camera, width / height, 12.6, 7);
      camera.position.set(0.8, distance * 0.8, distance * 0.6);
      camera.lookAt(0.8, 1, 0);
    },
    update(dt) {
      time += dt;
      for (let i = 0; i < PLACES.length; i++) (photos[i] as THREE.Mesh).visible = model.has[i] === 1;
      deletedMark.visible = model.deleted;
      for (let i = 0; i < flyers.length; i++) {
        const f = model.flight(i);
        const m = flyers[i] as THREE.Mesh;
        m.visible = f >= 0;
        if (f < 0) continue;
        const { from, to } = ends[i] as (typeof ends)[number];
        m.position.set(from.x + (to.x - from.x) * f, 2 + Math.sin(f * Math.PI) * 2.2, from.z + (to.z - from.z) * f);
        m.rotation.y = time * 3;
      }
    },
  };
}
