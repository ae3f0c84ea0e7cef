import { lookOf, lookVector, wrapYaw, type Look } from '../../../shared/tour';

/** The flat 360° viewer's camera: vertical field of view, degrees. */
export const FIELD_OF_VIEW = 75;

export interface ViewBox {
  width: number;
  height: number;
}

const tanHalf = () => Math.tan((FIELD_OF_VIEW * Math.PI) / 360);

/**
 * Where a direction of the picture is on the flat view (pixels from its top left), for a camera
 * turned to `view` (three.js Euler pitch, yaw in 'YXZ'); null when it is behind the viewer.
 */
export function screenPoint(look: Look, view: Look, box: ViewBox): { x: number; y: number } | null {
  const [dx, dy, dz] = lookVector(look);
  const { yaw, pitch } = view;
  // Into the camera's frame: turn by −yaw about Y, then by −pitch about X.
  const x = Math.cos(yaw) * dx - Math.sin(yaw) * dz;
  const z1 = Math.sin(yaw) * dx + Math.cos(yaw) * dz;
  const y = Math.cos(pitch) * dy + Math.sin(pitch) * z1;
  const z = -Math.sin(pitch) * dy + Math.cos(pitch) * z1;
  if (z >= -1e-6) return null;
  const aspect = box.width / box.height;
  const nx = x / -z / (tanHalf() * aspect);
  const ny = y / -z / tanHalf();
  return { x: ((nx + 1) / 2) * box.width, y: ((1 - ny) / 2) * box.height };
}

/** The direction of the picture under a point of the flat view (pixels from its top left). */
export function lookAtPoint(point: { x: number; y: number }, view: Look, box: ViewBox): Look {
  const aspect = box.width / box.height;
  const cx = ((point.x / box.width) * 2 - 1) * tanHalf() * aspect;
  const cy = (1 - (point.y / box.height) * 2) * tanHalf();
  const cz = -1;
  const { yaw, pitch } = view;
  // Back to the picture's frame: turn by pitch about X, then by yaw about Y.
  const y = Math.cos(pitch) * cy - Math.sin(pitch) * cz;
  const z1 = Math.sin(pitch) * cy + Math.cos(pitch) * cz;
  const x = Math.cos(yaw) * cx + Math.sin(yaw) * z1;
  const z = -Math.sin(yaw) * cx + Math.cos(yaw) * z1;
  return lookOf([x, y, z]);
}

/** A view's look as the contract takes it: yaw within −π…π, pitch within the viewer's range. */
export const normalLook = (view: Look): Look => ({ yaw: wrapYaw(view.yaw), pitch: Math.max(-Math.PI / 2, Math.min(Math.PI / 2, view.pitch)) });

/**
 * Where a look falls on the flat equirectangular picture, as fractions of its width and height
 * (0…1 from the top left): the viewer's sphere shows the picture's 3/4 mark straight ahead at yaw 0.
 */
export function picturePoint({ yaw, pitch }: Look): { u: number; v: number } {
  const u = (((0.75 - yaw / (2 * Math.PI)) % 1) + 1) % 1;
  return { u, v: 0.5 - pitch / Math.PI };
}
