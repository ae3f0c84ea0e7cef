import os from 'node:os';
import type { Core } from '../core';
import type { roomMethods, roomPupilMethods } from '../shared/contract/hub';
import type { DomainHandlers } from './types';
import { findHubs } from '../core/hub/discovery';
import { linkForPupils } from '../core/hub/client';
import { followRoom } from '../core/hub/room-wiring';

/** The teacher console's room tab: role, join code, devices, joining a hub, the reach self-test. */
export function roomHandlers(core: Core): DomainHandlers<typeof roomMethods & typeof roomPupilMethods> {
  const hub = core.hub;
  return {
    'room.status': () => hub.status(),
    'room.setRole': ({ role, pin }, ctx) => {
      core.pin.verify(pin, ctx.session);
      hub.setRole(role);
      return hub.status();
    },
    'room.renewCode': () => {
      hub.renewJoinCode();
      return hub.status();
    },
    'room.removeDevice': ({ deviceId, pin }, ctx) => {
      core.pin.verify(pin, ctx.session);
      hub.devices.remove(deviceId);
      return hub.status();
    },
    'room.join': async ({ address, code }) => {
      await hub.join(address, code, os.hostname() || 'PC');
      // Follow the room now (progress to the hub, its roster, its class session), not after a restart.
      followRoom(core);
      return hub.status();
    },
    'room.selfTest': () => hub.selfTest(),
    'room.discover': () => findHubs(3000),
    'room.link': () => linkForPupils(hub.client.status()),
  };
}
