import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../src/core/telemetry/srt';
import {
  fitCamera,
  FRAME_MARGIN,
  flightBox,
  framedPoints,
  gridStep,
  localPath,
  MIN_GROUND_METRES,
  project,
  startAngle,
  type Angle,
} from '../../src/renderer/src/features/gallery/flightView';
import { SRT_FIXTURES } from '../support/media';

const flight = (name: string) => localPath(parseSrt(fs.readFileSync(path.join(SRT_FIXTURES, name), 'utf8')));
const FOV = 40;

/** Where the framed points land in the frame, as the player's 3D view would draw them. */
function frame(name: string, aspect: number, angle?: Angle) {
  const points = flight(name);
  const box = flightBox(points);
  const framed = framedPoints(points);
  const view = angle ?? startAngle(points);
  const camera = fitCamera(framed, view, FOV, aspect);
  const onScreen = framed.map((p) => project(p, camera, view, FOV, aspect));
  const path = points.map((p) => project(p, camera, view, FOV, aspect));
  const span = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / 2;
  return { points, box, onScreen, path, pathWidth: span(path.map((p) => p.x)), pathHeight: span(path.map((p) => p.y)) };
}

// Real flights: a nearly straight one (P4 RTK), a long curvy one (Mavic Pro), a survey (M300),
// a few metres of GPS jitter on the ground (Air 2S) and a hover in one spot 45 m up (P4P).
const FLIGHTS = ['p4_rtk.SRT', 'mavic_pro.SRT', 'matrice_300.srt', 'air2s.srt', 'p4p_sample.SRT'];
// The 3D view is 4:3 in the side column; wider or narrower when the window is.
const ASPECTS = [4 / 3, 16 / 9, 1, 3 / 4];

describe('the 3D flight view fits the camera to the flight', () => {
  it('keeps every part of every real flight in frame, centred and filling it, at any aspect and angle', () => {
    const inside = 1 - FRAME_MARGIN + 1e-6;
    for (const name of FLIGHTS) {
      for (const aspect of ASPECTS) {
        for (const angle of [undefined, { yaw: 0, pitch: 0.05 }, { yaw: 2, pitch: 0.9 }, { yaw: -1, pitch: 1.5 }]) {
          const { onScreen } = frame(name, aspect, angle);
          const what = `${name} at ${aspect.toFixed(2)} ${JSON.stringify(angle ?? 'start')}`;
          const xs = onScreen.map((p) => p.x);
          const ys = onScreen.map((p) => p.y);
          expect(Math.max(...xs.map(Math.abs), ...ys.map(Math.abs)), what).toBeLessThanOrEqual(inside);
          // Across or up and down it fills the frame to the margin: no wasted frame. (Turned to look
          // along a long flight low over the ground, or straight down on a hover high above a patch
          // of ground, the camera keeps back from the nearest point so it does not loom 4× too big.)
          const filled = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / (2 * (1 - FRAME_MARGIN));
          expect(filled, what).toBeGreaterThan(angle ? 0.45 : 0.99);
          expect(Math.abs(Math.max(...xs) + Math.min(...xs)), what).toBeLessThan(0.02);
          expect(Math.abs(Math.max(...ys) + Math.min(...ys)), what).toBeLessThan(0.02);
        }
      }
    }
  });

  it('shows a straight flight side-on at first, across most of the frame', () => {
    for (const aspect of ASPECTS) {
      const { pathWidth } = frame('p4_rtk.SRT', aspect);
      expect(pathWidth, `aspect ${aspect}`).toBeGreaterThan(0.6);
    }
    // Seen end-on it would shrink: the start angle is what keeps it long.
    const { points } = frame('p4_rtk.SRT', 4 / 3);
    const start = startAngle(points);
    const endOn = frame('p4_rtk.SRT', 4 / 3, { yaw: start.yaw + Math.PI / 2 - 0.45, pitch: start.pitch });
    expect(endOn.pathWidth).toBeLessThan(0.4);
  });

  it('draws a hover of a few metres on a patch of ground, not blown up to fill the frame', () => {
    const { box, pathWidth } = frame('air2s.srt', 4 / 3);
    expect(box.maxX - box.minX).toBeGreaterThanOrEqual(MIN_GROUND_METRES);
    expect(box.maxZ - box.minZ).toBeGreaterThanOrEqual(MIN_GROUND_METRES);
    expect(pathWidth).toBeLessThan(0.7);
    expect(gridStep(box.maxX - box.minX)).toBe(2);
  });

  it('shows a hover 45 m up in one spot as tall as the frame', () => {
    const { pathHeight, onScreen } = frame('p4p_sample.SRT', 4 / 3);
    expect(pathHeight).toBe(0); // one place in the air
    const ys = onScreen.map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(2 * (1 - FRAME_MARGIN) - 0.02);
  });

  it('counts the ground in round squares a pupil can read', () => {
    expect(gridStep(699)).toBe(100);
    expect(gridStep(400)).toBe(50);
    expect(gridStep(12)).toBe(2);
    expect(gridStep(5)).toBe(1);
  });
});
