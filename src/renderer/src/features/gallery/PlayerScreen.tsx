import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaItem } from '../../../../shared/contract';
import { pointAt, type TelemetryPoint, type Track } from '../../../../shared/telemetry';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { hrefFor } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { useApp } from '../../lib/store';
import { SpeakButton } from '../../components/SpeakButton';
import { playFrom, TouchVideo } from '../../components/TouchVideo';
import { clock, floors, kmPerHour, pitches, playableSource, speedLikeKey } from './facts';
import { ErrorNotice } from '../../components/ErrorNotice';

// three.js is large: these load only when a flight path or a 360° view is on screen.
const FlightPath = lazy(() => import('./FlightPath'));
const PanoramaViewer = lazy(() => import('./PanoramaViewer'));

const SAVE_EVERY_SECONDS = 5;

/**
 * Keep the screen on while a video plays: Electron's powerSaveBlocker through the host, or the
 * browser's Screen Wake Lock where the host cannot (kite serve in a browser).
 */
function createKeepAwake() {
  let lock: WakeLockSentinel | undefined;
  return async (on: boolean) => {
    try {
      const { supported } = await api.invoke('system.keepAwake', { on });
      if (supported) return;
      if (on && !lock && navigator.wakeLock) lock = await navigator.wakeLock.request('screen');
      if (!on && lock) {
        await lock.release();
        lock = undefined;
      }
    } catch {
      // Not allowed here (e.g. the page is hidden): the screen may dim, playback goes on.
    }
  };
}

export default function PlayerScreen({ sha256 }: { sha256: string }) {
  const { t, i18n } = useTranslation();
  const loaded = useAsync(async () => {
    const item = await api.invoke('media.get', { ref: sha256 });
    const [telemetry, source, position] = await Promise.all([
      item.hasTelemetry ? api.invoke('media.telemetry', { sha256 }) : Promise.resolve({ track: null }),
      playableSource(item),
      item.kind === 'video' ? api.invoke('media.position', { sha256 }) : Promise.resolve({ seconds: 0 }),
    ]);
    return { item, track: telemetry.track, source, resumeAt: position.seconds };
  });

  const back = (
    <a className="back-link" href={hrefFor('gallery')}>
      ← {t('gallery.backToGallery')}
    </a>
  );
  if (loaded.error) {
    return (
      <div className="section">
        {back}
        <ErrorNotice>{errorText(t, loaded.error)}</ErrorNotice>
      </div>
    );
  }
  if (!loaded.data) return <p role="status">{t('app.loading')}</p>;
  const { item, track, source, resumeAt } = loaded.data;

  return (
    <div className="section player-screen">
      {back}
      <div className="player-head">
        <h1>{item.title}</h1>
        <SpeakButton text={[item.title, item.place, item.description].filter(Boolean).join('。')} lang={i18n.language} />
      </div>
      {(item.place || item.description) && <p className="player-about">{[item.place, item.description].filter(Boolean).join(' · ')}</p>}
      {item.panorama ? (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <PanoramaViewer url={source?.url ?? item.url} kind={item.kind} title={item.title} />
        </Suspense>
      ) : item.kind === 'photo' ? (
        <img className="photo-view" src={item.url} alt={item.title} />
      ) : (
        <VideoWithTelemetry item={item} track={track} source={source} resumeAt={resumeAt} />
      )}
    </div>
  );
}

function VideoWithTelemetry({ item, track, source, resumeAt }: { item: MediaItem; track: Track | null; source: { url: string; proxy: boolean } | null; resumeAt: number }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [time, setTime] = useState(0);
  const [showData, setShowData] = useState(true);
  const [resumedFrom, setResumedFrom] = useState<number | null>(null);
  const lastSaved = useRef(0);

  // Follow the video: every frame while playing, and after every seek.
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let frame = 0;
    const keepAwake = createKeepAwake();
    const tick = () => {
      setTime(el.currentTime);
      if (!el.paused) frame = requestAnimationFrame(tick);
    };
    const save = () => {
      if (Math.abs(el.currentTime - lastSaved.current) < 1) return;
      lastSaved.current = el.currentTime;
      void api.invoke('media.savePosition', { sha256: item.sha256, seconds: el.ended ? 0 : el.currentTime }).catch(() => undefined);
    };
    const onPlay = () => {
      frame = requestAnimationFrame(tick);
      void keepAwake(true);
    };
    const onStop = () => {
      cancelAnimationFrame(frame);
      tick();
      save();
      void keepAwake(false);
    };
    const onTime = () => {
      if (Math.abs(el.currentTime - lastSaved.current) >= SAVE_EVERY_SECONDS) save();
    };
    const onMeta = () => {
      if (resumeAt > 2 && resumeAt < el.duration - 2) {
        el.currentTime = resumeAt;
        setResumedFrom(resumeAt);
      }
    };
    el.addEventListener('play', onPlay);
    el.addEventListener('pause', onStop);
    el.addEventListener('ended', onStop);
    el.addEventListener('seeked', tick);
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('loadedmetadata', onMeta);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('play', onPlay);
      el.removeEventListener('pause', onStop);
      el.removeEventListener('ended', onStop);
      el.removeEventListener('seeked', tick);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('loadedmetadata', onMeta);
      void keepAwake(false);
      save();
    };
  }, [item.sha256, resumeAt]);

  const point = track ? pointAt(track.points, time) : undefined;
  const seek = (seconds: number) => {
    if (video.current) video.current.currentTime = seconds;
  };
  const playAt = (seconds: number) => playFrom(video.current, seconds);

  return (
    <div className="player-layout">
      <div className="player-main">
        {source ? (
          <TouchVideo ref={video} src={source.url} preload="metadata" label={item.title} overlay={track && showData && point && <TelemetryOverlay point={point} />} />
        ) : (
          <CannotPlay hasTrack={!!track} />
        )}
        <div className="player-tools">
          {source?.proxy && <p className="notice warn">{t('gallery.usingProxy')}</p>}
          {resumedFrom !== null && (
            <p className="notice ok">
              {t('gallery.resumed', { time: clock(resumedFrom) })}{' '}
              <button type="button" className="secondary" onClick={() => (seek(0), setResumedFrom(null))}>
                {t('gallery.fromStart')}
              </button>
            </p>
          )}
          {track && (
            <button type="button" className="secondary" aria-pressed={showData} onClick={() => setShowData(!showData)}>
              {showData ? t('gallery.hideData') : t('gallery.showData')}
            </button>
          )}
        </div>
        {item.previewFrames > 0 && item.duration && source && <PreviewStrip item={item} onPlay={playAt} />}
      </div>
      {track && (
        <aside className="player-side" aria-label={t('gallery.flightTitle')}>
          {track.hasGps && (
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
              <FlightPath track={track} time={time} label={t('gallery.pathLabel')} />
            </Suspense>
          )}
          <FlightFacts track={track} now={point} />
        </aside>
      )}
    </div>
  );
}

function TelemetryOverlay({ point }: { point: TelemetryPoint }) {
  const { t } = useTranslation();
  const c = point.camera;
  const camera = [c.iso !== undefined && `ISO ${c.iso}`, c.shutter, c.fnum !== undefined && `f/${c.fnum}`, c.focalLength !== undefined && `${c.focalLength} mm`].filter(Boolean).join(' · ');
  return (
    <div className="telemetry-overlay" aria-label={t('gallery.overlayLabel')} role="group">
      {point.height !== undefined && (
        <span>
          <b>{t('gallery.height')}</b> {t('gallery.metres', { value: Math.round(point.height) })}
        </span>
      )}
      {point.speed !== undefined && (
        <span>
          <b>{t('gallery.speed')}</b> {t('gallery.kmh', { value: kmPerHour(point.speed) })}
        </span>
      )}
      {point.distance !== undefined && (
        <span>
          <b>{t('gallery.distance')}</b> {t('gallery.metres', { value: Math.round(point.distance) })}
        </span>
      )}
      {camera && (
        <span>
          <b>{t('gallery.camera')}</b> {camera}
        </span>
      )}
    </div>
  );
}

/** "How high / how far" in things a pupil knows. */
function FlightFacts({ track, now }: { track: Track; now: TelemetryPoint | undefined }) {
  const { t, i18n } = useTranslation();
  const facts: string[] = [];
  if (now?.height !== undefined && now.height > 1) facts.push(t('gallery.facts.nowHigh', { floors: floors(now.height) }));
  if (now?.speed !== undefined) facts.push(t(speedLikeKey(now.speed)));
  if (track.maxHeight !== undefined && track.maxHeight > 1) facts.push(t('gallery.facts.maxHigh', { metres: Math.round(track.maxHeight), floors: floors(track.maxHeight) }));
  if (track.maxDistance !== undefined && track.maxDistance > 1) facts.push(t('gallery.facts.maxFar', { metres: Math.round(track.maxDistance), pitches: pitches(track.maxDistance) }));
  if (track.pathLength > 1) facts.push(t('gallery.facts.path', { metres: Math.round(track.pathLength), pitches: pitches(track.pathLength) }));
  return (
    <section className="card flight-facts" aria-labelledby="facts-title">
      <div className="facts-head">
        <h2 id="facts-title">{t('gallery.flightTitle')}</h2>
        <SpeakButton text={facts.join('。')} lang={i18n.language} />
      </div>
      <ul>
        {facts.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </section>
  );
}

/** Chapter pictures along the video: tapping one plays from there. */
function PreviewStrip({ item, onPlay }: { item: MediaItem; onPlay: (seconds: number) => void }) {
  const { t } = useTranslation();
  const frames = Array.from({ length: item.previewFrames }, (_, i) => i);
  return (
    <nav className="preview-strip" aria-label={t('gallery.previewLabel')}>
      {frames.map((i) => {
        const at = ((i + 1) / (item.previewFrames + 1)) * (item.duration ?? 0);
        return (
          <button key={i} type="button" onClick={() => onPlay(at)} aria-label={t('gallery.jumpTo', { time: clock(at) })}>
            <img src={`/media/thumbs/${item.sha256}-p${i}.jpg`} alt="" draggable={false} />
            <span>{clock(at)}</span>
          </button>
        );
      })}
    </nav>
  );
}

/**
 * A video this PC cannot play (pupils do not find it in the gallery, but a lesson may link to it):
 * kind words for a pupil, and for the teacher what it means and what to do, without format names.
 */
function CannotPlay({ hasTrack }: { hasTrack: boolean }) {
  const { t } = useTranslation();
  const teacher = useApp((state) => state.session?.role === 'teacher');
  return (
    <div className="cannot-play card" role="note">
      <h2>{t(teacher ? 'gallery.cannotPlayTitle' : 'gallery.cannotPlayPupilTitle')}</h2>
      <p>{t(teacher ? 'gallery.cannotPlayBody' : 'gallery.cannotPlayPupilBody')}</p>
      {hasTrack && <p>{t('gallery.cannotPlayTelemetry')}</p>}
      {teacher && <p>{t('gallery.cannotPlayHelp')}</p>}
    </div>
  );
}
