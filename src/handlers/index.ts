import type { Core } from '../core';
import { appHandlers } from './app';
import { progressHandlers } from './progress';
import { packHandlers } from './packs';
import { kioskHandlers } from './kiosk';
import { mediaHandlers } from './media';
import { roomHandlers } from './hub';
import { roomContentHandlers } from './hub-content';
import { jobHandlers } from './jobs';
import { sessionHandlers } from './session';
import { narrationHandlers } from './narration';
import type { HandlerMap } from './types';

export type { CallContext, Handler, HandlerMap } from './types';

/** Every contract method bound to the core, one domain file each. The type fails if one is missing. */
export function createHandlers(core: Core): HandlerMap {
  return {
    ...appHandlers(core),
    ...progressHandlers(core),
    ...packHandlers(core),
    ...kioskHandlers(core),
    ...mediaHandlers(core),
    ...roomHandlers(core),
    ...roomContentHandlers(core),
    ...jobHandlers(core),
    ...sessionHandlers(core),
    ...narrationHandlers(core),
  };
}
