import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as THREE from 'three';
import { webglAvailable } from '../../lib/webgl';
import { loadPanoramaTexture } from '../../lib/panoramaTexture';
import { useImmersiveVr } from '../vr/support';
import type { LookDirection, VrSource, VrTour } from '../vr/VrPanorama';
import { useDragToLook } from '../../lib/useDragToLook';
import { FIELD_OF_VIEW, lookAtPoint, normalLook, screenPoint, type ViewBox } from '../../lib/panoramaLook';
import type { ClassVideo, Look } from '../../../../shared/tour';
import { useClassVideo, type LeadVideo } from '../session/useClassVideo';
import { VideoPosition } from '../../components/TouchVideo';

// The headset half (react-three-fiber and WebXR) loads only when a headset asks for it.
const VrPanorama = lazy(() => import('../vr/VrPanorama'));

/**
 * The guided tour's part in the viewer (issue 19): every view turns to `recentre` when its seq
 * changes (and on opening); `onLook` hears where this view looks (flat or headset), `onPick` a tap
 * on the flat view (the direction under it); `overlay` is drawn over the flat view; `vr` is what the
 * headset view shows of the tour (the spot, which way to turn, "found"); `video` and `onVideo` keep a
 * video in step with the class.
 */
export interface PanoramaTour {
  recentre: (Look & { seq: number }) | null;
  onLook?: (look: Look) => void;
  onPick?: (look: Look) => void;
  overlay?: (at: (look: Look) => { x: number; y: number } | null, view: Look & ViewBox) => ReactNode;
  vr?: Omit<VrTour, 'onLook'>;
  /** A video tour's class clock: this screen's video follows it (null or absent: it plays on its own). */
  video?: ClassVideo | null;
  /** The teacher's view: its own play, pause and moves are the class's clock (session/useClassVideo.ts). */
  onVideo?: LeadVideo;
}

/** Where the video is, and a bar to move through it; its own component, so the viewer is not drawn again at each tick of the video. */
function SeekBar({ videoRef }: { videoRef: MutableRefObject<HTMLVideoElement | null> }) {
  const [time, setTime] = useState({ at: 0, duration: 0 });
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return;
    const moved = () => setTime({ at: el.currentTime, duration: Number.isFinite(el.duration) ? el.duration : 0 });
    const events = ['timeupdate', 'seeked', 'durationchange'];
    for (const e of events) el.addEventListener(e, moved);
    const first = requestAnimationFrame(moved);
    return () => {
      cancelAnimationFrame(first);
      for (const e of events) el.removeEventListener(e, moved);
    };
  }, [videoRef]);
  const seek = (seconds: number) => {
    if (videoRef.current) videoRef.current.currentTime = Math.max(0, Math.min(seconds, time.duration || seconds));
  };
  return (
    <div className="panorama-seek">
      <VideoPosition time={time.at} duration={time.duration} onSeek={seek} />
    </div>
  );
}

/**
 * A 360° (equirectangular) photo or video on the inside of a sphere. Look around by dragging,
 * touch or the arrow keys; the stereo mode draws it twice side by side for cardboard VR glasses.
 */
export default function PanoramaViewer({ url, kind, title, tour }: { url: string; kind: 'video' | 'photo'; title: string; tour?: PanoramaTour }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef({ yaw: 0, pitch: 0 });
  const redraw = useRef<() => void>(() => undefined);
  const videoEl = useRef<HTMLVideoElement | null>(null);
  const [stereo, setStereo] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  const [videoReady, setVideoReady] = useState(false);
  const [unplayable, setUnplayable] = useState(false);
  const webGl = useMemo(() => webglAvailable(), []);
  const stereoRef = useRef(stereo);
  const vrSupported = useImmersiveVr();
  const [vr, setVr] = useState<'off' | 'failed' | { source: VrSource; startYaw: number }>('off');
  const vrButton = useRef<HTMLButtonElement>(null);
  // The tour's overlay follows the view; the tour hears where it looks (always its latest callback).
  const [seen, setSeen] = useState<Look & { width: number; height: number }>({ yaw: 0, pitch: 0, width: 1, height: 1 });
  const tourRef = useRef(tour);
  useEffect(() => {
    tourRef.current = tour;
  });
  const reportLook = useCallback((look: Look) => tourRef.current?.onLook?.(normalLook(look)), []);

  useEffect(() => {
    const el = host.current;
    if (!el || !webGl) return;
    const renderer = new THREE.WebGLRenderer({ antialias: true });
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    renderer.setScissorTest(true);
    el.appendChild(renderer.domElement);
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(FIELD_OF_VIEW, 1, 0.1, 100);
    const stereoCamera = new THREE.StereoCamera();
    const geometry = new THREE.SphereGeometry(10, 64, 32);
    geometry.scale(-1, 1, 1); // look at the inside
    let texture: THREE.Texture | null = null;
    let frame = 0;
    let live = true;
    const material = new THREE.MeshBasicMaterial({ color: 0x101426 });
    const show = (t: THREE.Texture) => {
      if (!live) return void t.dispose();
      texture = t;
      t.colorSpace = THREE.SRGBColorSpace;
      material.map = t;
      material.color.set(0xffffff);
      material.needsUpdate = true;
      redraw.current();
    };
    if (kind === 'video') {
      const video = document.createElement('video');
      video.src = url;
      video.crossOrigin = 'anonymous';
      video.loop = true;
      video.playsInline = true;
      // In the page but never seen (the sphere shows it): a screen reader and a test can find what plays.
      video.hidden = true;
      el.appendChild(video);
      videoEl.current = video;
      // Play and pause may come from the headset view too: the button follows the video itself.
      video.addEventListener('play', () => setPlaying(true));
      video.addEventListener('pause', () => setPlaying(false));
      video.addEventListener('volumechange', () => setMuted(video.muted));
      video.addEventListener('loadedmetadata', () => setVideoReady(true));
      // A video this PC cannot decode (HEVC without the OS's decoder, no small copy) would be a dark sphere: say so.
      video.addEventListener('error', () => setUnplayable(true));
      show(new THREE.VideoTexture(video));
      // A guided tour's video plays at once on every screen, from its start and muted (a room of PCs
      // is loud enough, and only a muted video may start without a tap); the pupil may still pause it.
      if (tourRef.current) {
        video.muted = true;
        video.play().catch(() => undefined);
      }
    } else {
      // Capped at 4096×2048 (lib/panoramaTexture): a bigger photo is scaled down before upload.
      void loadPanoramaTexture(url).then(show, () => undefined);
    }
    scene.add(new THREE.Mesh(geometry, material));

    const draw = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      renderer.setSize(w, h, false);
      const { yaw, pitch } = view.current;
      if (tourRef.current) {
        setSeen((was) => (was.yaw === yaw && was.pitch === pitch && was.width === w && was.height === h ? was : { yaw, pitch, width: w, height: h }));
        reportLook({ yaw, pitch });
      }
      camera.position.set(0, 0, 0);
      camera.rotation.set(pitch, yaw, 0, 'YXZ');
      if (stereoRef.current) {
        camera.aspect = w / 2 / h;
        camera.updateProjectionMatrix();
        camera.updateMatrixWorld();
        stereoCamera.eyeSep = 0.064;
        stereoCamera.update(camera);
        for (const [eye, x] of [[stereoCamera.cameraL, 0], [stereoCamera.cameraR, w / 2]] as const) {
          renderer.setViewport(x, 0, w / 2, h);
          renderer.setScissor(x, 0, w / 2, h);
          renderer.render(scene, eye);
        }
      } else {
        camera.aspect = w / h;
        camera.updateProjectionMatrix();
        renderer.setViewport(0, 0, w, h);
        renderer.setScissor(0, 0, w, h);
        renderer.render(scene, camera);
      }
    };
    redraw.current = draw;
    // A video is drawn at each of its own new frames, not at every refresh of the screen (most videos have
    // 25 or 30 a second, the screen 60): half the work for a classroom PC's small GPU. Turning redraws at once.
    const video = videoEl.current;
    let stopFrames: () => void = () => undefined;
    if (video && 'requestVideoFrameCallback' in video) {
      const onFrame = () => {
        draw();
        frame = video.requestVideoFrameCallback(onFrame);
      };
      frame = video.requestVideoFrameCallback(onFrame);
      stopFrames = () => video.cancelVideoFrameCallback(frame);
    } else if (video) {
      const loop = () => {
        draw();
        frame = requestAnimationFrame(loop);
      };
      frame = requestAnimationFrame(loop);
      stopFrames = () => cancelAnimationFrame(frame);
    }
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    el.dataset.ready = 'true';
    return () => {
      live = false;
      // A headset session that ends after this view went (the tour closed while in VR) has nothing to draw.
      redraw.current = () => undefined;
      stopFrames();
      observer.disconnect();
      videoEl.current?.pause();
      videoEl.current?.remove();
      videoEl.current = null;
      setVideoReady(false);
      texture?.dispose();
      material.dispose();
      geometry.dispose();
      renderer.dispose();
      renderer.domElement.remove();
    };
  }, [url, kind, webGl, reportLook]);
  useClassVideo(videoEl, tourRef, tour?.video);
  // A pupil's screen in a video tour the teacher paused: it stays paused with the class (session/useClassVideo.ts).
  const teacherPaused = kind === 'video' && !tour?.onVideo && tour?.video?.playing === false;
  // A pupil's screen in a video tour is at the class's moment: only the teacher's view (and the gallery's) moves through it.
  const canSeek = kind === 'video' && (!tour?.video || !!tour.onVideo);

  useEffect(() => {
    stereoRef.current = stereo;
    redraw.current();
  }, [stereo]);

  const look = (dYaw: number, dPitch: number) => {
    view.current.yaw += dYaw;
    view.current.pitch = Math.max(-1.4, Math.min(1.4, view.current.pitch + dPitch));
    redraw.current();
  };
  // "Everyone look at me": the view turns to the teacher's, on opening and each time they ask.
  const recentre = tour?.recentre;
  useEffect(() => {
    if (!recentre) return;
    view.current = { yaw: recentre.yaw, pitch: recentre.pitch };
    redraw.current();
  }, [recentre?.seq]); // eslint-disable-line react-hooks/exhaustive-deps
  const pick = tour?.onPick;
  const onTap = pick && !stereo ? (at: { x: number; y: number }) => pick(normalLook(lookAtPoint(at, view.current, { width: seen.width, height: seen.height }))) : undefined;
  const lookHandlers = useDragToLook(look, { pixelsPerRadian: 250, dragYaw: 1, keyStep: { yaw: 0.1, pitch: 0.08 }, onTap });
  const toggleSound = () => {
    if (videoEl.current) videoEl.current.muted = !videoEl.current.muted;
  };
  const togglePlay = () => {
    const v = videoEl.current;
    if (!v) return;
    if (v.paused) void v.play();
    else v.pause();
  };

  const leaveVr = useCallback((look: LookDirection | null) => {
    setVr(look ? 'off' : 'failed');
    if (look) {
      view.current.yaw = look.yaw;
      view.current.pitch = Math.max(-1.4, Math.min(1.4, look.pitch));
    }
    requestAnimationFrame(() => {
      redraw.current();
      vrButton.current?.focus();
    });
  }, []);
  const enterVr = () => {
    const video = videoEl.current;
    setVr({ source: kind === 'video' && video ? { kind: 'video', video } : { kind: 'photo', url }, startYaw: view.current.yaw });
  };
  const tourVr = tour?.vr;
  const vrTour = useMemo(() => tourVr && { ...tourVr, onLook: reportLook }, [tourVr, reportLook]);
  const vrLabels = useMemo(() => ({ exit: t('gallery.exitVr'), play: t('gallery.play'), pause: t('gallery.pause'), teacherPaused: t('gallery.teacherPausedShort') }), [t]);

  if (!webGl) return <p className="notice warn">{t('gallery.no3d')}</p>;
  return (
    <div className="panorama">
      <div className="panorama-frame">
        <div
          ref={host}
          className={`panorama-view${stereo ? ' stereo' : ''}`}
          tabIndex={0}
          role="img"
          aria-label={t('gallery.panoramaLabel', { title })}
          {...lookHandlers}
        />
        {tour?.overlay && !stereo && tour.overlay((at) => screenPoint(at, seen, seen), seen)}
      </div>
      {canSeek && videoReady && <SeekBar videoRef={videoEl} />}
      <div className="panorama-tools">
        {/* A pupil's screen in a video tour the teacher paused says why it waits (in place of how to look round). */}
        {teacherPaused ? (
          <p className="hint teacher-paused" role="status">
            {t('gallery.teacherPaused')}
          </p>
        ) : (
          <p className="hint">{t('gallery.panoramaHint')}</p>
        )}
        <button type="button" className="secondary" onClick={() => look(0.4, 0)} aria-label={t('gallery.turnLeft')}>
          ←
        </button>
        <button type="button" className="secondary" onClick={() => look(-0.4, 0)} aria-label={t('gallery.turnRight')}>
          →
        </button>
        <button type="button" className="secondary" onClick={() => look(0, 0.3)} aria-label={t('gallery.turnUp')}>
          ↑
        </button>
        <button type="button" className="secondary" onClick={() => look(0, -0.3)} aria-label={t('gallery.turnDown')}>
          ↓
        </button>
        {kind === 'video' && (
          <button type="button" className="secondary" disabled={teacherPaused} onClick={togglePlay}>
            {playing ? t('gallery.pause') : t('gallery.play')}
          </button>
        )}
        {kind === 'video' && tour?.onPick && (
          // A tour's video starts muted on every screen; the teacher's (the view that picks the spot, on the
          // room's speakers) may turn the sound on. A room of pupils' PCs stays quiet.
          <button type="button" className="secondary" aria-pressed={!muted} onClick={toggleSound}>
            {t('gallery.sound')}
          </button>
        )}
        <button type="button" className="secondary" aria-pressed={stereo} onClick={() => setStereo(!stereo)}>
          {t('gallery.stereo')}
        </button>
        {vrSupported && (
          <button type="button" ref={vrButton} className="primary" disabled={typeof vr === 'object'} onClick={enterVr}>
            {t('gallery.enterVr')}
          </button>
        )}
      </div>
      {unplayable && (
        <p className="notice warn" role="status">
          {t('gallery.cannotPlayTitle')}
        </p>
      )}
      {vr === 'failed' && (
        <p className="notice warn" role="status">
          {t('gallery.vrFailed')}
        </p>
      )}
      {typeof vr === 'object' && (
        <Suspense fallback={null}>
          <VrPanorama
            source={vr.source}
            title={title}
            startYaw={vr.startYaw}
            labels={vrLabels}
            tour={vrTour}
            teacherPaused={teacherPaused}
            onExit={leaveVr}
          />
        </Suspense>
      )}
    </div>
  );
}
