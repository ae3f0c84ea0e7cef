import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../lib/clock';
import { chapterTimes, openFrames } from '../lib/videoFrames';

/** A moment of a video to jump to, with its picture once there is one. */
export interface Chapter {
  at: number;
  picture?: string;
}

const PICTURE_WIDTH = 320;

/** Pictures of a video's moments along it: tapping one plays the video from there. */
export function ChapterStrip({ chapters, onPlay }: { chapters: Chapter[]; onPlay: (seconds: number) => void }) {
  const { t } = useTranslation();
  if (chapters.length === 0) return null;
  return (
    <nav className="preview-strip" aria-label={t('video.chapters')}>
      {chapters.map(({ at, picture }) => (
        <button key={at} type="button" onClick={() => onPlay(at)} aria-label={t('video.jumpTo', { time: clock(at) })}>
          {picture ? <img src={picture} alt="" draggable={false} /> : <span className="chapter-blank" aria-hidden="true" />}
          <span>{clock(at)}</span>
        </button>
      ))}
    </nav>
  );
}

/**
 * `count` chapters along the video at `url`, with pictures of their moments drawn from the video
 * in this window (each shows as soon as it is made; a moment that cannot be drawn keeps its time).
 */
export function useDrawnChapters(url: string | undefined, count: number): Chapter[] {
  const [chapters, setChapters] = useState<Chapter[]>([]);
  useEffect(() => {
    if (!url) return;
    let live = true;
    const made: string[] = [];
    void (async () => {
      const frames = await openFrames(url).catch(() => undefined);
      if (!frames) return;
      try {
        const times = chapterTimes(count, frames.duration);
        if (live) setChapters(times.map((at) => ({ at })));
        for (const [i, at] of times.entries()) {
          const blob = await frames.grab(at, PICTURE_WIDTH);
          if (!live) return;
          const picture = URL.createObjectURL(blob);
          made.push(picture);
          setChapters((list) => list.map((c, j) => (j === i ? { ...c, picture } : c)));
        }
      } catch {
        // The rest keep their times alone.
      } finally {
        frames.close();
      }
    })();
    return () => {
      live = false;
      for (const picture of made) URL.revokeObjectURL(picture);
    };
  }, [url, count]);
  return chapters;
}
