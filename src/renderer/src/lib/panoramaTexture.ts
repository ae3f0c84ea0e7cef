import * as THREE from 'three';
import { cappedSize } from './panoramaSize';

/** Loads a 360° photo as a texture no bigger than PANORAMA_CAP; rejects when the picture cannot be read. */
export async function loadPanoramaTexture(url: string): Promise<THREE.Texture> {
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  await image.decode();
  const size = cappedSize(image.naturalWidth, image.naturalHeight);
  // Decoded straight to the smaller size; flipped here because WebGL cannot flip an ImageBitmap.
  const bitmap = await createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high', imageOrientation: 'flipY' });
  const texture = new THREE.Texture(bitmap);
  texture.flipY = false;
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.needsUpdate = true;
  texture.addEventListener('dispose', () => bitmap.close());
  return texture;
}
