import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDashboard, TourState } from '../../../../shared/contract';
import type { Look } from '../../../../shared/tour';
import { api } from '../../api/client';
import { spreadMarks } from '../../lib/spreadDots';
import { useAsync } from '../../lib/useAsync';
import { useTourPicture } from './useTourPicture';
import { ensurePictures, useMissingPictures } from '../gallery/thumbnails';
import type { PanoramaTour } from '../gallery/PanoramaViewer';
import { GazeMap } from './GazeMap';
import { TourMarks } from './TourMarks';
import type { SessionAct } from './useTeacherSession';

const PanoramaViewer = lazy(() => import('../gallery/PanoramaViewer'));

/** 带大家看: the guided tour's part of the session screen, to open a 360° picture for the class or to lead it. */
export function TourPanel({ board, act }: { board: SessionDashboard; act: SessionAct }) {
  const tour = board.state.live?.tour;
  return tour ? <TourLead key={tour.id} board={board} tour={tour} act={act} /> : <TourPicker act={act} />;
}

function TourPicker({ act }: { act: SessionAct }) {
  const { t } = useTranslation();
  const items = useAsync(() => api.invoke('media.list'));
  const panoramas = useMemo(() => (items.data ?? []).filter((i) => i.panorama), [items.data]);
  // A video imported with `kite media import` has no picture until a screen draws one: this one does.
  useMissingPictures(panoramas);
  const { reload } = items;
  useEffect(() => api.on('media.changed', () => reload()), [reload]);
  return (
    <section className="card session-tour" aria-labelledby="tour-open-title">
      <h2 id="tour-open-title">{t('session.tour.open.title')}</h2>
      <p>{items.data && panoramas.length === 0 ? t('session.tour.open.none') : t('session.tour.open.body')}</p>
      <ul className="tour-pick">
        {panoramas.map((item) => (
          <li key={item.sha256}>
            {item.thumbnailUrl && <img src={item.thumbnailUrl} alt="" />}
            <span className="tour-pick-title">{item.title}</span>
            <button type="button" className="primary" aria-label={t('session.tour.open.buttonOf', { title: item.title })} onClick={() => void act('session.openTour', { sha256: item.sha256 })}>
              {t('session.tour.open.button')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The teacher's own view of the picture (tap: the spot), the class's gaze map, who found it, and "everyone look at me". */
/** A name pin's width (px, .gaze-pin): pins nearer than this are spread apart, so no name hides another. */
const PIN_GAP = 60;

function TourLead({ board, tour, act }: { board: SessionDashboard; tour: TourState; act: SessionAct }) {
  const { t } = useTranslation();
  const media = useTourPicture(tour.media.sha256);
  const look = useRef<Look>({ yaw: 0, pitch: 0 });
  const [shownLook, setShownLook] = useState<Look | null>(null);
  const gazes = useMemo(() => board.tour ?? { gazes: [], found: 0, here: 0 }, [board.tour]);
  const target = tour.target;
  const words = useMemo(
    () => ({ left: t('session.tour.pupil.left'), right: t('session.tour.pupil.right'), up: t('session.tour.pupil.up'), down: t('session.tour.pupil.down'), spot: t('session.tour.teacher.spot') }),
    [t],
  );
  const panoramaTour = useMemo<PanoramaTour>(
    () => ({
      recentre: null,
      onLook: (now) => {
        look.current = now;
        setShownLook((was) => (was && Math.abs(was.yaw - now.yaw) < 0.02 && Math.abs(was.pitch - now.pitch) < 0.02 ? was : now));
      },
      onPick: (spot) => void act('session.pointTour', { target: spot }),
      // The teacher's video is the class's clock: its play, pause and moves go to every screen.
      video: tour.video,
      onVideo: (video) => void act('session.playTour', video),
      overlay: (at, view) => (
        <TourMarks target={target} view={view} at={at} words={words}>
          {spreadMarks(gazes.gazes, at, PIN_GAP).map(({ item: g, at: p, offset }) => (
            <span key={g.pupilId} className={`gaze-pin${g.found ? ' found' : ''}`} style={{ left: p.x + offset.x, top: p.y + offset.y }} aria-hidden="true">
              {g.name}
            </span>
          ))}
        </TourMarks>
      ),
    }),
    [act, target, words, gazes, tour.video],
  );
  const item = media.data?.item;
  const picture = item ? (item.thumbnailUrl ?? (item.kind === 'photo' ? item.url : null)) : null;
  // A video's gaze map is its grid picture: drawn here (once a tour) if no screen has drawn it yet.
  const { reload } = media;
  const askedPicture = useRef(false);
  useEffect(() => {
    if (!item || item.hasThumbnail || askedPicture.current) return;
    askedPicture.current = true;
    ensurePictures(item).then(reload, () => undefined);
  }, [item, reload]);

  return (
    <section className="card session-tour" aria-labelledby="tour-lead-title">
      <div className="session-head-row">
        <h2 id="tour-lead-title">{t('session.tour.teacher.title', { title: tour.media.title })}</h2>
        <button type="button" className="primary" title={t('session.tour.teacher.lookAtMeHelp')} onClick={() => void act('session.recentreTour', look.current)}>
          {t('session.tour.teacher.lookAtMe')}
        </button>
        <button type="button" className="secondary" disabled={!target} onClick={() => void act('session.pointTour', { target: null })}>
          {t('session.tour.teacher.clearSpot')}
        </button>
        <button type="button" className="secondary" onClick={() => void act('session.closeTour', {})}>
          {t('session.tour.teacher.close')}
        </button>
      </div>
      <p className="muted">{t('session.tour.teacher.hint')}</p>
      <div className="tour-lead">
        <div className="tour-lead-view">
          {media.data && (
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
              <PanoramaViewer url={media.data.url} kind={media.data.item.kind} title={tour.media.title} tour={panoramaTour} />
            </Suspense>
          )}
        </div>
        <div className="tour-lead-side">
          <p className="tour-found-count" aria-live="polite">
            {target ? t('session.tour.teacher.found', { found: gazes.found, here: gazes.here }) : t('session.tour.teacher.noSpot')}
          </p>
          <GazeMap board={gazes} picture={picture} spot={target} teacherLook={shownLook} />
          {target && gazes.gazes.length > 0 && (
            <>
              <h3>{t('session.tour.teacher.whoFound')}</h3>
              <ul className="tour-who">
                {gazes.gazes.map((g) => (
                  <li key={g.pupilId} className={g.found ? 'found' : ''}>
                    <span aria-hidden="true">{g.found ? '✓' : '○'}</span> {g.name}
                    <span className="visually-hidden"> · {t(g.found ? 'session.tour.teacher.foundState' : 'session.tour.teacher.lookingState')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
