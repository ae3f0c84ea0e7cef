import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../lib/store';
import { hrefFor } from '../../lib/router';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { plainText } from '../../../../shared/markup';
import { EmptyState } from '../../components/EmptyState';
import { usePupil } from '../pupils/store';
import { LessonCard } from './LessonCard';
import { useShelf, type ShelfEntry } from './shelf';
import { pick } from './text';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * #/lessons: the pupil's shelf. The lessons their teacher gave the class first, then those for
 * their grade, and the rest behind "more lessons"; each card shows how far the pupil got.
 */
export function LessonsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const signedIn = usePupil((s) => s.session?.mode === 'pupil');
  const shelf = useShelf();
  const [more, setMore] = useState(false);
  const entries = shelf.data?.entries ?? [];
  const graded = shelf.data?.graded ?? false;
  const assigned = entries.filter((e) => e.assigned);
  const mine = entries.filter((e) => !e.assigned && e.forGrade);
  const rest = entries.filter((e) => !e.assigned && !e.forGrade);
  const card = { language, showRuby, showState: signedIn };

  return (
    <div className="section lessons-screen">
      <a className="back-link" href={hrefFor('home')}>
        ← {t('nav.back')}
      </a>
      <h1>
        <RichText text={t('home.lessons.title')} showRuby={showRuby} />
      </h1>
      {shelf.loading && !shelf.data && <p role="status">{t('app.loading')}</p>}
      {shelf.error && <ErrorNotice>{t('app.offline')}</ErrorNotice>}
      {shelf.data?.packs.length === 0 && <EmptyState title={t('home.empty.lessonsTitle')} body={t('home.empty.lessonsBody')} />}
      {assigned.length > 0 && <Shelf id="assigned" title={t('shelf.assigned')} entries={assigned} {...card} />}
      {graded ? (
        <>
          {mine.length > 0 && <Shelf id="mine" title={t('shelf.forYou')} entries={mine} {...card} />}
          {rest.length > 0 && (
            <button type="button" className="secondary more-lessons" aria-expanded={more} onClick={() => setMore((m) => !m)}>
              {more ? t('shelf.fewer') : t('shelf.more', { count: rest.length })}
            </button>
          )}
          {more && <PackShelves entries={rest} {...card} />}
        </>
      ) : (
        <PackShelves entries={mine} {...card} />
      )}
    </div>
  );
}

type CardOptions = { language: string; showRuby: boolean; showState: boolean };

function Shelf({ id, title, entries, ...card }: { id: string; title: string; entries: ShelfEntry[] } & CardOptions) {
  return (
    <section className="pack-shelf" aria-label={plainText(title)} data-shelf={id}>
      <div className="pack-shelf-head">
        <h2>
          <RichText text={title} showRuby={card.showRuby} />
        </h2>
        <SpeakButton text={plainText(title)} lang={card.language} />
      </div>
      <ul className="lesson-cards">
        {entries.map((entry) => (
          <li key={`${entry.pack.id}/${entry.lesson.id}`}>
            <LessonCard entry={entry} {...card} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Lessons grouped under their pack's title. */
function PackShelves({ entries, ...card }: { entries: ShelfEntry[] } & CardOptions) {
  const packs = [...new Map(entries.map((e) => [e.pack.id, e.pack])).values()];
  return (
    <>
      {packs.map((pack) => (
        <Shelf key={pack.id} id={`pack-${pack.id}`} title={pick(pack.title, card.language)} entries={entries.filter((e) => e.pack.id === pack.id)} {...card} />
      ))}
    </>
  );
}
