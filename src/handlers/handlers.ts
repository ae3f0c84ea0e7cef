import type { Core } from '../core';
import type { MethodName, ParsedInputOf, ResultOf, SessionInfo } from '../shared/contract';
import type { Session } from '../core/auth/sessions';

export interface CallContext {
  session: Session;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type HandlerMap = { [M in MethodName]: Handler<M> };

/** Binds every contract method to the core. Input is already validated and the role checked. */
export function createHandlers(core: Core): HandlerMap {
  const sessionInfo = (ctx: CallContext): SessionInfo => ({
    role: ctx.session.role,
    pinSet: core.pin.isSet(),
    lockedForSeconds: core.pin.lockedForSeconds(),
  });

  return {
    'app.health': () => core.health(),
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
      core.pin.change(currentPin, newPin);
      core.log.info('teacher PIN changed');
      return sessionInfo(ctx);
    },
    'auth.teacherSignIn': ({ pin }, ctx) => {
      core.pin.verify(pin);
      core.sessions.setRole(ctx.session.id, 'teacher');
      return sessionInfo(ctx);
    },
    'auth.signOut': (_input, ctx) => {
      core.sessions.setRole(ctx.session.id, 'pupil');
      return sessionInfo(ctx);
    },
  };
}
