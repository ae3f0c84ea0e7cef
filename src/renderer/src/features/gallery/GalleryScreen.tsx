import { lazy, Suspense, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaItem } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { hrefFor, useLocation } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { useMissingPictures } from './thumbnails';
import { EmptyState } from '../../components/EmptyState';
import { useApp } from '../../lib/store';
import { clock } from './facts';
import { playbackOf, usePlayback } from './playable';
import { VirtualGrid } from './VirtualGrid';
import { DroneArt, PanoramaBadge, PhotoBadge, TelemetryBadge } from './art';
import { ErrorNotice } from '../../components/ErrorNotice';

const PlayerScreen = lazy(() => import('./PlayerScreen'));

/** #/gallery: the grid; #/gallery/<sha256>: one video or photo. */
export default function GalleryScreen() {
  const { params } = useLocation();
  const { t } = useTranslation();
  const sha = params[0];
  if (sha && /^[a-f0-9]{64}$/.test(sha)) {
    return (
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <PlayerScreen key={sha} sha256={sha} />
      </Suspense>
    );
  }
  return <GalleryGrid />;
}

function GalleryGrid() {
  const { t, i18n } = useTranslation();
  const list = useAsync(() => api.invoke('media.list'));
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const onChanged = useEffectEvent(() => list.reload());
  useEffect(() => api.on('media.changed', () => onChanged()), []);

  // Pupils see only what plays on this PC; the teacher sees everything, with a word on what does not.
  const teacher = useApp((state) => state.session?.role === 'teacher');
  const playback = usePlayback(list.data, (i) => i.sha256, playbackOf);
  const items = useMemo(() => (list.data ?? []).filter((i) => teacher || playback?.get(i.sha256) !== 'none'), [list.data, playback, teacher]);
  useMissingPictures(items);
  const tags = useMemo(() => [...new Set(items.flatMap((i) => i.tags))].sort((a, b) => a.localeCompare(b, i18n.language)), [items, i18n.language]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return items.filter((i) => (!tag || i.tags.includes(tag)) && (!q || [i.title, i.place, i.description, ...i.tags].some((s) => s.toLowerCase().includes(q))));
  }, [items, query, tag]);

  const header = (
    <>
      <a className="back-link" href={hrefFor('home')}>
        ← {t('nav.back')}
      </a>
      <h1>{t('gallery.title')}</h1>
    </>
  );
  if (list.error) {
    return (
      <div className="section">
        {header}
        <ErrorNotice>{errorText(t, list.error)}</ErrorNotice>
      </div>
    );
  }
  if ((list.loading && !list.data) || (list.data && !playback)) {
    return (
      <div className="section">
        {header}
        <p role="status">{t('app.loading')}</p>
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <div className="section">
        {header}
        <EmptyState title={t('home.empty.galleryTitle')} body={t('home.empty.galleryBody')} />
      </div>
    );
  }

  return (
    <div className="section gallery">
      {header}
      <div className="gallery-filters">
        <label className="gallery-search">
          <span className="visually-hidden">{t('gallery.search')}</span>
          <input type="search" value={query} placeholder={t('gallery.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <div className="tag-filters" role="group" aria-label={t('gallery.tags')}>
          <button type="button" className="chip" aria-pressed={tag === null} onClick={() => setTag(null)}>
            {t('gallery.allTags')}
          </button>
          {tags.map((name) => (
            <button key={name} type="button" className="chip" aria-pressed={tag === name} onClick={() => setTag(tag === name ? null : name)}>
              {name}
            </button>
          ))}
        </div>
        <p className="gallery-count" role="status">
          {t('gallery.count', { count: shown.length })}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="notice warn">{t('gallery.noMatch')}</p>
      ) : (
        <VirtualGrid
          items={shown}
          keyOf={(i) => i.sha256}
          minWidth={260}
          heightFor={(w) => Math.round((w * 9) / 16) + 84}
          label={t('gallery.title')}
          render={(item, tabIndex) => <MediaCard item={item} tabIndex={tabIndex} cannotPlay={playback?.get(item.sha256) === 'none'} />}
        />
      )}
    </div>
  );
}

const PREVIEW_STEP_MS = 700;

/** While a card is pointed at or focused, its thumbnail steps through the preview frames. */
function usePreviewFrame(frames: number) {
  const [frame, setFrame] = useState<number | null>(null);
  const [active, setActive] = useState(false);
  useEffect(() => {
    if (!active || frames === 0) return;
    const timer = setInterval(() => setFrame((f) => ((f ?? -1) + 1) % frames), PREVIEW_STEP_MS);
    return () => clearInterval(timer);
  }, [active, frames]);
  const start = () => setActive(true);
  const stop = () => {
    setActive(false);
    setFrame(null);
  };
  return { frame, handlers: { onPointerEnter: start, onPointerLeave: stop, onFocus: start, onBlur: stop } };
}

function MediaCard({ item, tabIndex, cannotPlay }: { item: MediaItem; tabIndex: 0 | -1; cannotPlay: boolean }) {
  const { t } = useTranslation();
  const date = item.takenAt?.slice(0, 10);
  const { frame, handlers } = usePreviewFrame(item.previewFrames);
  const picture = frame !== null ? `/media/thumbs/${item.sha256}-p${frame}.jpg` : item.thumbnailUrl;
  return (
    <a className="media-card" href={hrefFor('gallery', item.sha256)} tabIndex={tabIndex} {...handlers}>
      <span className="media-thumb">
        {picture ? <img src={picture} alt="" loading="lazy" decoding="async" draggable={false} /> : <DroneArt />}
        <span className="media-badges">
          {cannotPlay && <span className="badge cannot-play-badge">{t('gallery.teacherOnly')}</span>}
          {item.panorama && <PanoramaBadge label={t('gallery.badge360')} />}
          {item.kind === 'photo' && !item.panorama && <PhotoBadge label={t('gallery.badgePhoto')} />}
          {item.hasTelemetry && <TelemetryBadge label={t('gallery.badgeFlight')} />}
          {item.kind === 'video' && item.duration !== null && <span className="badge">{clock(item.duration)}</span>}
        </span>
      </span>
      <span className="media-title">{item.title}</span>
      <span className="media-meta">{[item.place, date].filter(Boolean).join(' · ')}</span>
    </a>
  );
}
