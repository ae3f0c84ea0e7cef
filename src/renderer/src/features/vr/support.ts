import { useEffect, useState } from 'react';

/**
 * Whether this browser can start an immersive VR session (a headset's own browser, over the hub's
 * HTTPS). False on classroom PCs and in the Electron app, which cannot: the "Enter VR" button is
 * shown only when this is true. Rechecked when a headset is connected or removed.
 */
export function useImmersiveVr(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    const xr = navigator.xr;
    if (!xr) return;
    let live = true;
    const check = () =>
      void xr.isSessionSupported('immersive-vr').then(
        (yes) => live && setSupported(yes),
        () => live && setSupported(false),
      );
    check();
    xr.addEventListener('devicechange', check);
    return () => {
      live = false;
      xr.removeEventListener('devicechange', check);
    };
  }, []);
  return supported;
}
