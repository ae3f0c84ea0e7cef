import type { Core } from '../core';
import type { settingsMethods } from '../shared/contract/settings';
import type { DomainHandlers } from './types';

export function settingsHandlers(core: Core): DomainHandlers<typeof settingsMethods> {
  return {
    'settings.get': () => core.settings.get(),
    'settings.update': (patch) => {
      const next = core.settings.update(patch);
      core.events.emit('settings.changed', next);
      return next;
    },
  };
}
