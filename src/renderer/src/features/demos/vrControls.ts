import type { TFunction } from 'i18next';
import type { AnyDemoModel, FlyDrone } from './model';
import type { VrAction } from '../vr/VrPanel';

/**
 * The demo's big buttons inside a headset, as rows. One press (ray or a long look) is one nudge,
 * as a short tap on the PC's hold buttons is.
 */
export function vrRows(model: AnyDemoModel, t: TFunction): VrAction[][] {
  if (model.id !== 'fly-drone') return [];
  const drone = model as FlyDrone;
  const k = 'demos.fly-drone';
  const nudge = (c: 'up' | 'down' | 'forward' | 'back' | 'left' | 'right'): VrAction => ({ id: c, label: t(`${k}.${c}`), run: () => drone.nudge(c) });
  return [
    [nudge('up'), nudge('forward'), nudge('down')],
    [nudge('left'), nudge('back'), nudge('right')],
  ];
}
