import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ReactNode, type VideoHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../lib/clock';


const STEP_BACK_SECONDS = 10;

/** Play from a point: seek, then play (a tapped chapter plays, it does not just move the bar). */
export function playFrom(video: HTMLVideoElement | null, seconds: number): void {
  if (!video) return;
  video.currentTime = seconds;
  void video.play().catch(() => undefined);
}

type Props = Omit<VideoHTMLAttributes<HTMLVideoElement>, 'controls'> & {
  /** The video's accessible name. */
  label: string;
  /** Drawn over the picture (flight data, a cue's question). */
  overlay?: ReactNode;
  /** Hide the controls and the tap-to-play layer (while a question covers the picture). */
  locked?: boolean;
};

/**
 * A video for small hands: tap the picture to play or pause, and big controls under it (play,
 * ten seconds back, a wide position bar, sound) instead of the browser's small ones.
 */
export const TouchVideo = forwardRef<HTMLVideoElement | null, Props>(function TouchVideo({ label, overlay, locked = false, children, ...videoProps }, ref) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  useImperativeHandle<HTMLVideoElement | null, HTMLVideoElement | null>(ref, () => video.current, []);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [muted, setMuted] = useState(false);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const sync = () => {
      setPlaying(!el.paused && !el.ended);
      setTime(el.currentTime);
      setDuration(Number.isFinite(el.duration) ? el.duration : 0);
      setMuted(el.muted);
    };
    const events = ['play', 'pause', 'ended', 'timeupdate', 'seeked', 'loadedmetadata', 'durationchange', 'volumechange'];
    for (const e of events) el.addEventListener(e, sync);
    sync();
    return () => {
      for (const e of events) el.removeEventListener(e, sync);
    };
  }, []);

  const toggle = () => {
    const el = video.current;
    if (!el) return;
    if (el.paused || el.ended) void el.play().catch(() => undefined);
    else el.pause();
  };
  const seek = (seconds: number) => {
    if (video.current) video.current.currentTime = Math.min(Math.max(0, seconds), duration || seconds);
  };
  const playLabel = playing ? t('video.pause') : t('video.play');

  return (
    <div className="touch-video">
      <div className="video-frame">
        <video ref={video} playsInline aria-label={label} {...videoProps}>
          {children}
        </video>
        {!locked && (
          // The picture itself is the big play button; the bar below gives keyboards and screen readers the same.
          <div className="video-tap" data-playing={playing} onClick={toggle} aria-hidden="true">
            {!playing && <PlayIcon />}
          </div>
        )}
        {overlay}
      </div>
      {!locked && (
        <div className="video-controls" role="group" aria-label={t('video.controls')}>
          <button type="button" className="video-button play" onClick={toggle} aria-label={playLabel}>
            {playing ? <PauseIcon /> : <PlayIcon />}
          </button>
          <button type="button" className="video-button" onClick={() => seek(time - STEP_BACK_SECONDS)} aria-label={t('video.back', { seconds: STEP_BACK_SECONDS })}>
            <BackIcon />
          </button>
          <VideoPosition time={time} duration={duration} onSeek={seek} />
          <button type="button" className="video-button" onClick={() => video.current && (video.current.muted = !video.current.muted)} aria-pressed={muted} aria-label={t('video.mute')}>
            <SoundIcon muted={muted} />
          </button>
        </div>
      )}
    </div>
  );
});

/** A wide bar to move through a video, and where it is (0:12 / 1:05). */
export function VideoPosition({ time, duration, onSeek }: { time: number; duration: number; onSeek: (seconds: number) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <input
        type="range"
        className="video-position"
        min={0}
        max={duration || 0}
        step={0.1}
        value={Math.min(time, duration || 0)}
        onChange={(e) => onSeek(Number(e.target.value))}
        aria-label={t('video.position')}
        aria-valuetext={t('video.positionText', { time: clock(time), duration: clock(duration) })}
      />
      <span className="video-time" aria-hidden="true">
        {clock(time)} / {clock(duration)}
      </span>
    </>
  );
}

const svg = { viewBox: '0 0 24 24', width: 32, height: 32, 'aria-hidden': true, focusable: false } as const;

function PlayIcon() {
  return (
    <svg {...svg} className="video-icon">
      <path d="M7 4.5v15a1 1 0 0 0 1.5.86l12.5-7.5a1 1 0 0 0 0-1.72L8.5 3.64A1 1 0 0 0 7 4.5z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg {...svg} className="video-icon">
      <rect x="5" y="4" width="5" height="16" rx="1.5" fill="currentColor" />
      <rect x="14" y="4" width="5" height="16" rx="1.5" fill="currentColor" />
    </svg>
  );
}

function BackIcon() {
  return (
    <svg {...svg} className="video-icon">
      <path d="M12 5V2L7 6l5 4V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z" fill="currentColor" />
    </svg>
  );
}

function SoundIcon({ muted }: { muted: boolean }) {
  return (
    <svg {...svg} className="video-icon">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {muted ? (
        <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      ) : (
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
      )}
    </svg>
  );
}
