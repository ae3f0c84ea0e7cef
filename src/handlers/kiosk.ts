import type { Core } from '../core';
import { runDoctor } from '../core/doctor/doctor';
import type { kioskMethods } from '../shared/contract/kiosk';
import type { DomainHandlers } from './types';

export function kioskHandlers(core: Core): DomainHandlers<typeof kioskMethods> {
  return {
    'kiosk.status': () => core.desktop.kioskStatus(),
    'kiosk.exit': ({ pin }, ctx) => {
      core.desktop.exitKiosk(pin, ctx.session);
      return { exiting: true };
    },
    'doctor.report': ({ lang }, ctx) =>
      runDoctor({ dataDir: core.layout.root, config: core.config, gpu: core.desktop.gpuInfo(), language: lang ?? ctx.session.language ?? core.settings.get().language }),
  };
}
