import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../../../../shared/pack';
import { useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { Face, faceLabel, sayFace, Instruction } from './common';
import { ListenButton } from '../ListenButton';

/** Term on the front, explanation on the back; tap to turn. Done when every card has been turned. */
export function Flashcards({ step }: { step: StepOf<'flashcards'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [index, setIndex] = useState(0);
  const [back, setBack] = useState(false);
  const [seen, setSeen] = useState<string[]>([]);
  const card = step.cards[index] as StepOf<'flashcards'>['cards'][number];
  const face = back ? card.back : card.front;

  const turn = () => {
    const toBack = !back;
    setBack(toBack);
    sayFace(lesson, toBack ? card.back : card.front);
    if (toBack && !seen.includes(card.id)) {
      const next = [...seen, card.id];
      setSeen(next);
      if (next.length === step.cards.length) activity.finish({ seen: next.length }, null, 0);
    }
  };
  const go = (to: number) => {
    setIndex(to);
    setBack(false);
  };

  return (
    <div className="activity">
      <Instruction text={t('player.flashcards.position', { n: index + 1, total: step.cards.length })} />
      <div className="flashcard-row">
        <button type="button" className="icon-button big" aria-label={t('player.flashcards.previous')} aria-disabled={index === 0 || undefined} onClick={() => index > 0 && go(index - 1)}>
          ◀
        </button>
        <button
          type="button"
          className={`flashcard${back ? ' is-back' : ''}`}
          aria-label={`${back ? t('player.flashcards.back') : t('player.flashcards.front')}: ${faceLabel(lesson, face, t('player.flashcards.sound'))}. ${t('player.flashcards.turn')}`}
          onClick={turn}
        >
          <span key={`${card.id}-${back}`} className="flashcard-face">
            <Face face={face} />
          </span>
        </button>
        <button type="button" className="icon-button big" aria-label={t('player.flashcards.next')} aria-disabled={index === step.cards.length - 1 || undefined} onClick={() => index < step.cards.length - 1 && go(index + 1)}>
          ▶
        </button>
      </div>
      <div className="flashcard-tools">
        <ListenButton text={face.text ?? face.image?.alt ?? ''} audio={face.audio} />
        <span>{t('player.flashcards.seen', { seen: seen.length, total: step.cards.length })}</span>
      </div>
      <Feedback activity={activity} explanation={step.explanation} rightText={t('player.flashcards.allSeen')} />
    </div>
  );
}
