import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPair, shuffled, type StepOf } from '../../../../../shared/pack';
import { useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { idList, useDraft } from '../useDraft';
import { Face, faceLabel, sayFace, Instruction } from './common';
import { playSound } from '../sounds';
import { usePointerDrag } from '../drag/usePointerDrag';
import { DragHint } from '../drag/DragHint';

type Pair = StepOf<'match-pairs'>['pairs'][number];
type Side = 'left' | 'right';

export function MatchPairs({ step }: { step: StepOf<'match-pairs'> }) {
  return step.mode === 'memory' ? <MemoryCards step={step} /> : <MatchColumns step={step} />;
}

/**
 * Two columns: drag a card onto its partner on the other side, or tap a card, then its partner
 * (a second tap on the same card puts it down). A matched card tapped again takes its pair apart.
 */
function MatchColumns({ step }: { step: StepOf<'match-pairs'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const columns = useMemo(() => ({ left: shuffled(step.pairs), right: shuffled(step.pairs) }), [step.pairs]);
  const [matched, setMatched] = useDraft<string[]>(step.id, () => [], idList(step.pairs.map((p) => p.id)));
  const [selected, setSelected] = useState<{ side: Side; id: string }>();
  const [mismatches, setMismatches] = useState(0);

  const root = useRef<HTMLDivElement>(null);
  const takeBackNote = useId();
  const join = (a: string, b: string) => {
    if (isPair(a, b)) {
      playSound('tap');
      const next = [...matched, b];
      setMatched(next);
      if (next.length === step.pairs.length) activity.finish({ mismatches }, mismatches === 0, Math.min(mismatches, 10), 'right');
    } else {
      setMismatches((m) => m + 1);
      activity.miss();
    }
  };
  const tap = (side: Side, pair: Pair) => {
    if (activity.settled) return;
    if (matched.includes(pair.id)) {
      // A matched card tapped again: the pair comes apart, both cards free again.
      playSound('tap');
      setSelected(undefined);
      return setMatched(matched.filter((id) => id !== pair.id));
    }
    if (pair[side].audio) sayFace(lesson, pair[side]);
    if (selected?.side === side && selected.id === pair.id) return setSelected(undefined);
    if (!selected || selected.side === side) return setSelected({ side, id: pair.id });
    setSelected(undefined);
    join(selected.id, pair.id);
  };
  /** Drag keys are `side:pairId`: a card is dragged onto a card of the other side. */
  const parse = (key: string) => ({ side: key.slice(0, key.indexOf(':')) as Side, id: key.slice(key.indexOf(':') + 1) });
  const drag = usePointerDrag({
    accepts: (from, to) => parse(from).side !== parse(to).side && !matched.includes(parse(to).id),
    onLift: () => setSelected(undefined),
    onDrop: (from, to) => join(parse(from).id, parse(to).id),
    disabled: activity.settled,
  });
  const lifted = drag.lifted === undefined ? undefined : parse(drag.lifted);

  const card = (side: Side, pair: Pair, index: number) => {
    const done = matched.includes(pair.id);
    const isSelected = selected?.side === side && selected.id === pair.id;
    const key = `${side}:${pair.id}`;
    const ready = !done && ((lifted !== undefined && lifted.side !== side) || (selected !== undefined && selected.side !== side));
    return (
      <button
        key={pair.id}
        type="button"
        className={`match-card${done ? ' is-matched' : drag.sourceClass(key)}${isSelected ? ' is-selected' : ''}${drag.dropClass(key, ready)}`}
        aria-pressed={isSelected}
        aria-disabled={activity.settled || undefined}
        aria-describedby={done && !activity.settled ? takeBackNote : undefined}
        aria-label={faceLabel(lesson, pair[side], t('player.match.sound', { n: index + 1 })) + (done ? ` (${t('player.match.matched')})` : '')}
        {...drag.target(key)}
        {...(done ? {} : drag.source(key))}
        onClick={() => tap(side, pair)}
      >
        <Face face={pair[side]} />
        {done && <span className="match-badge" aria-hidden="true">{matched.indexOf(pair.id) + 1}</span>}
      </button>
    );
  };

  return (
    <div className="activity drag-activity" ref={root}>
      <Instruction text={t('player.match.instruction', { found: matched.length, total: step.pairs.length })} />
      <div className="match-columns">
        <div role="group" aria-label={t('player.match.left')}>{columns.left.map((p, i) => card('left', p, i))}</div>
        <div role="group" aria-label={t('player.match.right')}>{columns.right.map((p, i) => card('right', p, i))}</div>
      </div>
      <p id={takeBackNote} className="visually-hidden">
        {t('player.match.takeBack')}
      </p>
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} missText={t('player.match.notAPair')} rightText={t('player.match.allFound')} />
      <DragHint kind="match-pairs" scope={root} from=".match-columns > div:first-child .match-card:not(.is-matched)" to=".match-columns > div:last-child .match-card:not(.is-matched)" enabled={lesson.young && !activity.settled} />
    </div>
  );
}

/** Cards face down: turn two over; a pair stays up, others turn back. */
function MemoryCards({ step }: { step: StepOf<'match-pairs'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const cards = useMemo(() => shuffled(step.pairs.flatMap((pair) => (['left', 'right'] as Side[]).map((side) => ({ key: `${pair.id}-${side}`, pair, side })))), [step.pairs]);
  const [up, setUp] = useState<string[]>([]);
  const [matched, setMatched] = useState<string[]>([]);
  const [turns, setTurns] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const flip = (card: (typeof cards)[number]) => {
    if (activity.settled || matched.includes(card.pair.id) || (up.length < 2 && up.includes(card.key))) return;
    clearTimeout(timer.current);
    sayFace(lesson, card.pair[card.side]);
    // A third tap while two unmatched cards are up turns them back at once.
    const open = up.length >= 2 ? [card.key] : [...up, card.key];
    setUp(open);
    if (open.length < 2) return;
    setTurns((n) => n + 1);
    const [a, b] = open.map((key) => cards.find((c) => c.key === key)!);
    if (a && b && isPair(a.pair.id, b.pair.id)) {
      playSound('tap');
      const next = [...matched, a.pair.id];
      setMatched(next);
      setUp([]);
      if (next.length === step.pairs.length) activity.finish({ turns: turns + 1 }, true, 0);
    } else {
      timer.current = setTimeout(() => setUp([]), 1400);
    }
  };

  return (
    <div className="activity">
      <Instruction text={t('player.match.memoryInstruction', { found: matched.length, total: step.pairs.length })} />
      <div className="memory-grid" role="group" aria-label={t('player.match.cards')}>
        {cards.map((card, index) => {
          const faceUp = up.includes(card.key) || matched.includes(card.pair.id);
          const face = card.pair[card.side];
          return (
            <button
              key={card.key}
              type="button"
              className={`memory-card${faceUp ? ' is-up' : ''}${matched.includes(card.pair.id) ? ' is-matched' : ''}`}
              aria-label={faceUp ? `${t('player.match.card', { n: index + 1 })}: ${faceLabel(lesson, face, t('player.match.sound', { n: index + 1 }))}` : t('player.match.cardDown', { n: index + 1 })}
              aria-disabled={matched.includes(card.pair.id) || undefined}
              onClick={() => flip(card)}
            >
              {faceUp ? <Face face={face} /> : <span className="memory-back" aria-hidden="true">?</span>}
            </button>
          );
        })}
      </div>
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} rightText={t('player.match.allFound')} />
    </div>
  );
}
