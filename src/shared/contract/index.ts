import type { z } from 'zod';
import { appMethods } from './app';
import { authMethods } from './auth';
import { settingsEvents, settingsMethods } from './settings';
import { progressEvents, progressMethods } from './progress';
import { rosterMethods } from './roster';
import { backupMethods } from './backups';
import { packEvents, packMethods, packReadMethods } from './packs';
import { lessonMethods } from './lessons';
import { kioskMethods } from './kiosk';
import { systemMethods } from './system';
import { mediaEvents, mediaMethods } from './media';
import { roomEvents, roomMethods, roomPupilMethods } from './hub';
import { roomContentEvents, roomContentMethods } from './hub-content';
import { jobEvents, jobMethods } from './jobs';
import { sessionEvents, sessionMethods } from './session';
import { narrationMethods } from './narration';

/**
 * The contract: every method the UI may call (input schema, result type, role) and every event
 * the UI may receive, one file per domain, joined here. A domain has the same name here, in
 * src/handlers/ and in src/core/ (app, auth, settings, packs, lessons, progress, roster, backups,
 * media, kiosk, system, hub, session, jobs, narration). Both hosts and the renderer's client are
 * generic over it: adding a method means adding it to its domain file and to the handler map.
 */
export const contract = {
  ...appMethods,
  ...authMethods,
  ...settingsMethods,
  ...progressMethods,
  ...rosterMethods,
  ...backupMethods,
  ...packReadMethods,
  ...packMethods,
  ...lessonMethods,
  ...kioskMethods,
  ...systemMethods,
  ...mediaMethods,
  ...roomMethods,
  ...roomPupilMethods,
  ...roomContentMethods,
  ...jobMethods,
  ...sessionMethods,
  ...narrationMethods,
} as const;

export const events = {
  ...settingsEvents,
  ...progressEvents,
  ...packEvents,
  ...mediaEvents,
  ...jobEvents,
  ...sessionEvents,
  ...roomEvents,
  ...roomContentEvents,
} as const;

import { roleAllows, type Role } from './define';

export type { Role, MethodSpec, EventSpec } from './define';
export { roleAllows } from './define';
export type * from './app';
export type * from './auth';
export type * from './settings';
export type * from './progress';
export type * from './roster';
export type * from './backups';
export type * from './packs';
export type * from './lessons';
export type * from './kiosk';
export type * from './system';
export type * from './media';
export type * from './hub';
export type * from './hub-content';
export type * from './jobs';
export type * from './session';
export type * from './narration';

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = NonNullable<Contract[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]['payload']>;

/** Does a caller with this role receive this event? Both hosts filter with it (SSE and IPC). */
export function eventVisibleTo(name: EventName, role: Role): boolean {
  return roleAllows(events[name].role, role);
}
