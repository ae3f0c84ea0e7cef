import type { Core } from '../core';
import type { narrationMethods } from '../shared/contract/narration';
import type { DomainHandlers } from './types';

/** The teacher's own narration: save, delete, and the microphone (only the desktop shell can open and close it). */
export function narrationHandlers(core: Core): DomainHandlers<typeof narrationMethods> {
  return {
    'narration.save': ({ type, audio, durationMs, ...key }) => core.narration.save(key, { type, audio: Buffer.from(audio, 'base64'), durationMs }),
    'narration.delete': (key) => ({ deleted: core.narration.remove(key) }),
    'narration.microphone': ({ on }) => core.desktop.microphone(on),
  };
}
