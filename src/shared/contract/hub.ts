import { z } from 'zod';
import { MachineRole } from '../config';
import type { ErrorPayload } from '../errors';
import { event, method, NoInput } from './define';

/** A pupil PC paired with this hub. */
/** A pupil PC (the room API with a bearer credential) or a VR headset (its browser, with a cookie; src/core/hub/headset). */
export type DeviceKind = 'pupil-pc' | 'headset';

export interface RoomDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  address: string | null;
  pairedAt: string;
  lastSeenAt: string | null;
}

/** The short form of a certificate's fingerprint that a careful teacher compares (the room tab, the projector, a headset's first page, `kite hub find`). */
export const shortFingerprint = (fingerprint: string): string => fingerprint.slice(0, 23);

/** A hub that answered on this network (DNS-SD): only a hint, pairing still needs the join code. */
export interface FoundHub {
  name: string;
  /** https://<ip>:<port>, as joining takes it. */
  address: string;
  hubId: string;
  /** SHA-256 of the hub's certificate, as "AB:CD:…". */
  fingerprint: string;
}

/** One finding of the hub's "can other PCs reach me?" self-test; `code` words it (room.selfTest.<code>). */
export interface ReachFinding {
  code: 'not_serving' | 'loopback_only' | 'no_network' | 'link_local' | 'reached_self' | 'self_unreachable' | 'pcs_connected' | 'no_pc_yet';
  status: 'ok' | 'warn' | 'fail';
  params: Record<string, string>;
}

export interface RoomStatus {
  role: MachineRole;
  /** On a hub: what the teacher shows the room. `addresses` is empty until the hub listens (kite serve --hub). */
  hub?: { joinCode: string; joinLocked: boolean; addresses: string[]; fingerprint: string; devices: RoomDevice[] };
  /** On a pupil PC: its hub and whether it can be reached. */
  pupilPc?: { address: string; deviceName: string; link: 'not_paired' | 'connecting' | 'online' | 'offline'; error?: ErrorPayload };
}

/**
 * What a pupil's screen may know of the room: only whether this pupil PC reaches its hub
 * (`none` on a PC that is not in a room). No address, name or path.
 */
export const HubLinkForPupils = z.object({ hub: z.enum(['none', 'online', 'offline']) }).strict();
export type HubLinkForPupils = z.infer<typeof HubLinkForPupils>;

const Pin = z.string().max(16);

/** The classroom: this PC's role, the hub's join code and devices, joining a hub. Teacher only. */
export const roomMethods = {
  'room.status': method<RoomStatus>()('teacher', NoInput),
  /** Takes effect when the app next starts (a hub then listens for the room). */
  'room.setRole': method<RoomStatus>()('teacher', z.object({ role: MachineRole, pin: Pin }).strict()),
  'room.renewCode': method<RoomStatus>()('teacher', NoInput),
  'room.removeDevice': method<RoomStatus>()('teacher', z.object({ deviceId: z.string().min(1).max(80), pin: Pin }).strict()),
  'room.join': method<RoomStatus>()('teacher', z.object({ address: z.string().min(1).max(200), code: z.string().min(1).max(10) }).strict()),
  'room.selfTest': method<ReachFinding[]>()('teacher', NoInput),
  /** The hubs that answer on this network within a few seconds. */
  'room.discover': method<FoundHub[]>()('teacher', NoInput),
} as const;

/** What pupil screens may ask about the room (the calm "can't reach the teacher's PC" banner). */
export const roomPupilMethods = {
  'room.link': method<HubLinkForPupils>()('pupil', NoInput),
} as const;

export const roomEvents = {
  /** Every screen on a pupil PC: its hub link went offline or came back. */
  'room.link': event('pupil', HubLinkForPupils),
} as const;
