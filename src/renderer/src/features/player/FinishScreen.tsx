import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../lib/router';
import { LessonText } from './context';
import type { FamilyCard, LocalizedText } from '../../../../shared/pack';
import { playSound } from './sounds';
import { ListenButton } from './ListenButton';
import { FamilyCardView } from './FamilyCard';

/** The calm end of a lesson: a kite badge, up to three stars, and the lesson's family card to take home. */
export function FinishScreen({ title, stars, saved, familyCard, onAgain }: { title: LocalizedText; stars: number; saved: boolean; familyCard?: FamilyCard; onAgain: () => void }) {
  const { t } = useTranslation();
  useEffect(() => playSound('finish'), []);
  const message = t(`player.finish.stars${stars}`);
  return (
    <div className={`finish-layout${familyCard ? ' with-card' : ''}`}>
      <section className="finish card" aria-labelledby="finish-title">
        <Badge />
        <div className="finish-body">
          <h2 id="finish-title">
            <LessonText text={t('player.finish.title')} />
          </h2>
          <p className="finish-lesson">
            <LessonText text={title} />
          </p>
          <p className="stars" role="img" aria-label={t('player.finish.starsLabel', { count: stars })}>
            {[1, 2, 3].map((n) => (
              <Star key={n} on={n <= stars} />
            ))}
          </p>
          <p>
            <LessonText text={message} /> <ListenButton text={`${t('player.finish.title')} ${message}`} />
          </p>
          {!saved && <p className="notice warn">{t('player.finish.notSaved')}</p>}
          <div className="finish-actions">
            <a className="primary-link" href={hrefFor('lessons')}>
              <LessonText text={t('player.finish.more')} />
            </a>
            <button type="button" className="secondary" onClick={onAgain}>
              <LessonText text={t('player.finish.again')} />
            </button>
          </div>
        </div>
      </section>
      {familyCard && <FamilyCardView card={familyCard} headingId="family-card-title" listen />}
    </div>
  );
}

function Star({ on }: { on: boolean }) {
  return (
    <svg aria-hidden="true" focusable="false" className={`star${on ? ' on' : ''}`} width="64" height="64" viewBox="0 0 48 48">
      <path d="M24 4 l6 13 l14 1.5 l-10.5 9.5 l3 14 l-12.5 -7 l-12.5 7 l3 -14 l-10.5 -9.5 l14 -1.5 z" fill={on ? '#f3a712' : '#eadfcb'} stroke={on ? '#b37400' : '#cbbd9f'} strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

function Badge() {
  return (
    <svg aria-hidden="true" focusable="false" className="finish-badge" width="180" height="180" viewBox="0 0 120 120">
      <circle cx="60" cy="60" r="54" fill="#dff3f1" stroke="#1f8a8a" strokeWidth="4" />
      <path d="M60 18 L84 44 L60 72 L36 44 Z" fill="#e4572e" />
      <path d="M60 18 L84 44 L60 44 Z" fill="#f3a712" />
      <path d="M60 44 L36 44 L60 72 Z" fill="#29a3a3" />
      <path d="M60 18 V72 M36 44 H84" stroke="#fff6e5" strokeWidth="2.5" />
      <path d="M60 72 C 54 80, 66 84, 58 94 C 52 100, 62 104, 60 108" stroke="#3b3b58" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      <path d="M55 82 l-6 -2 l2 5 z M63 92 l6 -1 l-3 5 z" fill="#f3a712" />
    </svg>
  );
}
