import type { Core } from '../core';
import type { roomContentMethods } from '../shared/contract/hub-content';
import type { DomainHandlers } from './types';

/** The teacher's "send to the room" and "who has what" (core/hub/distribution). */
export function roomContentHandlers(core: Core): DomainHandlers<typeof roomContentMethods> {
  return {
    'room.content': (_input, ctx) => core.distribution.view(ctx.session.language),
    'room.send': ({ packs, media }, ctx) => core.distribution.send(packs, media, ctx.session.language),
  };
}
