import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { AnyDemoModel, FlyDrone, PacketJourney } from './model';
import type { Line } from './model/packetJourney';
import type { VrAction } from '../vr/VrPanel';
import type { LookDirection } from '../vr/VrStage';
import { useModel } from './hooks';

/**
 * The demo's big buttons inside a headset, as rows (the exit button comes last, added by the
 * stage). One press (ray or a long look) is one nudge, as a short tap on the PC's hold buttons is.
 * Look around has none: in a headset the pupil turns their own head (the PC's turn buttons and
 * the cardboard split have no meaning there).
 */
function vrRows(model: AnyDemoModel, t: TFunction, cut: string): VrAction[][] {
  if (model.id === 'fly-drone') return droneRows(model, t);
  if (model.id === 'packet-journey') return packetRows(model, t, cut);
  return [];
}

function droneRows(drone: FlyDrone, t: TFunction): VrAction[][] {
  const k = 'demos.fly-drone';
  const nudge = (c: 'up' | 'down' | 'forward' | 'back' | 'left' | 'right'): VrAction => ({ id: c, label: t(`${k}.${c}`), run: () => drone.nudge(c) });
  return [
    [nudge('up'), nudge('forward'), nudge('down')],
    [nudge('left'), nudge('back'), nudge('right')],
  ];
}

/** Send the message the PC's box starts with (no keyboard in a headset), and cut or fix each fibre line (`cut`: the lines cut now, e.g. "A,B"). */
function packetRows(journey: PacketJourney, t: TFunction, cut: string): VrAction[][] {
  const k = 'demos.packet-journey';
  const line = (l: Line): VrAction => ({ id: `cut${l}`, label: t(cut.includes(l) ? `${k}.repair${l}` : `${k}.cut${l}`), run: () => journey.toggleCut(l) });
  return [[{ id: 'send', label: t(`${k}.send`), run: () => void journey.send(t(`${k}.defaultMessage`)) }, line('A'), line('B')]];
}

/** The rows, rebuilt when the model changes in a way a label shows (a cut line reads "fix"). */
export function useVrRows(model: AnyDemoModel, t: TFunction): VrAction[][] {
  useModel(model);
  const cut = model.id === 'packet-journey' ? [...model.cut].sort().join() : '';
  return useMemo(() => vrRows(model, t, cut), [model, t, cut]);
}

/** Which way the headset view starts turned (radians about the vertical): where the flat view looked, for look around. */
export function vrStartYaw(model: AnyDemoModel): number {
  return model.id === 'look-around' ? model.yaw : 0;
}

/** Back from the headset: look around carries on looking where the pupil's head last looked. */
export function vrLeave(model: AnyDemoModel, look: LookDirection | null): void {
  if (model.id === 'look-around' && look) model.face(look.yaw, look.pitch);
}
