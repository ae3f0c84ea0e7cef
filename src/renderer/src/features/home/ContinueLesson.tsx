import { useTranslation } from 'react-i18next';
import { useApp } from '../../lib/store';
import { hrefFor } from '../../lib/router';
import { RichText } from '../../components/RichText';
import { plainText } from '../../../../shared/markup';
import { nextLesson, useShelf } from '../packs/shelf';
import { pick } from '../packs/text';
import { stateText } from '../packs/LessonCard';

/** One big button on the pupil's home: straight back into the lesson they were in (or the next one to start). */
export function ContinueLesson() {
  const { t, i18n } = useTranslation();
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const shelf = useShelf();
  const next = shelf.data && nextLesson(shelf.data.entries);
  if (!next) return null;
  const going = next.state.status === 'in-progress';
  const word = going ? t('shelf.continue') : t('shelf.start');
  const title = plainText(pick(next.lesson.title, i18n.language));
  const where = going ? stateText(t, next.state) : '';
  return (
    <a className={`continue-lesson${going ? ' is-going' : ''}`} href={hrefFor('lesson', next.pack.id, next.lesson.id)} aria-label={[word, title, where].filter(Boolean).join(', ')}>
      <span className="continue-play" aria-hidden="true">
        <svg width="56" height="56" viewBox="0 0 56 56" focusable="false">
          <circle cx="28" cy="28" r="28" fill="#fff" />
          <path d="M22 16 L42 28 L22 40 Z" fill="currentColor" />
        </svg>
      </span>
      <span className="continue-text">
        <span className="continue-word">
          <RichText text={going ? t('shelf.continueRuby') : t('shelf.startRuby')} showRuby={showRuby} />
        </span>
        <span className="continue-lesson-title">
          <RichText text={pick(next.lesson.title, i18n.language)} showRuby={showRuby} />
          {where && <span className="continue-where"> · {where}</span>}
        </span>
      </span>
    </a>
  );
}
