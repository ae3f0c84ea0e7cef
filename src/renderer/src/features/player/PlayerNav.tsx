import { useTranslation } from 'react-i18next';
import { Instruction } from './activities/common';
import { LessonText } from './context';

/** The bar under a step: back, why Next waits (answer first, or the teacher's step), and Next or Finish. */
export function PlayerNav({ first, last, canGoOn, waitForTeacher, onBack, onNext }: { first: boolean; last: boolean; canGoOn: boolean; waitForTeacher: boolean; onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="player-nav">
      <button type="button" className="secondary nav-back" aria-disabled={first || undefined} onClick={onBack}>
        ← <LessonText text={t('player.back')} />
      </button>
      {!canGoOn && <Instruction className="nav-help" text={waitForTeacher ? t('session.follow.wait') : t('player.answerFirst')} />}
      <button type="button" className={`primary nav-next${canGoOn ? ' ready' : ''}`} aria-disabled={!canGoOn || undefined} onClick={onNext}>
        <LessonText text={last ? t('player.finishLesson') : t('player.next')} /> →
      </button>
    </div>
  );
}
