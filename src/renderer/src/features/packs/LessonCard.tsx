import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../lib/router';
import { RichText } from '../../components/RichText';
import { LessonsArt } from '../../components/icons';
import { plainText } from '../../../../shared/markup';
import { packFileUrl, pick } from './text';
import type { ShelfEntry } from './shelf';

/** What a card says about the pupil's progress, for the eye and for screen readers. */
export function stateText(t: (key: string, vars?: Record<string, unknown>) => string, state: ShelfEntry['state']): string {
  if (state.status === 'done') return t('shelf.doneStars', { count: state.stars });
  if (state.status === 'in-progress') return state.step ? t('shelf.atStep', { n: state.step }) : t('shelf.started');
  return t('shelf.new');
}

/** One lesson as a big touch card: picture, title, the pupil's progress (done with stars, at step N, new), minutes and grades. */
export function LessonCard({ entry, language, showRuby, showState }: { entry: ShelfEntry; language: string; showRuby: boolean; showState: boolean }) {
  const { t } = useTranslation();
  const { pack, lesson, state } = entry;
  const title = pick(lesson.title, language);
  const grades = lesson.grades.from === lesson.grades.to ? t('packs.grade', { grade: lesson.grades.from }) : t('packs.grades', { from: lesson.grades.from, to: lesson.grades.to });
  const status = showState ? stateText(t, state) : undefined;
  const name = [plainText(title), status, t('packs.minutes', { count: lesson.minutes }), grades].filter(Boolean).join(', ');
  return (
    <a className={`lesson-card${showState ? ` is-${state.status}` : ''}`} href={hrefFor('lesson', pack.id, lesson.id)} aria-label={name}>
      <span className="lesson-cover">
        {lesson.cover ? <img src={packFileUrl(pack, lesson.cover.src)} alt="" loading="lazy" /> : <LessonsArt />}
        {showState && <StateBadge state={state} stepCount={lesson.stepCount} />}
      </span>
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

/** Seen at a glance by a child who reads little: a green tick and stars, an orange bar of how far, or a blue "new". */
function StateBadge({ state, stepCount }: { state: ShelfEntry['state']; stepCount: number }) {
  const { t } = useTranslation();
  if (state.status === 'done') {
    return (
      <span className="shelf-badge badge-done" aria-hidden="true">
        <span className="badge-word">✓ {t('shelf.done')}</span>
        <span className="badge-stars">
          {[1, 2, 3].map((n) => (
            <span key={n} className={n <= state.stars ? 'star-on' : 'star-off'}>
              ★
            </span>
          ))}
        </span>
      </span>
    );
  }
  if (state.status === 'in-progress') {
    const share = state.step ? Math.min(1, (state.step - 1) / Math.max(1, stepCount)) : 0;
    return (
      <span className="shelf-badge badge-going" aria-hidden="true">
        <span className="badge-word">{stateText(t, state)}</span>
        <span className="badge-bar">
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
      </span>
    );
  }
  return (
    <span className="shelf-badge badge-new" aria-hidden="true">
      <span className="badge-word">{t('shelf.new')}</span>
    </span>
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
