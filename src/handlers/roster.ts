import type { Core } from '../core';
import type { PupilSession } from '../shared/contract';
import type { rosterMethods } from '../shared/contract/roster';
import { signedInPupilId } from './pupil';
import type { CallContext, DomainHandlers } from './types';

/** Classes and pupils: sign-in at this PC, the teacher's roster and imports, lessons given to a class. */
export function rosterHandlers(core: Core): DomainHandlers<typeof rosterMethods> {
  const { roster, assignments, shelf } = core.progress;

  const pupilSession = (ctx: CallContext): PupilSession => {
    const p = ctx.session.pupil;
    if (p.mode !== 'pupil') return { mode: p.mode };
    try {
      return { mode: 'pupil', pupil: roster.pupil(p.id) };
    } catch {
      // Removed by the teacher meanwhile: back to the sign-in screen.
      core.sessions.setPupil(ctx.session.id, { mode: 'none' });
      return { mode: 'none' };
    }
  };
  const bytes = (base64: string) => Buffer.from(base64, 'base64');

  return {
    'pupils.roster': () => roster.list(),
    'pupils.current': (_input, ctx) => pupilSession(ctx),
    'pupils.signIn': ({ pupilId: id, pictures }, ctx) => {
      roster.checkSignIn(id, pictures);
      core.sessions.setPupil(ctx.session.id, { mode: 'pupil', id });
      return pupilSession(ctx);
    },
    'pupils.signInGuest': (_input, ctx) => {
      core.sessions.setPupil(ctx.session.id, { mode: 'guest' });
      return pupilSession(ctx);
    },
    'pupils.signOut': (_input, ctx) => {
      // A language picked for this pupil ends with them.
      core.sessions.setPupil(ctx.session.id, { mode: 'none' });
      core.sessions.setLanguage(ctx.session.id, undefined);
      return pupilSession(ctx);
    },
    'pupils.shelf': (_input, ctx) => {
      const id = signedInPupilId(ctx);
      return id ? shelf.of(id) : { grade: null, assigned: [], lessons: [] };
    },

    'classes.list': () => roster.list(),
    'classes.create': ({ name, grade }) => roster.createClass(name, grade),
    'classes.update': ({ classId, name, grade }) => roster.updateClass(classId, name, grade),
    'classes.remove': ({ classId }) => {
      roster.removeClass(classId);
      return { removed: true };
    },
    'classes.importPreview': ({ classId, fileBase64 }) => core.progress.previewImport(bytes(fileBase64), classId),
    'classes.importCommit': ({ classId, fileBase64 }) => {
      const result = core.progress.commitImport(bytes(fileBase64), classId);
      core.log.info('pupils imported from a list', { pupils: result.newPupils, classes: result.newClasses.length });
      return result;
    },
    'pupils.add': ({ classId, name, avatar }) => roster.addPupil(classId, name, avatar),
    'pupils.update': ({ pupilId: id, ...patch }) => roster.updatePupil(id, patch),
    'pupils.remove': ({ pupilId: id }) => {
      roster.removePupil(id);
      return { removed: true };
    },
    'pupils.picturePassword': ({ pupilId: id }) => roster.picturePassword(id),
    'pupils.newPicturePassword': ({ pupilId: id }) => {
      const result = roster.newPicturePassword(id);
      core.log.info('a new picture password was made by the teacher', { pupilId: id });
      return result;
    },
    'classes.lessons': ({ classId }) => assignments.list(classId),
    'classes.assignLesson': ({ classId, packId, lessonId, assigned }) => assignments.set(classId, { packId, lessonId }, assigned),
  };
}
