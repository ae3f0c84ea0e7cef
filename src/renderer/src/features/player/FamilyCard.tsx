import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyCard as FamilyCardData } from '../../../../shared/pack';
import { LessonText, useLesson } from './context';
import { Picture } from './activities/common';
import { ListenButton } from './ListenButton';

/**
 * The family card (家庭小卡片) of a lesson: one rule to remember and one thing to do at home. The
 * pupil sees it at the end of the lesson (with a speaker button); the teacher prints it on A5.
 * Text follows the lesson's language and pinyin setting (LessonContext).
 */
export function FamilyCardView({ card, headingId, heading = 'h2', listen = false, children }: { card: FamilyCardData; headingId: string; heading?: 'h2' | 'h3'; listen?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const Heading = heading;
  // What the speaker reads: the card's title, the rule, then the task at home.
  const speech = [t('player.familyCard.title'), t('player.familyCard.rule'), lesson.plain(card.rule), t('player.familyCard.atHome'), lesson.plain(card.atHome)].join(' ');
  return (
    <section className="family-card" aria-labelledby={headingId}>
      <div className="family-card-top">
        <Heading id={headingId} className="family-card-title">
          <LessonText text={t('player.familyCard.title')} />
        </Heading>
        {listen && <ListenButton text={speech} label={t('player.familyCard.listen')} />}
      </div>
      {children}
      <div className="family-card-body">
        {card.picture && <Picture image={card.picture} className="family-card-picture" />}
        <div className="family-card-text">
          <p className="family-card-label">
            <LessonText text={t('player.familyCard.rule')} />
          </p>
          <p className="family-card-rule">
            <LessonText text={card.rule} />
          </p>
          <p className="family-card-label">
            <LessonText text={t('player.familyCard.atHome')} />
          </p>
          <p className="family-card-home">
            <LessonText text={card.atHome} />
          </p>
        </div>
      </div>
    </section>
  );
}
