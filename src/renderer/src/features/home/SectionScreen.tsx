import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router';
import { EmptyState } from './EmptyState';

const EMPTY = {
  lessons: ['home.empty.lessonsTitle', 'home.empty.lessonsBody'],
  gallery: ['home.empty.galleryTitle', 'home.empty.galleryBody'],
  demos: ['home.empty.demosTitle', 'home.empty.demosBody'],
} as const;

/** A pupil section (lessons, drone videos, demos) with nothing installed yet. */
export function SectionScreen({ section }: { section: keyof typeof EMPTY }) {
  const { t } = useTranslation();
  const [title, body] = EMPTY[section];
  return (
    <div className="section">
      <a className="back-link" href={hrefFor('home')}>
        ← {t('nav.back')}
      </a>
      <h1>{t(`home.${section}.plain`)}</h1>
      <EmptyState title={t(title)} body={t(body)} />
    </div>
  );
}
