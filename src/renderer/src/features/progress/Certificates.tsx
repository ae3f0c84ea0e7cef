import { useTranslation } from 'react-i18next';
import { useApp } from '../../lib/store';
import type { ClassGrid } from '../../../../shared/contract/progress';
import { KiteLogo } from '../../components/icons';
import { AvatarArt } from '../pupils/avatars';
import { countWords } from './words';

/**
 * One certificate per pupil who finished at least one lesson, laid out for printing (or saving as
 * PDF): one page each, A4 or A5, the frame filling the page, lines for the teacher's signature and
 * the school's seal.
 */
export function Certificates({ grid, className, onClose }: { grid: ClassGrid; className: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const school = useApp((s) => s.settings?.schoolName ?? '');
  const today = new Date().toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' });
  const earned = grid.pupils
    .map((p, i) => ({ pupil: p, done: (grid.cells[i] ?? []).filter((c) => c.status === 'done'), stars: (grid.cells[i] ?? []).reduce((s, c) => s + c.stars, 0) }))
    .filter((e) => e.done.length > 0);
  const counted = (n: number, one: string, many: string) => t(n === 1 ? one : many, { words: countWords(n, i18n.language) });
  const praise = (lessons: number, stars: number) => {
    const done = counted(lessons, 'progress.certificateText.lessonsOne', 'progress.certificateText.lessons');
    return stars > 0
      ? t('progress.certificateText.body', { className, lessons: done, stars: counted(stars, 'progress.certificateText.starsOne', 'progress.certificateText.stars') })
      : t('progress.certificateText.bodyNoStars', { className, lessons: done });
  };
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
            <div className="certificate-top">
              <KiteLogo size={64} />
              <h2 className="certificate-title">{t('progress.certificateTitle')}</h2>
            </div>
            <AvatarArt avatar={pupil.avatar} size={72} />
            <p className="certificate-name">{pupil.name}</p>
            <p className="certificate-body">{praise(done.length, stars)}</p>
            <div className="certificate-sign">
              <p>
                <span className="sign-line" aria-hidden="true" />
                {t('progress.certificateText.teacher')}
              </p>
              <p>
                <span className="seal-ring" aria-hidden="true" />
                {t('progress.certificateText.seal')}
              </p>
            </div>
            <p className="certificate-foot">
              {school} {today}
            </p>
          </article>
        ))}
      </div>
    </div>
  );
}
