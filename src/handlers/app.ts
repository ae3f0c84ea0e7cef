import type { Core } from '../core';
import type { appMethods } from '../shared/contract/app';
import type { DomainHandlers } from './types';

export function appHandlers(core: Core): DomainHandlers<typeof appMethods> {
  return {
    'app.health': (_input, ctx) => {
      const { ok, appVersion, dbSchemaVersion, startedAt, ...teacherOnly } = core.health();
      return ctx.session.role === 'teacher' ? { ok, appVersion, dbSchemaVersion, startedAt, ...teacherOnly } : { ok, appVersion, dbSchemaVersion, startedAt };
    },
    'home.summary': () => core.homeSummary(),
  };
}
