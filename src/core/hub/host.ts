import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Core } from '../index';
import { httpsAddress, lanAddresses } from './addresses';
import { followRoom } from './room-wiring';

/** The room's default port, as `kite serve` uses it (machine config `lanPort`). */
export const ROOM_PORT = 5317;

export interface RoomHost {
  /** On a hub: where pupil PCs join; empty elsewhere. */
  addresses: string[];
  close(): Promise<void>;
}

/**
 * The room for a host that has no browser host of its own (the desktop app): on a hub, the room's
 * HTTPS port for the other PCs (the room API only: this PC's screens stay in its own window) and the
 * mDNS advertisement; on a pupil PC, following its hub (events, roster, class session). A standalone
 * PC does nothing. `kite serve` does the same through src/server, on one port with its browser host.
 */
export async function hostRoom(core: Core, { port = core.config.config.lanPort ?? ROOM_PORT, host = '0.0.0.0' }: { port?: number; host?: string } = {}): Promise<RoomHost> {
  const role = core.hub.role();
  if (role === 'pupil-pc' && core.hub.client.pairing()) {
    const stop = followRoom(core);
    return { addresses: [], close: stop };
  }
  if (role !== 'hub') return { addresses: [], close: async () => undefined };
  const identity = await core.hub.identity();
  const server = https.createServer({ cert: identity.certPem, key: identity.keyPem, minVersion: 'TLSv1.2' }, core.hub.roomHandler().handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const addresses = (host === '0.0.0.0' ? lanAddresses() : [host]).map((a) => httpsAddress(a, bound));
  core.hub.setServing(addresses);
  const advertised = host === '127.0.0.1' ? undefined : await core.hub.advertise(bound);
  core.log.info('the room is open for pupil PCs', { addresses });
  return {
    addresses,
    close: () =>
      new Promise<void>((resolve) => {
        void advertised?.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
