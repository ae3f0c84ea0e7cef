import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkTrueFalse, type StepOf } from '../../../../../shared/pack';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { Picture } from './common';

export function TrueFalse({ step }: { step: StepOf<'true-false'> }) {
  const { t } = useTranslation();
  const activity = useActivity(step);
  const [tried, setTried] = useState<boolean[]>([]);
  const label = (value: boolean) => (value ? t('player.trueFalse.true') : t('player.trueFalse.false'));
  return (
    <div className="activity">
      {step.image && <Picture image={step.image} />}
      <div className="true-false" role="group" aria-label={t('player.options')}>
        {[true, false].map((value) => {
          const wrong = tried.includes(value) && value !== step.answer;
          const closed = activity.settled || wrong;
          return (
            <button
              key={String(value)}
              type="button"
              className={`tf-button tf-${value ? 'yes' : 'no'}${wrong ? ' is-wrong' : ''}${activity.settled && value === step.answer ? ' is-right' : ''}`}
              aria-disabled={closed || undefined}
              onClick={() => {
                if (closed) return;
                setTried((list) => [...list, value]);
                activity.answer({ value }, checkTrueFalse(step, value));
              }}
            >
              <span className="tf-symbol" aria-hidden="true">{value ? '✓' : '✗'}</span>
              <span>{label(value)}</span>
            </button>
          );
        })}
      </div>
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} answer={label(step.answer)} />
    </div>
  );
}
