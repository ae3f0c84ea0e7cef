import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/store';
import type { ClassGrid } from '../../../../shared/contract/progress';
import { KiteLogo } from '../../components/icons';
import { AvatarArt } from '../pupils/avatars';

/** One certificate per pupil who finished at least one lesson, laid out for printing (or saving as PDF). */
export function Certificates({ grid, className, onClose }: { grid: ClassGrid; className: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const school = useApp((s) => s.settings?.schoolName ?? '');
  const today = new Date().toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' });
  const earned = grid.pupils
    .map((p, i) => ({ pupil: p, done: (grid.cells[i] ?? []).filter((c) => c.status === 'done'), stars: (grid.cells[i] ?? []).reduce((s, c) => s + c.stars, 0) }))
    .filter((e) => e.done.length > 0);
  return (
    <div className="certificates-view">
      <div className="button-row no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('progress.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('progress.closeCertificates')}
        </button>
        <span className="muted">{t('progress.certificatesCount', { count: earned.length })}</span>
      </div>
      <div className="certificates">
        {earned.map(({ pupil, done, stars }) => (
          <article key={pupil.id} className="certificate" aria-label={t('progress.certificateFor', { name: pupil.name })}>
            <KiteLogo size={64} />
            <h2 className="certificate-title">{t('progress.certificateTitle')}</h2>
            <AvatarArt avatar={pupil.avatar} size={72} />
            <p className="certificate-name">{pupil.name}</p>
            <p>{t('progress.certificateBody', { className, lessons: done.length, stars })}</p>
            <p className="certificate-foot">
              {school} {today}
            </p>
          </article>
        ))}
      </div>
    </div>
  );
}
