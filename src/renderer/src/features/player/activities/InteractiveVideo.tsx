import { Instruction } from './common';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVtt, srtToVtt, type StepOf } from '../../../../../shared/pack';
import { ActivityHostContext, useActivityHost, useLesson, type ActivityHost } from '../context';
import { playSound } from '../sounds';
import { ActivityBody } from './registry';
import { useElapsed } from '../useActivity';
import { galleryVideoUrl, newestGalleryVideoUrl } from '../api';
import { StepPrompt } from '../StepPrompt';
import { playFrom, TouchVideo } from '../../../components/TouchVideo';
import { ChapterStrip, useDrawnChapters } from '../../../components/Chapters';

/** Chapter pictures under a lesson's video: a child taps a moment to watch it again. */
const CHAPTERS = 4;

type Cue = StepOf<'interactive-video'>['cues'][number];

/** Subtitles as a URL the <track> can load: VTT as is, SRT converted in the renderer. */
function useSubtitleUrl(src: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!src) return;
    let objectUrl: string | undefined;
    let live = true;
    fetch(src)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((text) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(new Blob([isVtt(text) ? text : srtToVtt(text)], { type: 'text/vtt' }));
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src]);
  return url;
}

type VideoSource = { kind: 'loading'; url?: undefined } | { kind: 'pack' | 'gallery' | 'school'; url: string | null };

/**
 * Where the video comes from: the pack's clip; a `gallery:<sha256>` video (null when this PC lacks
 * it); or, for `preferGallery`, the newest video of the school's own drone gallery ("school"),
 * falling back to the pack's clip.
 */
function useVideoSource(step: StepOf<'interactive-video'>, asset: (src: string) => string): VideoSource {
  const fromGallery = step.video.startsWith('gallery:');
  const [found, setFound] = useState<{ url: string | null; school: boolean }>();
  useEffect(() => {
    if (!fromGallery && !step.preferGallery) return;
    let live = true;
    const lookUp = fromGallery ? galleryVideoUrl(step.video).then((url) => ({ url: url ?? null, school: false })) : newestGalleryVideoUrl().then((url) => ({ url: url ?? null, school: !!url }));
    void lookUp.then((f) => live && setFound(f));
    return () => {
      live = false;
    };
  }, [fromGallery, step.preferGallery, step.video]);
  if (!fromGallery && !step.preferGallery) return { kind: 'pack', url: asset(step.video) };
  if (!found) return { kind: 'loading' };
  if (fromGallery) return { kind: 'gallery', url: found.url };
  return found.school ? { kind: 'school', url: found.url } : { kind: 'pack', url: asset(step.video) };
}

/**
 * A video from the pack whose cue points pause it and run an activity. The step is answered when
 * the video has ended with every cue done; each cue's activity records its own attempts too.
 */
export function InteractiveVideo({ step }: { step: StepOf<'interactive-video'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const host = useActivityHost();
  const video = useRef<HTMLVideoElement>(null);
  const elapsed = useElapsed();
  const cues = useMemo(() => [...step.cues].sort((a, b) => a.at - b.at), [step.cues]);
  const [active, setActive] = useState<Cue>();
  const [results, setResults] = useState<Record<string, boolean | null>>({});
  const [cueDone, setCueDone] = useState<string[]>([]);
  const [finished, setFinished] = useState(false);
  const [failed, setFailed] = useState(false);
  const source = useVideoSource(step, lesson.asset);
  // The pack's subtitles and poster belong to its own clip (or the video it names), not to the school's video shown instead.
  const own = source.kind !== 'school';
  const subtitleLanguage = !own ? undefined : step.subtitles?.[lesson.language] ? lesson.language : Object.keys(step.subtitles ?? {})[0];
  const subtitleSrc = subtitleLanguage ? lesson.asset(step.subtitles?.[subtitleLanguage] as string) : undefined;
  const subtitleUrl = useSubtitleUrl(subtitleSrc);
  const videoUrl = source.url;
  const chapters = useDrawnChapters(videoUrl ?? undefined, CHAPTERS);

  const cueHost: ActivityHost = useMemo(
    () => ({
      record(attempt) {
        host.record(attempt);
        setResults((r) => ({ ...r, [attempt.stepId]: attempt.correct }));
      },
      done: (id) => setCueDone((list) => (list.includes(id) ? list : [...list, id])),
    }),
    [host],
  );

  const onTime = () => {
    const el = video.current;
    if (!el || active) return;
    const due = cues.find((c) => c.at <= el.currentTime && !cueDone.includes(c.activity.id));
    if (due) {
      el.pause();
      setActive(due);
      playSound('tap');
    }
  };
  const onEnded = () => {
    if (finished) return;
    // A cue at the very end (or skipped past by seeking) still runs before the video counts as done.
    const pending = cues.find((c) => !cueDone.includes(c.activity.id));
    if (pending) return setActive(pending);
    finish();
  };
  const finish = () => {
    const scored = Object.values(results).filter((r) => r !== null);
    const correct = scored.every(Boolean);
    host.record({ stepId: step.id, activityType: step.type, answer: { cues: results }, correct, hintsUsed: 0, timeMs: elapsed.ms() });
    setFinished(true);
    host.done(step.id);
  };
  const resume = () => {
    setActive(undefined);
    const el = video.current;
    if (el && !el.ended) void el.play().catch(() => undefined);
    else if (cues.every((c) => cueDone.includes(c.activity.id) || c === active)) finish();
  };

  if (source.kind === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (!videoUrl) {
    return (
      <div className="activity">
        <div className="notice warn video-missing" role="status">
          <p>{t('player.video.gallery')}</p>
          <button type="button" className="secondary" onClick={() => host.done(step.id)}>
            {t('player.skip')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="activity">
      {source.kind === 'school' && <p className="notice ok video-source">{t('player.video.ours')}</p>}
      <TouchVideo
        ref={video}
        src={videoUrl}
        poster={own && step.poster ? lesson.asset(step.poster.src) : undefined}
        locked={!!active}
        preload="auto"
        label={lesson.plain(step.prompt)}
        onTimeUpdate={onTime}
        onEnded={onEnded}
        onError={() => setFailed(true)}
        overlay={
          active && (
            <section className="video-cue" aria-label={t('player.video.question')}>
              <ActivityHostContext.Provider value={cueHost}>
                <StepPrompt step={active.activity} level={3} />
                <ActivityBody step={active.activity} />
              </ActivityHostContext.Provider>
              {cueDone.includes(active.activity.id) && (
                <button type="button" className="primary" onClick={resume}>
                  {t('player.video.continue')}
                </button>
              )}
            </section>
          )
        }
      >
        {subtitleUrl && <track kind="subtitles" src={subtitleUrl} srcLang={subtitleLanguage} label={t(`languages.${subtitleLanguage}`, { defaultValue: subtitleLanguage })} default />}
      </TouchVideo>
      {!active && !failed && <ChapterStrip chapters={chapters} onPlay={(at) => playFrom(video.current, at)} />}
      <Instruction live text={failed ? t('player.video.failed') : finished ? t('player.video.finished') : t('player.video.cues', { done: cueDone.length, total: cues.length })} />
      {failed && !finished && (
        <button type="button" className="secondary" onClick={() => host.done(step.id)}>
          {t('player.skip')}
        </button>
      )}
    </div>
  );
}
