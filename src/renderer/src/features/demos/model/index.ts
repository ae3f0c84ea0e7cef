import type { DemoId } from './types';
import { PacketJourney } from './packetJourney';
import { WifiSignals } from './wifi';
import { PhotoCopies } from './photos';
import { FlyDrone } from './drone';
import { LookAround } from './lookAround';

export type AnyDemoModel = PacketJourney | WifiSignals | PhotoCopies | FlyDrone | LookAround;
export type ModelOf<T extends DemoId> = Extract<AnyDemoModel, { id: T }>;

export function createModel(id: DemoId): AnyDemoModel {
  switch (id) {
    case 'packet-journey':
      return new PacketJourney();
    case 'wifi-signals':
      return new WifiSignals();
    case 'photo-copies':
      return new PhotoCopies();
    case 'fly-drone':
      return new FlyDrone();
    default:
      return new LookAround();
  }
}

export { PacketJourney, WifiSignals, PhotoCopies, FlyDrone, LookAround };
