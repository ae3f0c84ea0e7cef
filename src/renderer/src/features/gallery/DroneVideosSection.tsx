import { useEffect, useEffectEvent, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaItem } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { hrefFor } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { useMissingPictures } from './thumbnails';
import { DroneArt } from './art';
import { clock } from './facts';
import { DateField } from '../../components/DateField';
import { MediaImportPanel } from './MediaImportPanel';
import { playbackOf, usePlayback, type Playback } from './playable';

const PAGE = 40;
/** One empty list (a new [] each render would ask the browser again and again). */
const NOTHING: MediaItem[] = [];

/** Teacher console: import from a card or folder, then title, tag and delete what is in the gallery. */
export default function DroneVideosSection() {
  const library = useAsync(() => api.invoke('media.list'));
  const onChanged = useEffectEvent(() => library.reload());
  useEffect(() => api.on('media.changed', () => onChanged()), []);
  useMissingPictures(library.data);
  return (
    <div className="drone-section">
      <MediaImportPanel onImported={() => library.reload()} />
      <Library items={library.data ?? NOTHING} />
    </div>
  );
}

function Library({ items }: { items: MediaItem[] }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((i) => [i.title, i.place, i.originalName, ...i.tags].some((s) => s.toLowerCase().includes(q))) : items;
  }, [items, query]);
  const playback = usePlayback(items, (i) => i.sha256, playbackOf);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);

  return (
    <section className="card library" aria-labelledby="library-title">
      <h2 id="library-title">{t('gallery.teacher.libraryTitle', { count: items.length })}</h2>
      <label className="field">
        <span>{t('gallery.search')}</span>
        <input type="search" value={query} onChange={(e) => (setQuery(e.target.value), setPage(0))} />
      </label>
      <ul className="library-list">
        {shown.slice(current * PAGE, current * PAGE + PAGE).map((item) => (
          <EditRow key={item.sha256} item={item} playback={playback?.get(item.sha256)} />
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label={t('gallery.teacher.pages')}>
          <button type="button" className="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('gallery.teacher.prev')}
          </button>
          <span>
            {current + 1} / {pages}
          </span>
          <button type="button" className="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('gallery.teacher.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function EditRow({ item, playback }: { item: MediaItem; playback: Playback | undefined }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ title: item.title, description: item.description, place: item.place, takenAt: item.takenAt?.slice(0, 10) ?? '', tags: item.tags.join(', '), panorama: item.panorama });
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.invoke('media.update', {
        sha256: item.sha256,
        title: draft.title,
        description: draft.description,
        place: draft.place,
        takenAt: draft.takenAt || null,
        tags: draft.tags.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
        panorama: draft.panorama,
      });
      setMessage({ ok: true, text: t('gallery.teacher.saved') });
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
  };
  const remove = async () => {
    try {
      await api.invoke('media.delete', { sha256: item.sha256 });
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
  };
  const id = `edit-${item.sha256.slice(0, 12)}`;
  return (
    <li className="library-row">
      <div className="library-summary">
        {item.thumbnailUrl ? <img src={item.thumbnailUrl} alt="" loading="lazy" /> : <DroneArt />}
        <span>
          <b>{item.title}</b>
          <br />
          <small>
            {item.originalName} · {item.width}×{item.height}
            {item.duration !== null && ` · ${clock(item.duration)}`}
          </small>
          {playback === 'none' && <span className="library-note notice warn">{t('gallery.teacher.libraryCannotPlay')}</span>}
          {playback === 'proxy' && <span className="library-note muted">{t('gallery.teacher.libraryUsesProxy')}</span>}
        </span>
        <a className="secondary button-link" href={hrefFor('gallery', item.sha256)}>
          {t('gallery.teacher.open')}
        </a>
        <button type="button" className="secondary" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {t('gallery.teacher.edit')}
        </button>
      </div>
      {open && (
        <form id={id} className="edit-form" onSubmit={(e) => void save(e)}>
          <label className="field">
            <span>{t('gallery.teacher.titleField')}</span>
            <input value={draft.title} maxLength={120} required onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('gallery.teacher.place')}</span>
            <input value={draft.place} maxLength={120} onChange={(e) => setDraft({ ...draft, place: e.target.value })} />
          </label>
          <DateField label={t('gallery.teacher.date')} value={draft.takenAt} onChange={(takenAt) => setDraft({ ...draft, takenAt })} />
          <label className="field">
            <span>{t('gallery.teacher.tagsField')}</span>
            <input value={draft.tags} onChange={(e) => setDraft({ ...draft, tags: e.target.value })} />
          </label>
          <label className="field wide">
            <span>{t('gallery.teacher.description')}</span>
            <textarea value={draft.description} maxLength={2000} rows={3} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          </label>
          <div className="field wide">
            <label className="check">
              <input type="checkbox" checked={draft.panorama} aria-describedby={`${id}-panorama`} onChange={(e) => setDraft({ ...draft, panorama: e.target.checked })} />
              <span>{t('gallery.teacher.panorama')}</span>
            </label>
            <small id={`${id}-panorama`} className="muted">
              {t('gallery.teacher.panoramaHint')}
            </small>
          </div>
          {message && (
            <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
              {message.text}
            </p>
          )}
          <div className="edit-actions">
            <button className="primary" type="submit">
              {t('gallery.teacher.save')}
            </button>
            {confirming ? (
              <button type="button" className="danger" onClick={() => void remove()}>
                {t('gallery.teacher.confirmDelete')}
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirming(true)}>
                {t('gallery.teacher.delete')}
              </button>
            )}
          </div>
        </form>
      )}
    </li>
  );
}
