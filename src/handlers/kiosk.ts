import type { Core } from '../core';
import type { kioskMethods } from '../shared/contract/kiosk';
import type { DomainHandlers } from './types';

export function kioskHandlers(core: Core): DomainHandlers<typeof kioskMethods> {
  return {
    'kiosk.status': () => core.desktop.kioskStatus(),
    'kiosk.exit': ({ pin }, ctx) => {
      core.desktop.exitKiosk(pin, ctx.session);
      return { exiting: true };
    },
  };
}
