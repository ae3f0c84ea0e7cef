import type { CallContext } from './types';

/** The signed-in pupil's id, or undefined for a guest or nobody (nothing is saved then). The pupil always comes from the session, never from the input. */
export const signedInPupilId = (ctx: CallContext): string | undefined => (ctx.session.pupil.mode === 'pupil' ? ctx.session.pupil.id : undefined);
