import { useTranslation } from 'react-i18next';
import type { GridCell, LessonKey, LessonStatus } from '../../../../shared/contract/progress';

// The class grid's cells and their legend, shared by the class grid and a pupil's page.

export const lessonLabel = (l: LessonKey) => l.title ?? `${l.packId} / ${l.lessonId}`;

const STATUS_MARK: Record<LessonStatus, string> = { 'not-started': '○', 'in-progress': '◐', done: '●' };

export function StatusCell({ cell }: { cell: GridCell }) {
  const { t } = useTranslation();
  const label = `${t(`progress.status.${cell.status}`)}${cell.status === 'done' ? `, ${t('progress.starsLabel', { count: cell.stars })}` : ''}`;
  return (
    <span className={`cell cell-${cell.status}`} role="img" aria-label={label} title={label}>
      <span aria-hidden="true">{STATUS_MARK[cell.status]}</span>
      {cell.status === 'done' && (
        <span className="stars" aria-hidden="true">
          {'★'.repeat(cell.stars)}
          <span className="stars-off">{'★'.repeat(3 - cell.stars)}</span>
        </span>
      )}
    </span>
  );
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <p className="legend">
      {(['not-started', 'in-progress', 'done'] as const).map((s) => (
        <span key={s}>
          <span className={`cell cell-${s}`} aria-hidden="true">
            {STATUS_MARK[s]}
          </span>{' '}
          {t(`progress.status.${s}`)}
        </span>
      ))}
    </p>
  );
}
