import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSortBins, shuffled, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idMap, useDraft } from '../useDraft';
import { CheckButton, Face, faceLabel, Mark, Picture, Instruction } from './common';
import { playSound } from '../sounds';
import { usePointerDrag } from '../drag/usePointerDrag';
import { DragHint } from '../drag/DragHint';
import { dragItem, useFocusLater } from '../drag/useFocusLater';

/** The pool's drop-target id: an item dragged back there is unsorted again. */
const POOL = ':pool';

/**
 * Drag an item into a bin (finger, pen or mouse), or tap an item, then tap a bin; a second tap on the
 * item puts it down. Sorted items can be dragged to another bin or back to the pool, and a tap on a
 * sorted item takes it back to the pool.
 */
export function SortBins({ step }: { step: StepOf<'sort-bins'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const items = useMemo(() => shuffled(step.items), [step.items]);
  const [placement, setPlacement] = useDraft<Record<string, string>>(step.id, () => ({}), idMap(step.items.map((i) => i.id), step.bins.map((b) => b.id)));
  const [selected, setSelected] = useState<string>();
  const [wrong, setWrong] = useState<string[]>([]);
  const shown = activity.outcome === 'revealed' ? Object.fromEntries(step.items.map((i) => [i.id, i.bin])) : placement;
  const unsorted = items.filter((i) => !shown[i.id]);

  const root = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater(root);
  const takeBackNote = useId();

  const put = (itemId: string, binId: string) => {
    if (activity.settled) return;
    playSound('tap');
    setPlacement(({ [itemId]: _old, ...rest }) => (binId === POOL ? rest : { ...rest, [itemId]: binId }));
    setWrong((w) => w.filter((x) => x !== itemId));
    setSelected(undefined);
  };
  const drag = usePointerDrag({ onDrop: put, accepts: (itemId, target) => target !== POOL || !!placement[itemId], onLift: () => setSelected(undefined), disabled: activity.settled });
  const itemButton = (item: (typeof items)[number], inBin: boolean) => {
    const isWrong = wrong.includes(item.id);
    return (
      <button
        key={item.id}
        type="button"
        className={`chip-item${drag.sourceClass(item.id)}${selected === item.id ? ' is-selected' : ''}${isWrong ? ' is-wrong' : ''}`}
        aria-pressed={selected === item.id}
        aria-disabled={activity.settled || undefined}
        aria-label={faceLabel(lesson, item) + (isWrong ? ` (${t('player.sort.moveMe')})` : '')}
        aria-describedby={inBin && !activity.settled ? takeBackNote : undefined}
        {...drag.source(item.id)}
        onClick={() => {
          if (activity.settled) return;
          if (!inBin) return setSelected(selected === item.id ? undefined : item.id);
          // A sorted item tapped again goes back to the pool (where the keyboard follows it).
          put(item.id, POOL);
          focusLater(dragItem('.sort-pool', item.id));
        }}
      >
        <Face face={item} />
        {inBin && activity.outcome === 'right' && <Mark ok />}
        {isWrong && <Mark ok={false} />}
      </button>
    );
  };

  return (
    <div className="activity sort-bins drag-activity" ref={root}>
      <div className={`sort-pool${drag.dropClass(POOL, drag.lifted !== undefined && !!placement[drag.lifted])}`} aria-label={t('player.sort.pool')} role="group" {...drag.target(POOL)}>
        {unsorted.length ? unsorted.map((item) => itemButton(item, false)) : <Instruction text={t('player.sort.allSorted')} />}
      </div>
      <div className="bins" style={{ gridTemplateColumns: `repeat(${step.bins.length}, minmax(0, 1fr))` }}>
        {step.bins.map((bin) => (
          <section key={bin.id} className={`bin${drag.dropClass(bin.id, drag.lifted !== undefined || !!selected)}`} aria-label={lesson.plain(bin.label)} {...drag.target(bin.id)}>
            <button
              type="button"
              className="bin-target"
              aria-disabled={!selected || activity.settled || undefined}
              aria-label={t('player.sort.putIn', { bin: lesson.plain(bin.label) })}
              onClick={() => selected && put(selected, bin.id)}
            >
              {bin.image && <Picture image={bin.image} className="bin-picture" />}
              <LessonText text={bin.label} />
            </button>
            <div className="bin-items">{items.filter((i) => shown[i.id] === bin.id).map((item) => itemButton(item, true))}</div>
          </section>
        ))}
      </div>
      {!activity.settled && (
        <CheckButton
          disabled={unsorted.length > 0}
          onClick={() => {
            const result = checkSortBins(step, placement);
            setWrong(result.wrong);
            activity.answer({ placement }, result.correct);
          }}
        />
      )}
      <p id={takeBackNote} className="visually-hidden">
        {t('player.sort.takeBack')}
      </p>
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} />
      <DragHint kind="sort-bins" scope={root} from=".sort-pool [data-drag-item]" to=".bin" enabled={lesson.young && !activity.settled && unsorted.length > 0} />
    </div>
  );
}
