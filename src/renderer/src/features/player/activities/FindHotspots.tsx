import { Instruction } from './common';
import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hotspotAt, type StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { playSound } from '../sounds';
import { DragHint } from '../drag/DragHint';

const STEP = 5;
/** Wrong taps before "Show me" is offered. */
const WRONG_TAPS_BEFORE_HELP = 3;

/**
 * Find the signs on a picture: tap where you see one, or press and slide the ring there and let go
 * (by pointer events, so a finger works as a mouse does, and the page does not scroll under it).
 * Keyboard: arrows move the ring, Enter or Space taps there. Found ones are circled and explained;
 * wrong taps get a gentle "not there".
 */
export function FindHotspots({ step }: { step: StepOf<'find-hotspots'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [found, setFound] = useState<string[]>([]);
  const [wrongTaps, setWrongTaps] = useState(0);
  const [marker, setMarker] = useState({ x: 50, y: 50 });
  const [last, setLast] = useState<{ x: number; y: number; hit: boolean }>();
  const [shownAll, setShownAll] = useState(false);
  const total = step.hotspots.length;

  const tapAt = (x: number, y: number) => {
    if (activity.settled) return;
    const spot = hotspotAt(step.hotspots, x, y);
    setLast({ x, y, hit: !!spot && !found.includes(spot.id) });
    if (!spot) {
      setWrongTaps((n) => n + 1);
      return activity.miss();
    }
    if (found.includes(spot.id)) return;
    playSound('tap');
    const next = [...found, spot.id];
    setFound(next);
    lesson.say(spot.explanation ?? spot.label);
    if (next.length === total) activity.finish({ found: next.length, wrongTaps }, true, Math.min(wrongTaps, 10), 'right');
  };

  const root = useRef<HTMLDivElement>(null);
  /** The finger (or pen, or mouse button) down on the picture: the ring follows it, letting go taps there. */
  const [aiming, setAiming] = useState<number>();
  const pointAt = (e: PointerEvent<HTMLButtonElement>) => {
    const box = (e.currentTarget.querySelector('img') ?? e.currentTarget).getBoundingClientRect();
    const clamp = (v: number) => Math.min(100, Math.max(0, v));
    return { x: clamp(((e.clientX - box.left) / box.width) * 100), y: clamp(((e.clientY - box.top) / box.height) * 100) };
  };
  const pointer = {
    onPointerDown(e: PointerEvent<HTMLButtonElement>) {
      if (activity.settled || aiming !== undefined || (e.pointerType === 'mouse' && e.button !== 0)) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      setAiming(e.pointerId);
      setMarker(pointAt(e));
    },
    onPointerMove(e: PointerEvent<HTMLButtonElement>) {
      if (aiming === e.pointerId) setMarker(pointAt(e));
    },
    onPointerUp(e: PointerEvent<HTMLButtonElement>) {
      if (aiming !== e.pointerId) return;
      setAiming(undefined);
      const at = pointAt(e);
      setMarker({ x: Math.round(at.x / STEP) * STEP, y: Math.round(at.y / STEP) * STEP });
      tapAt(at.x, at.y);
    },
    onPointerCancel: () => setAiming(undefined),
  };
  // Pointer taps are handled on pointerup; a click without a pointer (Enter, Space) taps at the ring.
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    if (e.detail === 0) tapAt(marker.x, marker.y);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    setMarker((m) => ({ x: Math.min(100, Math.max(0, m.x + move[0])), y: Math.min(100, Math.max(0, m.y + move[1])) }));
  };
  const showAll = () => {
    setShownAll(true);
    setFound(step.hotspots.map((h) => h.id));
    activity.finish({ found: found.length, wrongTaps, shown: true }, false, Math.min(wrongTaps + 1, 10));
  };

  return (
    <div className="activity drag-activity" ref={root}>
      <Instruction live text={t('player.hotspots.found', { found: found.length, total })} />
      <div className="hotspot-stage">
        <button type="button" className={`hotspot-image${aiming !== undefined ? ' is-aiming' : ''}`} {...pointer} onClick={onClick} onKeyDown={onKeyDown} aria-label={`${lesson.plain(step.image.alt)}. ${t('player.hotspots.keys')}`} aria-disabled={activity.settled || undefined}>
          <img src={lesson.asset(step.image.src)} alt="" draggable={false} />
          {step.hotspots
            .filter((h) => found.includes(h.id))
            .map((h, i) => (
              <span key={h.id} className="hotspot-ring" style={{ left: `${h.region.x}%`, top: `${h.region.y}%`, width: `${h.region.w}%`, height: `${h.region.h}%` }} aria-hidden="true">
                <span className="hotspot-number">{i + 1}</span>
              </span>
            ))}
          {last && !last.hit && !activity.settled && <span key={`${last.x}-${last.y}-${wrongTaps}`} className="tap-miss" style={{ left: `${last.x}%`, top: `${last.y}%` }} aria-hidden="true" />}
          {!activity.settled && <span className="hotspot-marker" style={{ left: `${marker.x}%`, top: `${marker.y}%` }} aria-hidden="true" />}
        </button>
        <ol className="hotspot-list" aria-label={t('player.hotspots.list')}>
          {step.hotspots
            .filter((h) => found.includes(h.id))
            .map((h) => (
              <li key={h.id}>
                <strong>
                  <LessonText text={h.label} />
                </strong>
                {h.explanation && (
                  <>
                    {' '}
                    <LessonText text={h.explanation} />
                  </>
                )}
              </li>
            ))}
        </ol>
      </div>
      {!activity.settled && wrongTaps >= WRONG_TAPS_BEFORE_HELP && (
        <button type="button" className="secondary" onClick={showAll}>
          {t('player.hotspots.showMe')}
        </button>
      )}
      <Feedback activity={activity} hint={step.hint} explanation={step.explanation} missText={t('player.hotspots.notThere')} rightText={t('player.hotspots.allFound')} answer={shownAll ? t('player.hotspots.circled') : undefined} />
      <DragHint kind="find-hotspots" scope={root} from=".hotspot-image img" enabled={lesson.young && !activity.settled && found.length === 0} />
    </div>
  );
}
