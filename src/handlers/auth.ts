import type { Core } from '../core';
import type { SessionInfo } from '../shared/contract';
import type { authMethods } from '../shared/contract/auth';
import type { CallContext, DomainHandlers } from './types';

/** The teacher PIN and sign-in at this window, and the window's language for a pupil's session. */
export function authHandlers(core: Core): DomainHandlers<typeof authMethods> {
  const sessionInfo = (ctx: CallContext): SessionInfo => ({
    role: ctx.session.role,
    pinSet: core.pin.isSet(),
    lockedForSeconds: core.pin.lockedForSeconds(ctx.session),
    language: ctx.session.language ?? null,
  });

  return {
    'auth.setLanguage': ({ language }, ctx) => {
      core.sessions.setLanguage(ctx.session.id, language);
      return sessionInfo(ctx);
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
      // The next one at this PC is a pupil: the sign-in screen, in the PC's language.
      core.sessions.setRole(ctx.session.id, 'pupil');
      core.sessions.setPupil(ctx.session.id, { mode: 'none' });
      core.sessions.setLanguage(ctx.session.id, undefined);
      return sessionInfo(ctx);
    },
  };
}
