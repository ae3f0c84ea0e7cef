import crypto from 'node:crypto';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { MachineConfig } from '../../shared/config';
import type { MachineRole } from '../../shared/config';
import { createKv } from '../db/kv';
import type { Logger } from '../log/logger';
import { createHubClient, type BackoffOptions } from './client';
import { createDevices } from './devices';
import { loadOrCreateIdentity, type HubIdentity } from './identity';
import { joinHub } from './join';
import { createPairing } from './pairing';
import { createRoomHandler, type RoomHandler } from './room-server';
import { createHeadsetSite } from './headset/site';
import { answerPlainHttp } from './headset/explain';
import { createRoomRoutes } from './room-routes';
import { reachSelfTest } from './selftest';
import { advertiseHub } from './discovery';
import type { RoomStatus } from '../../shared/contract/hub';

const ROLE_KEY = 'hub.role';
const HUB_ID_KEY = 'hub.id';

export interface HubOptions {
  db: Database.Database;
  dataDir: string;
  log: Logger;
  config: MachineConfig;
  now: () => number;
  backoff?: BackoffOptions;
}

/**
 * The classroom hub in the core: this PC's role, and for each role its part of the room.
 * - hub: the certificate, the join code, the paired devices, the room API (routes) and its HTTPS handler.
 * - pupil-pc: joining a hub, and the client that talks to it.
 * The hosts (src/server, the CLI) decide when to listen or connect; nothing here opens a port by itself.
 */
export function createHub({ db, dataDir, log, config, now, backoff }: HubOptions) {
  const kv = createKv(db);
  const hubDir = path.join(dataDir, 'hub');
  const devices = createDevices(db, now);
  const routes = createRoomRoutes();
  let identity: Promise<HubIdentity> | undefined;
  const hubId = () => kv.get(HUB_ID_KEY) ?? (kv.set(HUB_ID_KEY, crypto.randomUUID()), kv.get(HUB_ID_KEY) as string);
  const loadIdentity = () => (identity ??= loadOrCreateIdentity(hubDir, hubId(), log));
  const pairing = createPairing(db, devices, loadIdentity, log, now);
  const client = createHubClient(hubDir, log, backoff);
  const headset = createHeadsetSite(pairing, devices);
  let handler: RoomHandler | undefined;
  let serving: string[] = [];

  return {
    /** The role chosen on this PC (console, `kite serve --hub`, `kite join`), else the machine config's, else standalone. */
    role(): MachineRole {
      const chosen = kv.get(ROLE_KEY);
      if (chosen === 'hub' || chosen === 'pupil-pc' || chosen === 'standalone') return chosen;
      return config.role ?? (config.lanMode ? 'hub' : 'standalone');
    },
    setRole(role: MachineRole): void {
      kv.set(ROLE_KEY, role);
      log.info('role of this PC set', { role });
    },
    identity: loadIdentity,
    /** Set by the host that listens for the room: the HTTPS addresses pupil PCs join. */
    setServing(addresses: string[]): void {
      serving = addresses;
    },
    /** What the teacher console shows: the role, and the hub's or the pupil PC's side of the room. */
    async status(): Promise<RoomStatus> {
      const role = this.role();
      const status: RoomStatus = { role };
      if (role === 'hub') {
        const { fingerprint } = await loadIdentity();
        status.hub = { joinCode: pairing.joinCode(), joinLocked: pairing.locked(), addresses: serving, fingerprint, devices: devices.list() };
      }
      const paired = client.pairing();
      if (role === 'pupil-pc' && paired) {
        const now = client.status();
        status.pupilPc = { address: paired.address, deviceName: paired.deviceName, link: now.link, ...(now.error ? { error: now.error } : {}) };
      }
      return status;
    },
    /** Advertise this hub on the network (DNS-SD): its name, port and certificate fingerprint. */
    async advertise(port: number) {
      const { hubId, fingerprint } = await loadIdentity();
      return advertiseHub({ name: os.hostname() || 'Kite hub', port, hubId, fingerprint });
    },
    async selfTest() {
      return reachSelfTest(serving, (await loadIdentity()).fingerprint, devices, now);
    },
    joinCode: () => pairing.joinCode(),
    renewJoinCode: () => pairing.renewJoinCode(),
    joinLocked: () => pairing.locked(),
    devices,
    routes,
    /** The HTTPS request handler for other PCs (made once; closed with the core). */
    roomHandler: () => (handler ??= createRoomHandler(pairing, devices, routes, headset, log)),
    /** The VR headsets' pages over HTTPS (the host sets the built app's folder, the core the 360° content). */
    headset,
    /** The one page sent over plain HTTP: a headset's first visit, explaining the certificate warning. */
    async answerPlainHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
      const fallback = serving[0] ? new URL(serving[0]).host : 'localhost';
      answerPlainHttp(req, res, (await loadIdentity()).fingerprint, fallback);
    },
    client,
    /** Pair this PC (as a pupil PC) with the hub at `address`; from then on its role is pupil-pc. */
    async join(address: string, code: string, name = os.hostname() || 'PC') {
      const paired = await joinHub(hubDir, address, code, name);
      kv.set(ROLE_KEY, 'pupil-pc');
      client.reload();
      log.info('this PC joined a hub', { address: paired.address, deviceId: paired.deviceId, fingerprint: paired.fingerprint });
      return paired;
    },
    close(): void {
      client.stop();
      handler?.close();
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
