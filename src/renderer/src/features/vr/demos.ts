/** Where the pupil stands in each demo that has a headset view (metres, the demo's own world). */
export const VR_DEMOS = {
  // The pilot in the school yard, the drone ahead, the school behind it and the airfield far off;
  // the buttons held low, like a remote control, so the drone stays in sight above them.
  'fly-drone': { origin: [0, 0.2, 34] as [number, number, number], panelDrop: 0.75 },
  // The eyes (1.6 m above the floor) at the panorama's centre, so the picture is not bent; the
  // only button is the exit, kept out of the way.
  'look-around': { origin: [0, -1.6, 0] as [number, number, number], panelDrop: 0.6 },
  // A little above the ground in front of the route, the PC on the left and the phone on the
  // right, the whole journey in one look; the buttons held low (one row), below the cables.
  'packet-journey': { origin: [0, 0.4, 10] as [number, number, number], panelDrop: 0.85 },
} as const;
export type VrDemoId = keyof typeof VR_DEMOS;

/** Whether a demo has a headset view. */
export const hasVrView = (id: string): id is VrDemoId => id in VR_DEMOS;
