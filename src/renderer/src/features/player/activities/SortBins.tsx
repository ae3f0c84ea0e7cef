import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSortBins, shuffled, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idMap, useDraft } from '../useDraft';
import { CheckButton, Face, faceLabel, Mark, Picture, Instruction } from './common';
import { playSound } from '../sounds';

/** Tap an item, then tap a bin (or drag it there with a mouse). Tap a sorted item to pick it up again. */
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

  const put = (itemId: string, binId: string) => {
    if (activity.settled) return;
    playSound('tap');
    setPlacement((p) => ({ ...p, [itemId]: binId }));
    setWrong((w) => w.filter((x) => x !== itemId));
    setSelected(undefined);
  };
  const itemButton = (item: (typeof items)[number], inBin: boolean) => {
    const isWrong = wrong.includes(item.id);
    return (
      <button
        key={item.id}
        type="button"
        className={`chip-item${selected === item.id ? ' is-selected' : ''}${isWrong ? ' is-wrong' : ''}`}
        aria-pressed={selected === item.id}
        aria-disabled={activity.settled || undefined}
        aria-label={faceLabel(lesson, item) + (isWrong ? ` (${t('player.sort.moveMe')})` : '')}
        draggable={!activity.settled}
        onDragStart={(e) => e.dataTransfer.setData('text/plain', item.id)}
        onClick={() => !activity.settled && setSelected(selected === item.id ? undefined : item.id)}
      >
        <Face face={item} />
        {inBin && activity.outcome === 'right' && <Mark ok />}
        {isWrong && <Mark ok={false} />}
      </button>
    );
  };

  return (
    <div className="activity sort-bins">
      <div className="sort-pool" aria-label={t('player.sort.pool')} role="group">
        {unsorted.length ? unsorted.map((item) => itemButton(item, false)) : <Instruction text={t('player.sort.allSorted')} />}
      </div>
      <div className="bins" style={{ gridTemplateColumns: `repeat(${step.bins.length}, minmax(0, 1fr))` }}>
        {step.bins.map((bin) => (
          <section
            key={bin.id}
            className="bin"
            aria-label={lesson.plain(bin.label)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const id = e.dataTransfer.getData('text/plain');
              if (id) put(id, bin.id);
            }}
          >
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
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} />
    </div>
  );
}
