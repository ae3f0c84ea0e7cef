/** Where the pupil stands in each demo that has a headset view (metres, the demo's own world). */
export const VR_DEMOS = {
  // The pilot in the school yard, the drone ahead, the school behind it and the airfield far off;
  // the buttons held low, like a remote control, so the drone stays in sight above them.
  'fly-drone': { origin: [0, 0.2, 34] as [number, number, number], panelDrop: 0.75 },
} as const;
export type VrDemoId = keyof typeof VR_DEMOS;

/** Whether a demo has a headset view. */
export const hasVrView = (id: string): id is VrDemoId => id in VR_DEMOS;
