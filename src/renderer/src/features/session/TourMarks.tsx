import type { ReactNode } from 'react';
import { turnWay, type Look, type TurnWay } from '../../../../shared/tour';
import type { ViewBox } from '../../lib/panoramaLook';

/** Where a look is on the flat view (null: behind the viewer). */
export type ScreenAt = (look: Look) => { x: number; y: number } | null;

const ARROW_GLYPH: Record<TurnWay, string> = { left: '←', right: '→', up: '↑', down: '↓' };
/** A spot this close to the edge is not really in view. */
const EDGE = 24;

/** Which way to turn for a spot off the screen: the tour's rule, else the side it lies on. */
function wayTo(target: Look, view: Look & ViewBox, at: { x: number; y: number } | null): TurnWay {
  const way = turnWay(view, target);
  if (way) return way;
  if (!at) return 'left';
  if (at.x < EDGE || at.x > view.width - EDGE) return at.x < EDGE ? 'left' : 'right';
  return at.y < EDGE ? 'up' : 'down';
}

/**
 * The guided tour over a flat 360° view: a ring round the teacher's spot when it is on screen, else
 * a big arrow at the edge saying which way to turn (data-tour-arrow and its words, for every reader).
 * `children` are drawn in the same layer, over the ring (the teacher's name pins).
 */
export function TourMarks({ target, view, at, words, children }: { target: Look | null; view: Look & ViewBox; at: ScreenAt; words: Record<TurnWay | 'spot', string>; children?: ReactNode }) {
  const spot = target ? at(target) : null;
  const onScreen = spot && spot.x >= EDGE && spot.x <= view.width - EDGE && spot.y >= EDGE && spot.y <= view.height - EDGE;
  const way = target && !onScreen ? wayTo(target, view, spot) : null;
  return (
    <div className="tour-marks" aria-hidden={target ? undefined : true}>
      {onScreen && <span className="tour-ring" role="img" aria-label={words.spot} data-tour-ring="" style={{ left: spot.x, top: spot.y }} />}
      {children /* over the ring: the names round the spot stay readable */}
      {way && (
        <p className={`tour-arrow tour-arrow-${way}`} role="status" data-tour-arrow={way}>
          <span className="tour-arrow-glyph" aria-hidden="true">
            {ARROW_GLYPH[way]}
          </span>
          {words[way]}
        </p>
      )}
    </div>
  );
}
