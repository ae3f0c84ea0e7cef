import { useTranslation } from 'react-i18next';
import { checkMultipleChoice, type StepOf } from '../../../../../shared/pack';
import { useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idList, useDraft } from '../useDraft';
import { CheckButton, Face, faceLabel, Mark, Picture, Instruction } from './common';

export function MultipleChoice({ step }: { step: StepOf<'multiple-choice'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [chosen, setChosen] = useDraft<string[]>(step.id, () => [], idList(step.options.map((o) => o.id)));
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  return (
    <div className="activity">
      {step.image && <Picture image={step.image} />}
      <Instruction text={t('player.multipleChoice.pickAll')} />
      <div className={`options${step.options.some((o) => o.image) ? ' options-pictures' : ''}`} role="group" aria-label={t('player.options')}>
        {step.options.map((option) => {
          const isAnswer = step.answers.includes(option.id);
          const on = activity.outcome === 'revealed' ? isAnswer : chosen.includes(option.id);
          return (
            <button
              key={option.id}
              type="button"
              className={`option toggle${on ? ' is-chosen' : ''}${activity.settled && isAnswer ? ' is-right' : ''}`}
              aria-pressed={on}
              aria-disabled={activity.settled || undefined}
              aria-label={faceLabel(lesson, option)}
              onClick={() => !activity.settled && toggle(option.id)}
            >
              <span className="tick" aria-hidden="true">{on ? '✓' : ''}</span>
              <Face face={option} />
              {activity.settled && isAnswer && <Mark ok />}
            </button>
          );
        })}
      </div>
      {!activity.settled && <CheckButton disabled={chosen.length === 0} onClick={() => activity.answer({ options: [...chosen].sort() }, checkMultipleChoice(step, chosen))} />}
      <Feedback
        activity={activity}
        hint={step.hint}
        explanation={step.explanation}
        answer={step.options.filter((o) => step.answers.includes(o.id)).map((o) => faceLabel(lesson, o)).join(lesson.language.startsWith('zh') ? '、' : ', ')}
      />
    </div>
  );
}
