import { useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n, TFunction } from 'i18next';
import type { ImportNote, ImportProgress, ImportReport, MediaItem, ScanResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../app/errors';
import { hrefFor } from '../../app/router';
import { useAsync } from '../../app/useAsync';
import { DroneArt } from './art';
import { clock } from './facts';
import { makeThumbnails } from './thumbnails';
import { DateField } from '../../components/DateField';

const PAGE = 40;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : bytes < 10 * 1024 * 1024 ? 1 : 0);

/** Teacher console: import from a card or folder, then title, tag and delete what is in the gallery. */
export default function DroneVideosSection() {
  const library = useAsync(() => api.invoke('media.list'));
  const onChanged = useEffectEvent(() => library.reload());
  useEffect(() => api.on('media.changed', () => onChanged()), []);
  return (
    <div className="drone-section">
      <ImportPanel onImported={() => library.reload()} />
      <Library items={library.data ?? []} />
    </div>
  );
}

/**
 * An import note in the teacher's language: what happened (notes.<code>, else errors.<code>) and
 * why (problems.<problem>); the core's English only where there is no wording for it.
 */
function noteText(t: TFunction, i18n: i18n, note: ImportNote): string {
  const problem = `gallery.teacher.problems.${String(note.details?.problem)}`;
  const why = i18n.exists(problem) ? t(problem) : String(note.details?.message ?? note.reason);
  for (const key of [`gallery.teacher.notes.${note.code}`, `errors.${note.code}`]) if (note.code && i18n.exists(key)) return t(key, { ...note.details, message: why });
  return note.reason;
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [folder, setFolder] = useState('');
  const [scan, setScan] = useState<ScanResult>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [thumbs, setThumbs] = useState<{ done: number; total: number; failed: number }>();
  const [error, setError] = useState<string>();
  const importId = useRef<string | undefined>(undefined);

  /** Thumbnails and preview strips, made here in the renderer after the copy. */
  const pictures = async (shas: string[]) => {
    if (shas.length === 0) return;
    const state = { done: 0, total: shas.length, failed: 0 };
    setThumbs({ ...state });
    for (const sha256 of shas) {
      try {
        await makeThumbnails(await api.invoke('media.get', { ref: sha256 }));
      } catch {
        state.failed++;
      }
      state.done++;
      setThumbs({ ...state });
    }
    onImported();
  };

  const onFinished = useEffectEvent((r: ImportReport) => {
    if (r.importId !== importId.current) return;
    importId.current = undefined;
    setProgress(undefined);
    setReport(r);
    onImported();
    void pictures(r.imported);
  });

  useEffect(() => {
    const offProgress = api.on('media.importProgress', (p) => p.importId === importId.current && setProgress(p));
    const offFinished = api.on('media.importFinished', (r) => onFinished(r));
    return () => {
      offProgress();
      offFinished();
    };
  }, []);

  const cards = useAsync(() => api.invoke('media.cards'));
  const scanFolder = async (dir: string) => {
    setError(undefined);
    setReport(undefined);
    try {
      const result = await api.invoke('media.scan', { path: dir });
      setScan(result);
      setChosen(new Set(result.entries.filter((e) => !e.problem).map((e) => e.path)));
    } catch (e) {
      setScan(undefined);
      setError(errorText(t, e));
    }
  };
  const find = (event: FormEvent) => {
    event.preventDefault();
    void scanFolder(folder.trim());
  };
  const start = async () => {
    if (!scan) return;
    setError(undefined);
    try {
      const { importId: id } = await api.invoke('media.import', { scanId: scan.scanId, paths: [...chosen] });
      importId.current = id;
      setProgress({ importId: id, filesDone: 0, filesTotal: chosen.size, bytesDone: 0, bytesTotal: 0, etaSeconds: null, current: null });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const toggle = (p: string) => {
    const next = new Set(chosen);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setChosen(next);
  };

  return (
    <section className="card import-panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('gallery.teacher.importTitle')}</h2>
      <p>{t('gallery.teacher.importHelp')}</p>
      {cards.data && cards.data.length > 0 && (
        <div className="card-picks" role="group" aria-label={t('gallery.teacher.cardsFound')}>
          <span>{t('gallery.teacher.cardsFound')}</span>
          {cards.data.map((c) => (
            <button
              key={c.path}
              type="button"
              className="secondary"
              disabled={!!progress}
              onClick={() => {
                setFolder(c.path);
                void scanFolder(c.path);
              }}
            >
              {c.camera ? t('gallery.teacher.cameraCard', { path: c.path }) : c.path}
            </button>
          ))}
        </div>
      )}
      <form className="import-form" onSubmit={find}>
        <label className="field">
          <span>{t('gallery.teacher.folder')}</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('gallery.teacher.folderPlaceholder')} required />
        </label>
        <button className="primary" type="submit" disabled={!!progress}>
          {t('gallery.teacher.find')}
        </button>
      </form>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {scan && !progress && !report && (
        <div className="scan-result">
          <p role="status">
            {t('gallery.teacher.found', { videos: scan.videos, photos: scan.photos, srts: scan.srts, lrfs: scan.lrfs, mb: mb(scan.totalBytes), free: mb(scan.freeBytes) })}
          </p>
          {scan.entries.length > 0 && (
            <>
              <ul className="scan-list">
                {scan.entries.map((e) => (
                  <li key={e.path}>
                    <label className="check">
                      <input type="checkbox" checked={chosen.has(e.path)} disabled={!!e.problem} onChange={() => toggle(e.path)} />
                      <span>
                        <b>{e.path}</b> · {t(e.kind === 'video' ? 'gallery.teacher.video' : 'gallery.teacher.photo')} · {mb(e.size)} MB
                        {e.srt && ` · ${t('gallery.teacher.withSrt')}`}
                        {e.lrf && ` · ${t('gallery.teacher.withLrf')}`}
                        {e.problem && ` · ${t('gallery.teacher.emptyFile')}`}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <button className="primary" type="button" onClick={() => void start()} disabled={chosen.size === 0}>
                {t('gallery.teacher.importN', { count: chosen.size })}
              </button>
            </>
          )}
        </div>
      )}
      {progress && (
        // "File 1 of 2" while the first is copied (filesDone counts finished ones).
        <div className="import-progress">
          <progress max={Math.max(1, progress.bytesTotal)} value={progress.bytesDone} aria-label={t('gallery.teacher.progressLabel')} />
          <p role="status">
            {t('gallery.teacher.progress', { files: Math.min(progress.filesDone + 1, progress.filesTotal), total: progress.filesTotal, mb: mb(progress.bytesDone), totalMb: mb(progress.bytesTotal) })}
            {progress.etaSeconds !== null && ` · ${t('gallery.teacher.eta', { time: clock(progress.etaSeconds) })}`}
          </p>
          <button type="button" className="secondary" onClick={() => importId.current && void api.invoke('media.cancelImport', { importId: importId.current })}>
            {t('gallery.teacher.cancel')}
          </button>
        </div>
      )}
      {report && (
        <div className="import-report" role="status">
          <p className={`notice ${report.failed.length || report.cancelled ? 'warn' : 'ok'}`}>
            {report.cancelled ? t('gallery.teacher.cancelled') : t('gallery.teacher.done', { imported: report.imported.length, duplicates: report.duplicates.length, failed: report.failed.length })}
          </p>
          {[...report.failed, ...report.warnings].length > 0 && (
            <ul className="report-list">
              {report.failed.map((f) => (
                <li key={`f${f.path}`}>
                  <b>{f.path}</b>: {noteText(t, i18n, f)}
                </li>
              ))}
              {report.warnings.map((w) => (
                <li key={`w${w.path}${w.reason}`}>
                  <b>{w.path}</b>: {noteText(t, i18n, w)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {thumbs && (
        <p className="notice ok" role="status">
          {thumbs.done < thumbs.total
            ? t('gallery.teacher.thumbsWorking', { done: thumbs.done, total: thumbs.total })
            : t(thumbs.failed ? 'gallery.teacher.thumbsDoneSomeFailed' : 'gallery.teacher.thumbsDone', { failed: thumbs.failed })}
        </p>
      )}
    </section>
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
          <EditRow key={item.sha256} item={item} />
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

function EditRow({ item }: { item: MediaItem }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ title: item.title, description: item.description, place: item.place, takenAt: item.takenAt?.slice(0, 10) ?? '', tags: item.tags.join(', ') });
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
