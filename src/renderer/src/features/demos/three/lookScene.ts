import * as THREE from 'three';
import type { LookAround } from '../model/lookAround';
import { isLocalImage } from '../model/images';
import { drawPanorama } from '../fallback/art';
import type { SceneContext, SceneHandle } from './engine';
import { loadPanoramaTexture } from '../../../lib/panoramaTexture';

/** A 360° panorama on the inside of a sphere, the camera at its centre; two views side by side in stereo mode. */
export function buildLookScene(model: LookAround, ctx: SceneContext): SceneHandle {
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(75, 1, 0.1, 100);
  camera.rotation.order = 'YXZ';
  const canvas = document.createElement('canvas');
  canvas.width = 2048;
  canvas.height = 1024;
  drawPanorama(canvas.getContext('2d') as CanvasRenderingContext2D, 2048, 1024);
  const sample = new THREE.CanvasTexture(canvas);
  sample.colorSpace = THREE.SRGBColorSpace;
  // No mipmaps: trilinear sampling of a big texture is what slows software/integrated GPUs here.
  sample.generateMipmaps = false;
  sample.minFilter = THREE.LinearFilter;
  const material = new THREE.MeshBasicMaterial({ map: sample, side: THREE.BackSide });
  const geometry = new THREE.SphereGeometry(50, 40, 20);
  geometry.scale(-1, 1, 1); // seen from inside: mirror so the picture reads the right way round
  material.side = THREE.FrontSide;
  scene.add(new THREE.Mesh(geometry, material));

  const image = typeof ctx.options.image === 'string' ? ctx.options.image : '';
  if (image && isLocalImage(image)) {
    // Capped at 4096×2048 like every 360° picture (lib/panoramaTexture).
    void loadPanoramaTexture(image).then(
      (texture) => {
        texture.generateMipmaps = false;
        texture.minFilter = THREE.LinearFilter;
        material.map = texture;
        material.needsUpdate = true;
        sample.dispose();
        model.picture = 'imported';
      },
      // A missing or broken picture: keep showing the built-in village rather than a black sphere.
      () => undefined,
    );
  }

  const stereoCamera = new THREE.StereoCamera();
  stereoCamera.eyeSep = 0.064;

  return {
    scene,
    camera,
    pointer(phase, _x, _y, dx, dy, width) {
      if (phase === 'move') model.drag(dx, dy, model.stereo ? width / 2 : width);
    },
    update() {
      camera.rotation.set(model.pitch, model.yaw, 0);
    },
    render(renderer, width, height) {
      if (!model.stereo) {
        renderer.setScissorTest(false);
        renderer.setViewport(0, 0, width, height);
        renderer.render(scene, camera);
        return;
      }
      // Side by side, one half per eye, for cardboard-style glasses.
      camera.updateMatrixWorld();
      stereoCamera.aspect = 0.5;
      camera.aspect = width / 2 / height;
      camera.updateProjectionMatrix();
      stereoCamera.update(camera);
      renderer.setScissorTest(true);
      renderer.setScissor(0, 0, width / 2, height);
      renderer.setViewport(0, 0, width / 2, height);
      renderer.render(scene, stereoCamera.cameraL);
      renderer.setScissor(width / 2, 0, width / 2, height);
      renderer.setViewport(width / 2, 0, width / 2, height);
      renderer.render(scene, stereoCamera.cameraR);
      renderer.setScissorTest(false);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
    },
  };
}
