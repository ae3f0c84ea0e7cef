import { useState } from 'react';
import type { StepOf } from '../../../../../shared/pack';
import { useTranslation } from 'react-i18next';
import { LessonText, useLesson } from '../context';
import { useActivity } from '../useActivity';
import { Feedback } from '../Feedback';
import { ListenButton } from '../ListenButton';
import { CheckButton } from './common';

/** Questions without right answers, then a reflection. Radio groups: arrow keys choose. */
export function SelfCheck({ step }: { step: StepOf<'self-check'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const complete = step.questions.every((q) => answers[q.id] !== undefined);
  return (
    <div className="activity">
      {step.questions.map((q) => (
        <fieldset key={q.id} className="self-question">
          <legend>
            <LessonText text={q.text} />
            <ListenButton text={q.text} />
          </legend>
          <div className="self-options">
            {q.options.map((option, i) => (
              <label key={i} className={`self-option${answers[q.id] === i ? ' is-chosen' : ''}`}>
                <input type="radio" name={`${step.id}-${q.id}`} checked={answers[q.id] === i} disabled={activity.settled} onChange={() => setAnswers((a) => ({ ...a, [q.id]: i }))} aria-label={lesson.plain(option)} />
                <LessonText text={option} />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {!activity.settled && (
        <CheckButton disabled={!complete} onClick={() => activity.finish({ answers }, null, 0)}>
          {t('player.selfCheck.done')}
        </CheckButton>
      )}
      {activity.settled && (
        <div className="reflection">
          <LessonText as="p" text={step.reflection} />
          <ListenButton text={step.reflection} />
        </div>
      )}
      <Feedback activity={activity} explanation={step.explanation} rightText={t('player.selfCheck.thanks')} />
    </div>
  );
}
