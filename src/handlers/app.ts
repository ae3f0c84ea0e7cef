import type { Core } from '../core';
import type { SessionInfo } from '../shared/contract';
import type { appMethods } from '../shared/contract/app';
import type { CallContext, DomainHandlers } from './types';

export function appHandlers(core: Core): DomainHandlers<typeof appMethods> {
  const sessionInfo = (ctx: CallContext): SessionInfo => ({
    role: ctx.session.role,
    pinSet: core.pin.isSet(),
    lockedForSeconds: core.pin.lockedForSeconds(ctx.session),
  });

  return {
    'app.health': (_input, ctx) => {
      const { ok, appVersion, dbSchemaVersion, startedAt, ...teacherOnly } = core.health();
      return ctx.session.role === 'teacher' ? { ok, appVersion, dbSchemaVersion, startedAt, ...teacherOnly } : { ok, appVersion, dbSchemaVersion, startedAt };
    },
    'home.summary': () => core.homeSummary(),
    'settings.get': () => core.settings.get(),
    'settings.update': (patch) => {
      const next = core.settings.update(patch);
      core.events.emit('settings.changed', next);
      return next;
    },
    'settings.setLanguage': ({ language }) => {
      const next = core.settings.update({ language });
      core.events.emit('settings.changed', next);
      return next;
    },
    'auth.session': (_input, ctx) => sessionInfo(ctx),
    'auth.setPin': ({ pin }, ctx) => {
      core.pin.set(pin);
      core.sessions.setRole(ctx.session.id, 'teacher');
      core.log.info('teacher PIN set');
      return sessionInfo(ctx);
    },
    'auth.changePin': ({ currentPin, newPin }, ctx) => {
      core.pin.change(currentPin, newPin, ctx.session);
      core.log.info('teacher PIN changed');
      return sessionInfo(ctx);
    },
    'auth.teacherSignIn': ({ pin }, ctx) => {
      core.pin.verify(pin, ctx.session);
      core.sessions.setRole(ctx.session.id, 'teacher');
      return sessionInfo(ctx);
    },
    'auth.signOut': (_input, ctx) => {
      core.sessions.setRole(ctx.session.id, 'pupil');
      return sessionInfo(ctx);
    },
  };
}
