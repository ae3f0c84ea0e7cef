/** Whether this PC can draw WebGL (3D demos, flight paths, panoramas). Only a quick check; creating the real renderer can still fail, and then the view falls back too. */
export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}
