import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../app/store';
import { useAsync } from '../../app/useAsync';
import { hrefFor } from '../../app/router';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { LessonsArt } from '../../components/icons';
import { plainText } from '../../../../shared/markup';
import type { InstalledPack, LessonSummary } from '../../../../shared/contract';
import { EmptyState } from '../home/EmptyState';
import { packFileUrl, pick } from './text';

/** #/lessons: every installed pack and its lessons as big touch cards; a card opens #/lesson/<pack>/<lesson>. */
export function LessonsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const packs = useAsync(() => api.invoke('packs.list'));
  const { reload } = packs;
  useEffect(() => api.on('packs.changed', () => reload()), [reload]);

  return (
    <div className="section lessons-screen">
      <a className="back-link" href={hrefFor('home')}>
        ← {t('nav.back')}
      </a>
      <h1>
        <RichText text={t('home.lessons.title')} showRuby={showRuby} />
      </h1>
      {packs.loading && !packs.data && <p role="status">{t('app.loading')}</p>}
      {packs.error && <p role="alert" className="notice error">{t('app.offline')}</p>}
      {packs.data?.length === 0 && <EmptyState title={t('home.empty.lessonsTitle')} body={t('home.empty.lessonsBody')} />}
      {packs.data?.map((pack) => (
        <section key={pack.id} className="pack-shelf" aria-labelledby={`pack-${pack.id}`}>
          <div className="pack-shelf-head">
            <h2 id={`pack-${pack.id}`}>
              <RichText text={pick(pack.title, language)} showRuby={showRuby} />
            </h2>
            <SpeakButton text={plainText(pick(pack.title, language))} lang={language} />
          </div>
          <ul className="lesson-cards">
            {pack.lessons.map((lesson) => (
              <li key={lesson.id}>
                <LessonCard pack={pack} lesson={lesson} language={language} showRuby={showRuby} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function LessonCard({ pack, lesson, language, showRuby }: { pack: InstalledPack; lesson: LessonSummary; language: string; showRuby: boolean }) {
  const { t } = useTranslation();
  const title = pick(lesson.title, language);
  const grades = lesson.grades.from === lesson.grades.to ? t('packs.grade', { grade: lesson.grades.from }) : t('packs.grades', { from: lesson.grades.from, to: lesson.grades.to });
  return (
    <a className="lesson-card" href={hrefFor('lesson', pack.id, lesson.id)} aria-label={`${plainText(title)}, ${t('packs.minutes', { count: lesson.minutes })}, ${grades}`}>
      <span className="lesson-cover">{lesson.cover ? <img src={packFileUrl(pack, lesson.cover.src)} alt="" loading="lazy" /> : <LessonsArt />}</span>
      <span className="lesson-card-title">
        <RichText text={title} showRuby={showRuby} />
      </span>
      <span className="lesson-card-meta">
        <span className="minutes">
          <ClockIcon /> {t('packs.minutes', { count: lesson.minutes })}
        </span>
        <span>{grades}</span>
      </span>
    </a>
  );
}

function ClockIcon() {
  return (
    <svg aria-hidden focusable={false} width="20" height="20" viewBox="0 0 20 20">
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M10 5 V10 L13.5 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
