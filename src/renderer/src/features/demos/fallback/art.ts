/** Canvas drawings shared by the 3D scenes (as textures) and the 2D versions. All original, drawn in code. */

/** The photo pupils "post": a kite over green hills on a sunny day. */
export function drawSamplePhoto(g: CanvasRenderingContext2D, w: number, h: number): void {
  const sky = g.createLinearGradient(0, 0, 0, h);
  sky.addColorStop(0, '#6cc3f0');
  sky.addColorStop(1, '#d8f1ff');
  g.fillStyle = sky;
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#f3d35b';
  g.beginPath();
  g.arc(w * 0.82, h * 0.22, h * 0.11, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#6fbf5a';
  g.beginPath();
  g.moveTo(0, h * 0.75);
  g.quadraticCurveTo(w * 0.3, h * 0.5, w * 0.6, h * 0.72);
  g.quadraticCurveTo(w * 0.85, h * 0.6, w, h * 0.7);
  g.lineTo(w, h);
  g.lineTo(0, h);
  g.fill();
  g.fillStyle = '#e4572e';
  g.beginPath();
  g.moveTo(w * 0.35, h * 0.12);
  g.lineTo(w * 0.45, h * 0.3);
  g.lineTo(w * 0.35, h * 0.5);
  g.lineTo(w * 0.25, h * 0.3);
  g.fill();
  g.strokeStyle = '#2b2b40';
  g.lineWidth = Math.max(1, w / 120);
  g.beginPath();
  g.moveTo(w * 0.35, h * 0.5);
  g.quadraticCurveTo(w * 0.3, h * 0.7, w * 0.45, h * 0.85);
  g.stroke();
}

/** A small deterministic random sequence so the panorama looks the same every time. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/**
 * A 360° equirectangular panorama of a village (2:1, x = direction all round, y = up/down), drawn
 * so that its left and right edges meet: sky, sun, clouds, two rows of hills, fields, houses, a school.
 */
export function drawPanorama(g: CanvasRenderingContext2D, w: number, h: number): void {
  const horizon = h * 0.5;
  const sky = g.createLinearGradient(0, 0, 0, horizon + h * 0.12);
  sky.addColorStop(0, '#3a8fd6');
  sky.addColorStop(1, '#cdeeff');
  g.fillStyle = sky;
  g.fillRect(0, 0, w, horizon + h * 0.12);
  g.fillStyle = '#fff4c2';
  g.beginPath();
  g.arc(w * 0.3, h * 0.28, h * 0.045, 0, Math.PI * 2);
  g.fill();
  const random = seeded(7);
  g.fillStyle = 'rgba(255,255,255,0.9)';
  for (let i = 0; i < 14; i++) {
    const x = random() * w;
    const y = h * (0.12 + random() * 0.25);
    const s = h * (0.02 + random() * 0.03);
    for (const dx of [-1.2, 0, 1.2]) {
      g.beginPath();
      g.ellipse(x + dx * s, y + (dx === 0 ? -s * 0.4 : 0), s * 1.3, s * 0.8, 0, 0, Math.PI * 2);
      g.fill();
    }
  }
  // Hills: waves whose periods divide the width, so the picture wraps without a seam.
  const hills = (base: number, amp: number, waves: number[], color: string) => {
    g.fillStyle = color;
    g.beginPath();
    g.moveTo(0, h);
    for (let x = 0; x <= w; x += 4) {
      const a = (x / w) * Math.PI * 2;
      const y = base - amp * (Math.sin(a * (waves[0] as number) + 1) * 0.6 + Math.sin(a * (waves[1] as number) + 2) * 0.4);
      g.lineTo(x, y);
    }
    g.lineTo(w, h);
    g.fill();
  };
  hills(horizon - h * 0.02, h * 0.08, [3, 7], '#7fa7c9');
  hills(horizon + h * 0.01, h * 0.05, [4, 9], '#5f9e4f');
  const ground = g.createLinearGradient(0, horizon, 0, h);
  ground.addColorStop(0, '#79b85a');
  ground.addColorStop(1, '#4f8a3c');
  g.fillStyle = ground;
  g.fillRect(0, horizon + h * 0.04, w, h);
  // Field stripes and a road all the way round.
  for (let i = 0; i < 24; i++) {
    g.fillStyle = i % 2 ? 'rgba(243,211,91,0.35)' : 'rgba(255,255,255,0.08)';
    g.fillRect((i / 24) * w, horizon + h * 0.12, w / 24, h * 0.1);
  }
  g.fillStyle = '#c9b48a';
  g.fillRect(0, horizon + h * 0.25, w, h * 0.035);
  // Houses with red and grey roofs.
  for (let i = 0; i < 22; i++) {
    const x = random() * w;
    const y = horizon + h * (0.05 + random() * 0.05);
    const s = h * (0.025 + random() * 0.02);
    g.fillStyle = '#f5ecd9';
    g.fillRect(x - s, y - s, s * 2, s * 1.3);
    g.fillStyle = random() > 0.5 ? '#b83b17' : '#6b7280';
    g.beginPath();
    g.moveTo(x - s * 1.2, y - s);
    g.lineTo(x, y - s * 1.8);
    g.lineTo(x + s * 1.2, y - s);
    g.fill();
  }
  // The school: a long white building with a red flag, straight ahead (the middle of the image).
  const sx = w * 0.5;
  const sy = horizon + h * 0.09;
  g.fillStyle = '#ffffff';
  g.fillRect(sx - h * 0.12, sy - h * 0.07, h * 0.24, h * 0.07);
  g.fillStyle = '#1f8a8a';
  for (let i = 0; i < 6; i++) g.fillRect(sx - h * 0.11 + i * h * 0.038, sy - h * 0.055, h * 0.02, h * 0.02);
  g.fillStyle = '#5a5a73';
  g.fillRect(sx + h * 0.15, sy - h * 0.16, h * 0.006, h * 0.16);
  g.fillStyle = '#e4572e';
  g.fillRect(sx + h * 0.156, sy - h * 0.16, h * 0.05, h * 0.033);
}

let panoramaUrl: string | undefined;
/** The built-in panorama as an image URL (drawn once, reused by the 2D view). */
export function samplePanoramaUrl(): string {
  if (!panoramaUrl) {
    const canvas = document.createElement('canvas');
    canvas.width = 2048;
    canvas.height = 1024;
    drawPanorama(canvas.getContext('2d') as CanvasRenderingContext2D, 2048, 1024);
    panoramaUrl = canvas.toDataURL('image/jpeg', 0.85);
  }
  return panoramaUrl;
}
