import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSequence, shuffledAway, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idOrder, useDraft } from '../useDraft';
import { CheckButton, Picture, Instruction } from './common';
import { playSound } from '../sounds';
import { usePointerDrag } from '../drag/usePointerDrag';
import { DragHint } from '../drag/DragHint';
import { dragItem, useFocusLater } from '../drag/useFocusLater';

/**
 * Put the steps in order: drag one to its place (the others make room), or tap one, then another to
 * swap them (a second tap on the same one puts it down), or use the up/down buttons. The step just
 * moved (by drag or tap) goes back where it was when tapped again.
 */
export function Sequence({ step }: { step: StepOf<'sequence'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const start = useMemo(() => shuffledAway(step.items.map((i) => i.id)), [step.items]);
  const [order, setOrder] = useDraft(step.id, () => start, idOrder(step.items.map((i) => i.id)));
  const [selected, setSelected] = useState<string>();
  /** The step last moved by a drag or a tap, and the order before: tapped again, it goes back. */
  const [lastMove, setLastMove] = useState<{ id: string; before: string[] }>();
  const shown = activity.outcome === 'revealed' ? step.items.map((i) => i.id) : order;
  const byId = (id: string) => step.items.find((i) => i.id === id) as StepOf<'sequence'>['items'][number];

  const swap = (a: number, b: number) => {
    if (activity.settled || b < 0 || b >= order.length) return;
    playSound('tap');
    setLastMove(undefined);
    setOrder((o) => {
      const next = [...o];
      [next[a], next[b]] = [next[b] as string, next[a] as string];
      return next;
    });
  };

  const moveTo = (id: string, targetId: string) => {
    if (activity.settled || id === targetId) return;
    playSound('tap');
    setSelected(undefined);
    setLastMove({ id, before: order });
    setOrder((o) => {
      const next = o.filter((x) => x !== id);
      next.splice(o.indexOf(targetId), 0, id);
      return next;
    });
  };
  const drag = usePointerDrag({ onDrop: moveTo, accepts: (id, targetId) => id !== targetId, onLift: () => setSelected(undefined), disabled: activity.settled });
  const root = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater(root);
  const takeBackNote = useId();
  const tap = (id: string, index: number) => {
    if (activity.settled) return;
    if (!selected && lastMove?.id === id) {
      playSound('tap');
      setOrder(lastMove.before);
      setLastMove(undefined);
      return focusLater(dragItem('.sequence', id));
    }
    if (!selected) return setSelected(id);
    if (selected !== id) {
      swap(order.indexOf(selected), index);
      setLastMove({ id: selected, before: order });
      focusLater(dragItem('.sequence', selected));
    }
    setSelected(undefined);
  };

  return (
    <div className="activity drag-activity" ref={root}>
      <Instruction text={t('player.sequence.instruction')} />
      <ol className="sequence">
        {shown.map((id, index) => {
          const item = byId(id);
          const name = lesson.plain(item.text);
          const justMoved = !activity.settled && !selected && lastMove?.id === id;
          return (
            <li key={id} className={`sequence-row${activity.settled ? ' is-settled' : ''}${drag.dropClass(id, drag.lifted !== undefined && drag.lifted !== id)}`} {...drag.target(id)}>
              <span className="sequence-number" aria-hidden="true">{index + 1}</span>
              <button
                type="button"
                className={`sequence-item${drag.sourceClass(id)}${selected === id ? ' is-selected' : ''}${justMoved ? ' is-just-moved' : ''}`}
                aria-pressed={selected === id}
                aria-disabled={activity.settled || undefined}
                aria-label={t('player.sequence.item', { position: index + 1, name })}
                aria-describedby={justMoved ? takeBackNote : undefined}
                {...drag.source(id)}
                onClick={() => tap(id, index)}
              >
                {item.image && <Picture image={item.image} className="face-picture" />}
                <LessonText text={item.text} />
                {justMoved && (
                  <span className="take-back-mark" aria-hidden="true">
                    ↩
                  </span>
                )}
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
      <p id={takeBackNote} className="visually-hidden">
        {t('player.sequence.takeBack')}
      </p>
      {!activity.settled && (
        <CheckButton
          onClick={() => {
            setLastMove(undefined);
            activity.answer({ order }, checkSequence(step, order));
          }}
        />
      )}
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} />
      <DragHint kind="sequence" scope={root} from=".sequence-row:nth-child(1) [data-drag-item]" to=".sequence-row:nth-child(2)" enabled={lesson.young && !activity.settled} />
    </div>
  );
}
