import type { Core } from '../core';
import { runDoctor } from '../core/system/doctor';
import type { systemMethods } from '../shared/contract/system';
import type { DomainHandlers } from './types';

export function systemHandlers(core: Core): DomainHandlers<typeof systemMethods> {
  return {
    'system.doctor': ({ lang }, ctx) =>
      runDoctor({ dataDir: core.layout.root, config: core.config, gpu: core.desktop.gpuInfo(), language: lang ?? ctx.session.language ?? core.settings.get().language }),
    // Only Electron can stop the screen from sleeping; in a browser the page asks for a wake lock itself.
    'system.keepAwake': ({ on }) => core.desktop.keepAwake(on),
  };
}
