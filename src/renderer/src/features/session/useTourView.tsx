import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourState } from '../../../../shared/contract';
import { hasFound, type Look } from '../../../../shared/tour';
import type { PanoramaTour } from '../gallery/PanoramaViewer';
import { TourMarks } from './TourMarks';
import { useGazeReport, type SendGaze } from './useGazeReport';

/**
 * The guided tour in a pupil's viewer, on a PC screen or a headset: the ring and the arrow (flat and in
 * VR), the recentre, "found" (the hub's word, or the pupil looking right at it now), the words to say,
 * and a video in step with the teacher's (the class's clock).
 * Where the pupil looks goes to the hub through `send`, which answers whether the hub counts the spot found.
 */
export function useTourView(tour: TourState, send: SendGaze): { panoramaTour: PanoramaTour; found: boolean; message: string } {
  const { t } = useTranslation();
  const target = tour.target;
  const look = useRef<Look | null>(null);
  const [hubFound, setHubFound] = useState<{ targetId: string; found: boolean } | null>(null);
  const [near, setNear] = useState(false);
  useGazeReport(look, target?.id ?? null, send, (found) => target && setHubFound({ targetId: target.id, found }));
  const found = !!target && (near || (hubFound?.targetId === target.id && hubFound.found));
  const onLook = useCallback(
    (now: Look) => {
      look.current = now;
      setNear(!!target && hasFound(now, target));
    },
    [target],
  );
  const words = useMemo(
    () => ({ left: t('session.tour.pupil.left'), right: t('session.tour.pupil.right'), up: t('session.tour.pupil.up'), down: t('session.tour.pupil.down'), found: t('session.tour.pupil.found'), spot: t('session.tour.pupil.spot') }),
    [t],
  );
  const panoramaTour = useMemo<PanoramaTour>(
    () => ({
      recentre: tour.recentre,
      onLook,
      overlay: (at, view) => <TourMarks target={target} view={view} at={at} words={words} />,
      vr: { target, recentre: tour.recentre, found, words },
      video: tour.video,
    }),
    [tour.recentre, onLook, target, words, found, tour.video],
  );
  const message = found ? t('session.tour.pupil.found') : target ? t('session.tour.pupil.find') : t('session.tour.pupil.look');
  return { panoramaTour, found, message };
}
