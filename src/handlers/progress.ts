import type { Core } from '../core';
import type { MergeResult, progressMethods } from '../shared/contract/progress';
import { uploadUrl } from './routes/upload';
import { signedInPupilId } from './pupil';
import type { DomainHandlers } from './types';

const stamp = () => new Date().toISOString().slice(0, 10);

/** What the lesson player records for the signed-in pupil, and the teacher's reports, exports and merges. */
export function progressHandlers(core: Core): DomainHandlers<typeof progressMethods> {
  const { roster, store, reports, transfer } = core.progress;

  return {
    'attempts.record': (attempt, ctx) => {
      const id = signedInPupilId(ctx);
      if (!id) return { saved: false };
      store.recordAttempt(id, attempt);
      core.liveSession.noteAttempt(id, attempt);
      return { saved: true };
    },
    'progress.position': (ref, ctx) => {
      const id = signedInPupilId(ctx);
      return id ? store.position(id, ref) : { stepId: null, status: 'not-started', done: [], draft: null };
    },
    'progress.savePosition': (ref, ctx) => {
      const id = signedInPupilId(ctx);
      if (!id) return { saved: false };
      store.savePosition(id, ref);
      core.liveSession.notePosition(id, ref);
      return { saved: true };
    },
    'progress.finishLesson': (ref, ctx) => {
      const id = signedInPupilId(ctx);
      if (!id) return { saved: false, stars: 0, score: 0 };
      return { saved: true, ...store.finishLesson(id, ref) };
    },

    // Lesson titles and questions in this window's language (the PC's when none was picked).
    'progress.grid': ({ classId, lang }, ctx) => reports.grid(classId, lang ?? ctx.session.language ?? undefined),
    'progress.pupil': ({ pupilId: id, lang }, ctx) => reports.pupil(id, lang ?? ctx.session.language ?? undefined),
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
    'progress.uploadToken': () => uploadUrl(core, 'progress'),
    'progress.mergeFile': async (input) => {
      let result: MergeResult;
      if ('text' in input) result = await transfer.merge(() => input.text.split('\n'));
      else {
        const { uploads } = core.progress;
        try {
          result = await transfer.mergeFile(uploads.file(input.uploadId));
        } finally {
          uploads.remove(input.uploadId);
        }
      }
      core.log.info('progress file merged', result.events);
      return result;
    },
  };
}
