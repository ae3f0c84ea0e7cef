import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourBoard } from '../../../../shared/contract';
import type { Look } from '../../../../shared/tour';
import { picturePoint } from '../../lib/panoramaLook';
import { spreadMarks } from '../../lib/spreadDots';

/** A dot's tap area (px, .gaze-dot): dots nearer than this are spread apart. */
const DOT_GAP = 44;

/** Where a direction sits on the flat (equirectangular) picture, as CSS left/top. */
export const mapPosition = (look: Look) => {
  const { u, v } = picturePoint(look);
  return { left: `${u * 100}%`, top: `${v * 100}%` };
};

/**
 * The teacher's gaze map: the whole 360° picture flat, a dot where each pupil looks (green once they
 * found the spot), the spot's ring and where the teacher looks. A dot tapped (or hovered) shows the name.
 * Dots that would hide one another (the class around the spot) are spread round their middle.
 */
export function GazeMap({ board, picture, spot, teacherLook }: { board: TourBoard; picture: string | null; spot: Look | null; teacherLook: Look | null }) {
  const { t } = useTranslation();
  const [named, setNamed] = useState<string | null>(null);
  const map = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = map.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const marks = spreadMarks(
    board.gazes,
    (g) => {
      const { u, v } = picturePoint(g);
      return { x: u * width, y: (v * width) / 2 };
    },
    DOT_GAP,
  );
  const state = (found: boolean) => t(found ? 'session.tour.teacher.foundState' : 'session.tour.teacher.lookingState');
  return (
    <figure className="gaze-map-figure">
      <figcaption>{t('session.tour.teacher.mapTitle')}</figcaption>
      <div ref={map} className="gaze-map" role="group" aria-label={t('session.tour.teacher.mapLabel')} style={picture ? { backgroundImage: `url("${picture}")` } : undefined}>
        {spot && <span className="gaze-map-spot" style={mapPosition(spot)} role="img" aria-label={t('session.tour.teacher.spot')} />}
        {teacherLook && <span className="gaze-map-you" style={mapPosition(teacherLook)} role="img" aria-label={t('session.tour.teacher.you')} />}
        {marks.map(({ item: g, offset }) => (
          <button
            key={g.pupilId}
            type="button"
            className={`gaze-dot${g.found ? ' found' : ''}${named === g.pupilId ? ' named' : ''}`}
            style={{ ...mapPosition(g), '--dx': `${offset.x}px`, '--dy': `${offset.y}px` } as CSSProperties}
            title={g.name}
            aria-label={t('session.tour.teacher.dotOf', { name: g.name, state: state(g.found) })}
            aria-pressed={named === g.pupilId}
            data-found={g.found}
            onClick={() => setNamed(named === g.pupilId ? null : g.pupilId)}
          >
            <span className="gaze-dot-mark" aria-hidden="true" />
            <span className="gaze-dot-name" aria-hidden="true">
              {g.name}
            </span>
          </button>
        ))}
      </div>
      {board.gazes.length === 0 && <p className="muted">{t('session.tour.teacher.nobody')}</p>}
    </figure>
  );
}
