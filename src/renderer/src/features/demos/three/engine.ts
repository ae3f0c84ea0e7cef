import * as THREE from 'three';
import type { AnyDemoModel } from '../model';

/** What a demo's scene gives the engine. update() runs every frame and must not allocate. */
export interface SceneHandle {
  scene: THREE.Scene;
  camera: THREE.PerspectiveCamera;
  update(dt: number): void;
  resize?(width: number, height: number): void;
  /** A custom render (the stereo view draws twice); default: one render of scene and camera. */
  render?(renderer: THREE.WebGLRenderer, width: number, height: number): void;
  /** Pointer in normalised device coordinates (−1..1) and the pixels moved since the last event. */
  pointer?(phase: 'down' | 'move' | 'up', x: number, y: number, dx: number, dy: number, width: number): void;
}

export interface SceneContext {
  /** UI text for labels drawn into the scene. */
  t: (key: string) => string;
  options: Record<string, string | number | boolean>;
}

export type SceneBuilder = (model: AnyDemoModel, ctx: SceneContext) => SceneHandle;

export interface FrameInfo {
  calls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
  frames: number;
  paused: boolean;
  /** Median time between frames (ms) over the measured start-up frames; 0 until measured. */
  startupFrameMs: number;
  /** Mean time between frames (ms) over the last 60 frames (for the bench). */
  frameMs: number;
}

/** Frames to skip (shader compiling) and then to measure before deciding the PC is too slow. */
const WARMUP_FRAMES = 8;
const MEASURED_FRAMES = 40;
/** Slower than this many ms a frame (about 8 frames a second) is no fun: the 2D pictures are better. */
export const TOO_SLOW_MS = 125;
/** Longest step the simulation takes at once: keeps real-time speed on slow PCs without jumping through walls. */
const MAX_STEP_S = 0.25;

/**
 * Runs one demo scene: renderer, frame loop, size, pointer input, and pausing when the page or the
 * canvas is not visible. Nothing in the loop allocates; renderer.info is kept for the whole frame
 * (stereo renders twice) and copied into `info` for tests and the bench.
 */
export class DemoEngine {
  readonly info: FrameInfo = { calls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0, frames: 0, paused: false, startupFrameMs: 0, frameMs: 0 };
  private renderer: THREE.WebGLRenderer;
  private handle: SceneHandle;
  private raf = 0;
  private last = 0;
  private visible = true;
  private width = 1;
  private height = 1;
  private deltas = new Float32Array(MEASURED_FRAMES);
  private recent = new Float32Array(60);
  private cleanups: (() => void)[] = [];
  private pointerLast = { x: 0, y: 0, down: false };
  private held = false;

  /** Throws when WebGL is not available (the caller shows the 2D version). */
  constructor(
    private canvas: HTMLCanvasElement,
    private model: AnyDemoModel,
    build: SceneBuilder,
    ctx: SceneContext,
    private onTooSlow: (frameMs: number) => void,
    private tooSlowMs = TOO_SLOW_MS,
  ) {
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'low-power', alpha: false });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 1.5));
    this.renderer.info.autoReset = false;
    this.handle = build(model, ctx);
    this.watch();
    this.resize();
    this.schedule();
  }

  private watch(): void {
    const onVisibility = () => this.setVisible();
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(() => document.removeEventListener('visibilitychange', onVisibility));
    const intersection = new IntersectionObserver((entries) => {
      for (const e of entries) this.visible = e.isIntersecting;
      this.setVisible();
    });
    intersection.observe(this.canvas);
    this.cleanups.push(() => intersection.disconnect());
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(this.canvas.parentElement ?? this.canvas);
    this.cleanups.push(() => resize.disconnect());
    const lost = (e: Event) => {
      e.preventDefault();
      this.stop();
      this.onTooSlow(Infinity);
    };
    this.canvas.addEventListener('webglcontextlost', lost);
    this.cleanups.push(() => this.canvas.removeEventListener('webglcontextlost', lost));
    const pointer = (e: PointerEvent) => this.onPointer(e);
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'] as const) {
      this.canvas.addEventListener(type, pointer);
      this.cleanups.push(() => this.canvas.removeEventListener(type, pointer));
    }
  }

  private onPointer(e: PointerEvent): void {
    if (!this.handle.pointer) return;
    const rect = this.canvas.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * 2 - 1;
    const y = -((e.clientY - rect.top) / rect.height) * 2 + 1;
    const p = this.pointerLast;
    if (e.type === 'pointerdown') {
      p.down = true;
      this.canvas.setPointerCapture(e.pointerId);
      this.handle.pointer('down', x, y, 0, 0, rect.width);
    } else if (e.type === 'pointermove') {
      if (!p.down) return;
      this.handle.pointer('move', x, y, e.clientX - p.x, e.clientY - p.y, rect.width);
    } else {
      if (!p.down) return;
      p.down = false;
      this.handle.pointer('up', x, y, 0, 0, rect.width);
    }
    p.x = e.clientX;
    p.y = e.clientY;
  }

  /** The scene, for a headset view that draws it on its own canvas (see hold()). */
  get scene(): THREE.Scene {
    return this.handle.scene;
  }

  /** Stop drawing here while a headset view runs the scene (with step()); false carries on. */
  hold(on: boolean): void {
    this.held = on;
    this.setVisible();
  }

  /** One step of the simulation and the scene (every frame, here or in the headset view). */
  step(dt: number): void {
    const step = Math.min(dt, MAX_STEP_S);
    this.model.tick(step);
    this.handle.update(step);
  }

  private setVisible(): void {
    const paused = document.hidden || !this.visible || this.held;
    if (paused === this.info.paused) return;
    this.info.paused = paused;
    if (paused) this.stop();
    else {
      this.last = 0;
      this.schedule();
    }
  }

  private resize(): void {
    const box = this.canvas.parentElement ?? this.canvas;
    this.width = Math.max(1, box.clientWidth);
    this.height = Math.max(1, box.clientHeight);
    this.renderer.setSize(this.width, this.height, false);
    this.handle.camera.aspect = this.width / this.height;
    this.handle.camera.updateProjectionMatrix();
    this.handle.resize?.(this.width, this.height);
    if (this.info.paused) this.frame(performance.now());
  }

  private schedule(): void {
    if (!this.raf && !this.info.paused) this.raf = requestAnimationFrame(this.loop);
  }

  private stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private loop = (now: number) => {
    this.raf = 0;
    this.frame(now);
    this.schedule();
  };

  private frame(now: number): void {
    const dt = this.last ? Math.min((now - this.last) / 1000, MAX_STEP_S) : 0;
    this.measure(now);
    if (this.last) this.recordRecent(now - this.last);
    this.last = now;
    this.step(dt);
    const info = this.renderer.info;
    info.reset();
    if (this.handle.render) this.handle.render(this.renderer, this.width, this.height);
    else this.renderer.render(this.handle.scene, this.handle.camera);
    this.info.calls = info.render.calls;
    this.info.triangles = info.render.triangles;
    this.info.geometries = info.memory.geometries;
    this.info.textures = info.memory.textures;
    this.info.programs = info.programs?.length ?? 0;
    this.info.frames++;
  }

  private recordRecent(ms: number): void {
    const n = this.recent.length;
    this.recent[this.info.frames % n] = ms;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.recent[i] as number;
    this.info.frameMs = +(sum / Math.min(n, this.info.frames + 1)).toFixed(2);
  }

  /** The first seconds' frame times: if the median is too slow, tell the view to switch to 2D. */
  private measure(now: number): void {
    const n = this.info.frames - WARMUP_FRAMES;
    if (!this.last || n < 0 || n > MEASURED_FRAMES) return;
    if (n < MEASURED_FRAMES) {
      this.deltas[n] = now - this.last;
      return;
    }
    const median = this.deltas.slice().sort()[MEASURED_FRAMES >> 1] as number;
    this.info.startupFrameMs = +median.toFixed(1);
    if (median > this.tooSlowMs) this.onTooSlow(median);
  }

  dispose(): void {
    this.stop();
    for (const cleanup of this.cleanups) cleanup();
    this.handle.scene.traverse((object) => {
      const mesh = object as THREE.Mesh;
      mesh.geometry?.dispose();
      const materials = Array.isArray(mesh.material) ? mesh.material : mesh.material ? [mesh.material] : [];
      for (const m of materials) {
        for (const value of Object.values(m)) if (value instanceof THREE.Texture) value.dispose();
        m.dispose();
      }
    });
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }
}

/** Text drawn on a canvas as a sprite that always faces the camera (labels for places and packets). */
export function labelSprite(text: string, options: { height?: number; background?: string; color?: string } = {}): THREE.Sprite {
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d') as CanvasRenderingContext2D;
  const font = '600 44px "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
  g.font = font;
  const width = Math.ceil(g.measureText(text).width) + 40;
  canvas.width = width;
  canvas.height = 72;
  g.font = font;
  g.fillStyle = options.background ?? 'rgba(255,255,255,0.92)';
  g.beginPath();
  g.roundRect(2, 2, width - 4, 68, 20);
  g.fill();
  g.fillStyle = options.color ?? '#2b2b40';
  g.textBaseline = 'middle';
  g.fillText(text, 20, 38);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  const sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: texture, depthTest: false }));
  const h = options.height ?? 0.8;
  sprite.scale.set((h * width) / 72, h, 1);
  sprite.renderOrder = 10;
  return sprite;
}

/**
 * How far a camera must be from a scene's centre so that `halfWidth` units fit across and `halfDepth`
 * units fit up and down, whatever the canvas shape.
 */
export function fitDistance(camera: THREE.PerspectiveCamera, aspect: number, halfWidth: number, halfDepth: number): number {
  const tanHalf = Math.tan((camera.fov * Math.PI) / 360);
  return Math.max(halfWidth / (tanHalf * aspect), halfDepth / tanHalf);
}

export function lambert(color: THREE.ColorRepresentation, extra: THREE.MeshLambertMaterialParameters = {}): THREE.MeshLambertMaterial {
  return new THREE.MeshLambertMaterial({ color, flatShading: true, ...extra });
}

/** Soft daylight used by every scene: sky/ground fill and one sun, no shadows (cheap on integrated GPUs). */
export function addDaylight(scene: THREE.Scene, sky = 0xbfe3ff): void {
  scene.background = new THREE.Color(sky);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x6b8f4e, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  sun.position.set(5, 10, 6);
  scene.add(sun);
}

export function box(w: number, h: number, d: number, material: THREE.Material, x = 0, y = 0, z = 0): THREE.Mesh {
  const mesh = new THREE.Mesh(new THREE.BoxGeometry(w, h, d), material);
  mesh.position.set(x, y, z);
  return mesh;
}
