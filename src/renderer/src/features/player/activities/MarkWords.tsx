import { useTranslation } from 'react-i18next';
import { checkMarkWords, markWordTargets, wordsFor, type StepOf } from '../../../../../shared/pack';
import { plainText } from '../../../../../shared/markup';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { useDraft } from '../useDraft';
import { CheckButton, Instruction } from './common';

/** Tap the words that … : the passage is split by words (the author splits Chinese), each a toggle. */
export function MarkWords({ step }: { step: StepOf<'mark-words'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const words = wordsFor(step, lesson.language);
  const targets = markWordTargets(step, lesson.language);
  const [marked, setMarked] = useDraft<number[]>(step.id, () => [], (v) => Array.isArray(v) && v.every((i) => Number.isInteger(i) && i >= 0 && i < words.length));
  const shown = activity.outcome === 'revealed' ? targets : marked;
  const toggle = (i: number) => !activity.settled && setMarked((m) => (m.includes(i) ? m.filter((x) => x !== i) : [...m, i]));
  const spaced = !lesson.language.startsWith('zh');

  return (
    <div className="activity">
      <Instruction text={t('player.markWords.instruction')} />
      <p className="word-passage" role="group" aria-label={t('player.markWords.passage')}>
        {words.map((word, i) => {
          const on = shown.includes(i);
          // Punctuation is shown but not a target to tap.
          const isWord = /[\p{L}\p{N}]/u.test(plainText(word.text));
          const text = <LessonText text={word.text} />;
          return (
            <span key={i}>
              {isWord ? (
                <button
                  type="button"
                  className={`word${on ? ' is-marked' : ''}${activity.settled && word.target ? ' is-right' : ''}`}
                  aria-pressed={on}
                  aria-disabled={activity.settled || undefined}
                  aria-label={plainText(word.text)}
                  onClick={() => toggle(i)}
                >
                  {text}
                </button>
              ) : (
                <span className="word-punct">{text}</span>
              )}
              {spaced && ' '}
            </span>
          );
        })}
      </p>
      {!activity.settled && <CheckButton disabled={marked.length === 0} onClick={() => activity.answer({ marked: [...marked].sort((a, b) => a - b) }, checkMarkWords(step, lesson.language, marked))} />}
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} answer={targets.map((i) => plainText(words[i]?.text ?? '')).join(spaced ? ', ' : '、')} />
    </div>
  );
}
