import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pointAt, type Track } from '../../../../shared/telemetry';
import { webglAvailable } from '../../lib/webgl';
import { flightBox, gridStep, localPath, type LocalPoint } from './flightView';
import { useDragToLook } from '../../lib/useDragToLook';
import { FLIGHT_COLOURS } from './flightScene';
import { useFlightScene } from './useFlightScene';

export { FLIGHT_COLOURS };

/**
 * The flight drawn in 3D (flightScene, drawn by useFlightScene): the path and its shadow on a ground
 * grid, home, and the drone's place at the video's current time. Drag or use the arrow keys to turn
 * it; a flat map from above on PCs without WebGL. The legend names what the picture shows.
 */
export default function FlightPath({ track, time, label }: { track: Track; time: number; label: string }) {
  const { t } = useTranslation();
  const path = useMemo(() => localPath(track), [track]);
  const box = useMemo(() => flightBox(path), [path]);
  const step = gridStep(Math.max(box.maxX - box.minX, box.maxZ - box.minZ));
  const webGl = useMemo(() => webglAvailable(), []);
  const { host, turn } = useFlightScene(webGl, path, box, step, time);
  const lookHandlers = useDragToLook(turn, { pixelsPerRadian: 150, dragYaw: -1, keyStep: { yaw: 0.15, pitch: 0.1 } });

  const legend = (
    <ul className="flight-legend">
      <li>
        <span className="swatch home" aria-hidden="true" />
        {t('gallery.legendHome')}
      </li>
      <li>
        <span className="swatch now" aria-hidden="true" />
        {t('gallery.legendNow')}
      </li>
      <li>
        <span className="swatch path" aria-hidden="true" />
        {t('gallery.legendPath')}
      </li>
      {webGl && (
        // Only the 3D picture has the ground grid; the flat map for PCs without WebGL has none.
        <li>
          <span className="swatch square" aria-hidden="true" />
          {t('gallery.legendSquare', { metres: step })}
        </li>
      )}
    </ul>
  );
  // Old graphics drivers without WebGL: the flat map still shows the flight.
  return (
    <figure className="flight-figure">
      {webGl ? (
        <div
          ref={host}
          className="flight-path"
          tabIndex={0}
          role="img"
          aria-label={label}
          {...lookHandlers}
        />
      ) : (
        <FlatPath points={path} time={time} label={label} />
      )}
      <figcaption>{legend}</figcaption>
    </figure>
  );
}

/** The path seen from above, for PCs without WebGL. */
function FlatPath({ points, time, label }: { points: LocalPoint[]; time: number; label: string }) {
  const span = Math.max(20, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.z))));
  const now = pointAt(points, time);
  return (
    <svg className="flight-path" viewBox={`${-span * 1.1} ${-span * 1.1} ${span * 2.2} ${span * 2.2}`} role="img" aria-label={label}>
      <polyline points={points.map((p) => `${p.x},${p.z}`).join(' ')} fill="none" stroke={FLIGHT_COLOURS.path} strokeWidth={span / 80} />
      <circle cx={0} cy={0} r={span / 30} fill={FLIGHT_COLOURS.home} />
      {now && <circle cx={now.x} cy={now.z} r={span / 25} fill={FLIGHT_COLOURS.now} stroke={FLIGHT_COLOURS.outline} strokeWidth={span / 150} />}
    </svg>
  );
}
