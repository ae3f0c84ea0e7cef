import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSequence, shuffledAway, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idOrder, useDraft } from '../useDraft';
import { CheckButton, Picture, Instruction } from './common';
import { playSound } from '../sounds';

/** Put the steps in order: tap one, then tap another to swap them, or use the up/down buttons. */
export function Sequence({ step }: { step: StepOf<'sequence'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const start = useMemo(() => shuffledAway(step.items.map((i) => i.id)), [step.items]);
  const [order, setOrder] = useDraft(step.id, () => start, idOrder(step.items.map((i) => i.id)));
  const [selected, setSelected] = useState<string>();
  const shown = activity.outcome === 'revealed' ? step.items.map((i) => i.id) : order;
  const byId = (id: string) => step.items.find((i) => i.id === id) as StepOf<'sequence'>['items'][number];

  const swap = (a: number, b: number) => {
    if (activity.settled || b < 0 || b >= order.length) return;
    playSound('tap');
    setOrder((o) => {
      const next = [...o];
      [next[a], next[b]] = [next[b] as string, next[a] as string];
      return next;
    });
  };

  return (
    <div className="activity">
      <Instruction text={t('player.sequence.instruction')} />
      <ol className="sequence">
        {shown.map((id, index) => {
          const item = byId(id);
          const name = lesson.plain(item.text);
          return (
            <li key={id} className={`sequence-row${activity.settled ? ' is-settled' : ''}`}>
              <span className="sequence-number" aria-hidden="true">{index + 1}</span>
              <button
                type="button"
                className={`sequence-item${selected === id ? ' is-selected' : ''}`}
                aria-pressed={selected === id}
                aria-disabled={activity.settled || undefined}
                aria-label={t('player.sequence.item', { position: index + 1, name })}
                onClick={() => {
                  if (activity.settled) return;
                  if (!selected) return setSelected(id);
                  if (selected !== id) swap(order.indexOf(selected), index);
                  setSelected(undefined);
                }}
              >
                {item.image && <Picture image={item.image} className="face-picture" />}
                <LessonText text={item.text} />
              </button>
              <button type="button" className="icon-button" aria-label={t('player.sequence.up', { name })} aria-disabled={activity.settled || index === 0 || undefined} onClick={() => swap(index, index - 1)}>
                ▲
              </button>
              <button type="button" className="icon-button" aria-label={t('player.sequence.down', { name })} aria-disabled={activity.settled || index === shown.length - 1 || undefined} onClick={() => swap(index, index + 1)}>
                ▼
              </button>
            </li>
          );
        })}
      </ol>
      {!activity.settled && <CheckButton onClick={() => activity.answer({ order }, checkSequence(step, order))} />}
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} />
    </div>
  );
}
