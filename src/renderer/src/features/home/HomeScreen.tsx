import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../lib/store';
import { hrefFor, type Route } from '../../lib/router';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { DemosArt, GalleryArt, LessonsArt } from '../../components/icons';
import { EmptyState } from '../../components/EmptyState';
import { ContinueLesson } from './ContinueLesson';
import { ErrorNotice } from '../../components/ErrorNotice';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const summary = useAsync(() => api.invoke('home.summary'));
  const data = summary.data;
  const place = data && [data.schoolName, data.classroomName].filter(Boolean).join(' · ');

  const tiles: { route: Route; key: 'lessons' | 'gallery' | 'demos'; art: ReactElement; count?: string; empty: boolean }[] = data
    ? [
        { route: 'lessons', key: 'lessons', art: <LessonsArt />, count: t('home.lessons.count', { count: data.lessons.packs }), empty: data.lessons.packs === 0 },
        {
          route: 'gallery',
          key: 'gallery',
          art: <GalleryArt />,
          count: t('home.gallery.count', { videos: data.media.videos, photos: data.media.photos }),
          empty: data.media.videos + data.media.photos === 0,
        },
        { route: 'demos', key: 'demos', art: <DemosArt />, count: t('home.demos.count', { count: data.demos.available }), empty: data.demos.available === 0 },
      ]
    : [];

  return (
    <div className="home">
      <section className="greeting" aria-labelledby="greeting">
        <h1 id="greeting">
          <RichText text={t('home.greeting')} showRuby={showRuby} />
        </h1>
        <SpeakButton text={t('home.greeting')} lang={i18n.language} />
        {place && <p className="place">{place}</p>}
      </section>

      {summary.error && <ErrorNotice>{t('app.offline')}</ErrorNotice>}

      {data && data.lessons.packs > 0 && <ContinueLesson />}

      <nav aria-label={t('nav.main')}>
        <ul className="tiles">
          {tiles.map((tile) => (
            <li key={tile.key}>
              <a className="tile" href={hrefFor(tile.route)} aria-label={t(`home.${tile.key}.plain`)}>
                {tile.art}
                <span className="tile-title">
                  <RichText text={t(`home.${tile.key}.title`)} showRuby={showRuby} />
                </span>
                <span className="tile-count">{tile.empty ? t('home.empty.none') : tile.count}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {data && data.lessons.packs === 0 && <EmptyState title={t('home.empty.lessonsTitle')} body={t('home.empty.lessonsBody')} />}
    </div>
  );
}
