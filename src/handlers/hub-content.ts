import type { Core } from '../core';
import type { roomContentMethods } from '../shared/contract/hub-content';
import type { DomainHandlers } from './types';

/** The teacher's "send to the room" and "who has what" (core/hub/distribution). */
export function roomContentHandlers(core: Core): DomainHandlers<typeof roomContentMethods> {
  return {
    'room.content': () => core.distribution.view(),
    'room.send': ({ packs, media }) => core.distribution.send(packs, media),
  };
}
