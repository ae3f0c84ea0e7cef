import { useTranslation } from 'react-i18next';
import type { ImportLine, ImportPreview } from '../../../../shared/contract/roster';

/** What a list file would add, line by line; the button says what it does, or why there is none. */
export function RosterPreview({ preview, busy, onCommit }: { preview: ImportPreview; busy: boolean; onCommit: () => void }) {
  const { t } = useTranslation();
  const skipped = preview.lines.filter((l) => l.status === 'error');
  return (
    <div className="roster-preview">
      <p role="status">
        {/* Which encoding a file uses is nothing a teacher need know; only a GBK file asks for a look at the names. */}
        {preview.encoding === 'gbk' && `${t('classes.import.gbkNote')} `}
        {t('classes.import.willAdd', { count: preview.newPupils })}
        {preview.newClasses.length > 0 && ` ${t('classes.import.newClasses', { names: preview.newClasses.join('、') })}`}
        {skipped.length > 0 && ` ${t('classes.import.willSkip', { count: skipped.length })}`}
        {preview.blankLines > 0 && ` ${t('classes.import.blank', { count: preview.blankLines })}`}
      </p>
      <SkippedLines lines={preview.lines} />
      {preview.newPupils > 0 ? (
        <button type="button" className="primary" disabled={busy} onClick={onCommit}>
          {t('classes.import.commit', { count: preview.newPupils })}
        </button>
      ) : (
        <p className="notice warn">{t(skipped.length > 0 ? 'classes.import.nothingGood' : 'classes.import.nothingNew')}</p>
      )}
      <table className="preview-table">
        <caption className="visually-hidden">{t('classes.import.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('classes.import.line')}</th>
            <th scope="col">{t('classes.pupilName')}</th>
            <th scope="col">{t('classes.className')}</th>
            <th scope="col">{t('classes.import.status')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.lines.map((l) => (
            <tr key={l.line} className={`line-${l.status}`}>
              <td>{l.line}</td>
              <td>{l.name}</td>
              <td>{l.className}</td>
              <td>{l.problem ? t('classes.import.skippedBecause', { reason: t(`classes.import.problems.${l.problem}`) }) : t(`classes.import.states.${l.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every line left out, with its number and why: before adding (preview) and after (the result). */
export function SkippedLines({ lines }: { lines: ImportLine[] }) {
  const { t } = useTranslation();
  const skipped = lines.filter((l) => l.problem);
  if (skipped.length === 0) return null;
  return (
    <div className="notice warn skipped-lines">
      <p>{t('classes.import.skippedTitle', { count: skipped.length })}</p>
      <ul aria-label={t('classes.import.skippedTitle', { count: skipped.length })}>
        {skipped.map((l) => (
          <li key={l.line}>{t('classes.import.skippedLine', { line: l.line, name: l.name || '—', reason: t(`classes.import.problems.${l.problem}`) })}</li>
        ))}
      </ul>
    </div>
  );
}
