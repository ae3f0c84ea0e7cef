import { powerSaveBlocker } from 'electron';

/** Keep the display awake while a video plays; the renderer asks through system.keepAwake. */
export function createKeepAwake(): (on: boolean) => void {
  let blockerId: number | undefined;
  return (on) => {
    if (on && blockerId === undefined) blockerId = powerSaveBlocker.start('prevent-display-sleep');
    if (!on && blockerId !== undefined) {
      powerSaveBlocker.stop(blockerId);
      blockerId = undefined;
    }
  };
}
