import { useTranslation } from 'react-i18next';
import type { i18n, TFunction } from 'i18next';
import type { ImportNote, ImportProgress, ImportReport } from '../../../../shared/contract';
import { clock } from './facts';
import { mb } from './ScanList';
import type { ThumbsState } from './useMediaImport';

/**
 * An import note in the teacher's language: what happened (notes.<code>, else errors.<code>) and
 * why (problems.<problem>); the core's English only where there is no wording for it.
 */
function noteText(t: TFunction, i18n: i18n, note: ImportNote): string {
  const problem = `gallery.teacher.problems.${String(note.details?.problem)}`;
  const why = i18n.exists(problem) ? t(problem) : String(note.details?.message ?? note.reason);
  for (const key of [`gallery.teacher.notes.${note.code}`, `errors.${note.code}`]) if (note.code && i18n.exists(key)) return t(key, { ...note.details, message: why });
  return note.reason;
}

/** The copy under way: a bar, "file 1 of 2", the time left, and cancel. */
export function ImportProgressView({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    // "File 1 of 2" while the first is copied (filesDone counts finished ones).
    <div className="import-progress">
      <progress max={Math.max(1, progress.bytesTotal)} value={progress.bytesDone} aria-label={t('gallery.teacher.progressLabel')} />
      <p role="status">
        {t('gallery.teacher.progress', { files: Math.min(progress.filesDone + 1, progress.filesTotal), total: progress.filesTotal, mb: mb(progress.bytesDone), totalMb: mb(progress.bytesTotal) })}
        {progress.etaSeconds !== null && ` · ${t('gallery.teacher.eta', { time: clock(progress.etaSeconds) })}`}
      </p>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('gallery.teacher.cancel')}
      </button>
    </div>
  );
}

/** What the import did: counts, videos this PC cannot play, and each file's problem or warning. */
export function ImportReportView({ report, cannotPlay }: { report: ImportReport; cannotPlay: string[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="import-report" role="status">
      <p className={`notice ${report.failed.length || report.cancelled ? 'warn' : 'ok'}`}>
        {report.cancelled ? t('gallery.teacher.cancelled') : t('gallery.teacher.done', { imported: report.imported.length, duplicates: report.duplicates.length, failed: report.failed.length })}
      </p>
      {cannotPlay.length > 0 && <p className="notice warn">{t('gallery.teacher.importedCannotPlay', { count: cannotPlay.length, names: cannotPlay.join('、') })}</p>}
      {[...report.failed, ...report.warnings].length > 0 && (
        <ul className="report-list">
          {report.failed.map((f) => (
            <li key={`f${f.path}`}>
              <b>{f.path}</b>: {noteText(t, i18n, f)}
            </li>
          ))}
          {report.warnings.map((w) => (
            <li key={`w${w.path}${w.reason}`}>
              <b>{w.path}</b>: {noteText(t, i18n, w)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The thumbnails being made after the copy, then done (or some failed). */
export function ThumbsNotice({ thumbs }: { thumbs: ThumbsState }) {
  const { t } = useTranslation();
  return (
    <p className="notice ok" role="status">
      {thumbs.done < thumbs.total
        ? t('gallery.teacher.thumbsWorking', { done: thumbs.done, total: thumbs.total })
        : t(thumbs.failed ? 'gallery.teacher.thumbsDoneSomeFailed' : 'gallery.teacher.thumbsDone', { failed: thumbs.failed })}
    </p>
  );
}
