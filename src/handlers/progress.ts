import type { Core } from '../core';
import type { PupilSession } from '../shared/contract';
import type { progressMethods } from '../shared/contract/progress';
import { KiteError } from '../shared/errors';
import { diskFullError } from '../core/fs/disk';
import type { CallContext, DomainHandlers } from './types';

const stamp = () => new Date().toISOString().slice(0, 10);

/** Pupils, their progress and the teacher's reports. The pupil always comes from the session, never from the input. */
export function progressHandlers(core: Core): DomainHandlers<typeof progressMethods> {
  const { roster, store, reports, transfer, assignments, shelf, hintsSeen } = core.progress;

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
  /** The signed-in pupil's id, or undefined for a guest or nobody (nothing is saved then). */
  const pupilId = (ctx: CallContext): string | undefined => (ctx.session.pupil.mode === 'pupil' ? ctx.session.pupil.id : undefined);
  const bytes = (base64: string) => Buffer.from(base64, 'base64');

  return {
    'attempts.record': (attempt, ctx) => {
      const id = pupilId(ctx);
      if (!id) return { saved: false };
      store.recordAttempt(id, attempt);
      core.liveSession.noteAttempt(id, attempt);
      return { saved: true };
    },
    'progress.position': (ref, ctx) => {
      const id = pupilId(ctx);
      return id ? store.position(id, ref) : { stepId: null, status: 'not-started', done: [], draft: null };
    },
    'progress.savePosition': (ref, ctx) => {
      const id = pupilId(ctx);
      if (!id) return { saved: false };
      store.savePosition(id, ref);
      core.liveSession.notePosition(id, ref);
      return { saved: true };
    },
    'progress.finishLesson': (ref, ctx) => {
      const id = pupilId(ctx);
      if (!id) return { saved: false, stars: 0, score: 0 };
      return { saved: true, ...store.finishLesson(id, ref) };
    },

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
      const id = pupilId(ctx);
      return id ? shelf.of(id) : { grade: null, assigned: [], lessons: [] };
    },
    'pupils.hintsSeen': (_input, ctx) => {
      const id = pupilId(ctx);
      return id ? hintsSeen.list(id) : [];
    },
    'pupils.sawHint': ({ kind }, ctx) => {
      const id = pupilId(ctx);
      if (!id) return { saved: false };
      hintsSeen.see(id, kind);
      return { saved: true };
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

    'progress.grid': ({ classId }) => reports.grid(classId),
    'progress.pupil': ({ pupilId: id }) => reports.pupil(id),
    'progress.timeline': ({ classId }) => reports.timeline(classId),
    'progress.resetPupil': ({ pupilId: id }) => {
      roster.pupil(id);
      store.resetPupil(id);
      core.log.info('a pupil\'s progress was reset by the teacher', { pupilId: id });
      return { reset: true };
    },
    'progress.exportCsv': ({ classId, lang, timeZone }) => {
      if (classId) roster.getClass(classId);
      const text = [...transfer.csvLines(classId, { lang: lang ?? core.settings.get().language, timeZone })].join('');
      return { fileName: `kite-progress-${stamp()}.csv`, text };
    },
    'progress.exportFile': () => ({ fileName: `kite-progress-${stamp()}-${store.deviceId.slice(0, 8)}.kiteprogress`, text: [...transfer.fileLines()].join('') }),
    'progress.mergeFile': async ({ text }) => {
      const result = await transfer.merge(() => text.split('\n'));
      core.log.info('progress file merged', result.events);
      return result;
    },
    'backups.list': () => core.backups.list(),
    // A job like any long work: listed while it runs, reported as interrupted if the app stops.
    'backups.create': () =>
      core.jobs.run('backups.create', async () => {
        try {
          return await core.backups.create('manual');
        } catch (error) {
          if (error instanceof KiteError) throw error;
          throw diskFullError(error) ?? new KiteError('internal', `The backup could not be made: ${String(error)}`);
        }
      }),
  };
}
