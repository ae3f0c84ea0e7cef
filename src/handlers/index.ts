import type { Core } from '../core';
import { appHandlers } from './app';
import { authHandlers } from './auth';
import { settingsHandlers } from './settings';
import { progressHandlers } from './progress';
import { rosterHandlers } from './roster';
import { backupHandlers } from './backups';
import { packHandlers } from './packs';
import { lessonHandlers } from './lessons';
import { kioskHandlers } from './kiosk';
import { systemHandlers } from './system';
import { mediaHandlers } from './media';
import { roomHandlers } from './hub';
import { roomContentHandlers } from './hub-content';
import { jobHandlers } from './jobs';
import { sessionHandlers } from './session';
import { narrationHandlers } from './narration';
import type { HandlerMap } from './types';

export type { CallContext, Handler, HandlerMap } from './types';

/** Every contract method bound to the core, one domain file each, named as in the contract. The type fails if one is missing. */
export function createHandlers(core: Core): HandlerMap {
  return {
    ...appHandlers(core),
    ...authHandlers(core),
    ...settingsHandlers(core),
    ...progressHandlers(core),
    ...rosterHandlers(core),
    ...backupHandlers(core),
    ...packHandlers(core),
    ...lessonHandlers(core),
    ...kioskHandlers(core),
    ...systemHandlers(core),
    ...mediaHandlers(core),
    ...roomHandlers(core),
    ...roomContentHandlers(core),
    ...jobHandlers(core),
    ...sessionHandlers(core),
    ...narrationHandlers(core),
  };
}
