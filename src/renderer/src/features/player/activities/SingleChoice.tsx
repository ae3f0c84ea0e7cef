import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSingleChoice, type StepOf } from '../../../../../shared/pack';
import { useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { Face, faceLabel, Mark, Picture } from './common';

export function SingleChoice({ step }: { step: StepOf<'single-choice'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [tried, setTried] = useState<string[]>([]);
  const right = step.options.find((o) => o.id === step.answer);
  return (
    <div className="activity">
      {step.image && <Picture image={step.image} />}
      <div className={`options${step.options.some((o) => o.image) ? ' options-pictures' : ''}`} role="group" aria-label={t('player.options')}>
        {step.options.map((option) => {
          const wrong = tried.includes(option.id) && option.id !== step.answer;
          const shownRight = option.id === step.answer && activity.settled;
          const closed = activity.settled || wrong;
          return (
            <button
              key={option.id}
              type="button"
              className={`option${wrong ? ' is-wrong' : ''}${shownRight ? ' is-right' : ''}`}
              aria-disabled={closed || undefined}
              aria-label={faceLabel(lesson, option)}
              onClick={() => {
                if (closed) return;
                setTried((list) => [...list, option.id]);
                activity.answer({ option: option.id }, checkSingleChoice(step, option.id));
              }}
            >
              <Face face={option} />
              {(wrong || shownRight) && <Mark ok={!wrong} />}
            </button>
          );
        })}
      </div>
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} answer={right && faceLabel(lesson, right)} />
    </div>
  );
}
