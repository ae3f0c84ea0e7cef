import * as THREE from 'three';

const FONT = '"Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/**
 * A short text drawn on a canvas, for a plane in the headset view: big letters on a rounded
 * card. Returns the texture and its width/height ratio (the plane's shape).
 */
export function textTexture(text: string, options: { background: string; color: string; px?: number }): { texture: THREE.CanvasTexture; aspect: number } {
  const px = options.px ?? 64;
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  const font = `600 ${px}px ${FONT}`;
  g.font = font;
  const height = Math.round(px * 1.8);
  const width = Math.ceil(g.measureText(text).width) + px * 2;
  canvas.width = width;
  canvas.height = height;
  g.font = font;
  g.fillStyle = options.background;
  g.beginPath();
  g.roundRect(0, 0, width, height, height / 2);
  g.fill();
  g.fillStyle = options.color;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(text, width / 2, height / 2 + px * 0.05);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return { texture, aspect: width / height };
}
