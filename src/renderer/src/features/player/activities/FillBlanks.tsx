import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFillBlanks, shuffled, splitSentence, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idMap, useDraft } from '../useDraft';
import { CheckButton, Mark } from './common';
import { playSound } from '../sounds';
import { usePointerDrag } from '../drag/usePointerDrag';
import { DragHint } from '../drag/DragHint';

/**
 * Fill the gaps from a word bank: drag a word into a gap, or tap a gap (the first empty one is
 * ready), then tap a word. No typing.
 */
export function FillBlanks({ step }: { step: StepOf<'fill-blanks'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const bank = useMemo(() => shuffled(step.bank), [step.bank]);
  const parts = splitSentence(lesson.text(step.sentence));
  const blankIds = parts.flatMap((p) => (typeof p === 'string' ? [] : [p.blank]));
  const [filled, setFilled] = useDraft<Record<string, string>>(step.id, () => ({}), idMap(blankIds, step.bank.map((w) => w.id)));
  const [active, setActive] = useState<string>();
  const [wrong, setWrong] = useState<string[]>([]);
  const shown = activity.outcome === 'revealed' ? Object.fromEntries(step.blanks.map((b) => [b.id, b.answer])) : filled;
  const target = active ?? blankIds.find((id) => !filled[id]);
  const wordText = (id: string | undefined) => lesson.plain(step.bank.find((w) => w.id === id)?.text);

  const place = (wordId: string, gap = target) => {
    if (activity.settled || !gap) return;
    playSound('tap');
    setFilled((f) => ({ ...f, [gap]: wordId }));
    setWrong((w) => w.filter((x) => x !== gap));
    setActive(undefined);
  };
  const drag = usePointerDrag({ onDrop: place, disabled: activity.settled });
  const root = useRef<HTMLDivElement>(null);

  return (
    <div className="activity drag-activity" ref={root}>
      <p className="fill-sentence">
        {parts.map((part, i) => {
          if (typeof part === 'string') return <LessonText key={i} text={part} />;
          const id = part.blank;
          const word = shown[id];
          const number = blankIds.indexOf(id) + 1;
          return (
            <button
              key={i}
              type="button"
              className={`blank${target === id && !activity.settled ? ' is-target' : ''}${wrong.includes(id) ? ' is-wrong' : ''}${activity.settled ? ' is-right' : ''}${drag.dropClass(id)}`}
              {...drag.target(id)}
              aria-pressed={target === id && !activity.settled}
              aria-disabled={activity.settled || undefined}
              aria-label={word ? t('player.fill.filled', { n: number, word: wordText(word) }) : t('player.fill.empty', { n: number })}
              onClick={() => {
                if (activity.settled) return;
                // Tapping a filled gap empties it and makes it the one to fill.
                if (filled[id]) setFilled(({ [id]: _removed, ...rest }) => rest);
                setActive(id);
              }}
            >
              {word ? <LessonText text={step.bank.find((w) => w.id === word)?.text} /> : <span aria-hidden="true">{'　'.repeat(3)}</span>}
              {wrong.includes(id) && <Mark ok={false} />}
            </button>
          );
        })}
      </p>
      <div className="word-bank" role="group" aria-label={t('player.fill.bank')}>
        {bank.map((word) => {
          const used = Object.values(shown).includes(word.id);
          return (
            <button
              key={word.id}
              type="button"
              className={`chip-item${used ? ' is-used' : drag.sourceClass(word.id)}`}
              aria-disabled={used || activity.settled || !target || undefined}
              aria-label={lesson.plain(word.text)}
              {...(used ? {} : drag.source(word.id))}
              onClick={() => !used && place(word.id)}
            >
              <LessonText text={word.text} />
            </button>
          );
        })}
      </div>
      {!activity.settled && (
        <CheckButton
          disabled={blankIds.some((id) => !filled[id])}
          onClick={() => {
            const result = checkFillBlanks(step, filled);
            setWrong(result.wrong);
            activity.answer({ filled }, result.correct);
          }}
        />
      )}
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} />
      <DragHint kind="fill-blanks" scope={root} from=".word-bank .chip-item:not(.is-used)" to=".blank.is-target" enabled={lesson.young && !activity.settled} />
    </div>
  );
}
