import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n, TFunction } from 'i18next';
import type { ImportNote, ImportProgress, ImportReport, ScanResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { followJob, resultOf } from '../../api/jobs';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/useAsync';
import { clock } from './facts';
import { playbackOf, scanPlayback as scanPlaybackOf, usePlayback } from './playable';
import { mb, ScanList } from './ScanList';
import { ensurePictures } from './thumbnails';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The names of imported videos this PC cannot play (pupils will not see them). */
async function unplayable(shas: string[]): Promise<string[]> {
  const items = await Promise.all(shas.map((ref) => api.invoke('media.get', { ref })));
  const how = await Promise.all(items.map(playbackOf));
  return items.filter((_, i) => how[i] === 'none').map((item) => item.originalName.split('/').pop() ?? item.title);
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

export function MediaImportPanel({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [folder, setFolder] = useState('');
  const [scan, setScan] = useState<ScanResult>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [thumbs, setThumbs] = useState<{ done: number; total: number; failed: number }>();
  const [error, setError] = useState<string>();
  const [cannotPlay, setCannotPlay] = useState<string[]>([]);
  const jobId = useRef<string | undefined>(undefined);
  const scanPlayback = usePlayback(scan?.entries, (e) => e.path, scanPlaybackOf);

  /** Thumbnails and preview strips, made here in the renderer after the copy. */
  const pictures = async (shas: string[]) => {
    if (shas.length === 0) return;
    const state = { done: 0, total: shas.length, failed: 0 };
    setThumbs({ ...state });
    for (const sha256 of shas) {
      try {
        await ensurePictures(await api.invoke('media.get', { ref: sha256 }));
      } catch {
        state.failed++;
      }
      state.done++;
      setThumbs({ ...state });
    }
    onImported();
  };

  const finish = (r: ImportReport) => {
    setReport(r);
    onImported();
    void unplayable(r.imported).then(setCannotPlay);
    void pictures(r.imported);
  };

  const cards = useAsync(() => api.invoke('media.cards'));
  const scanFolder = async (dir: string) => {
    setError(undefined);
    setReport(undefined);
    setCannotPlay([]);
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
    setProgress({ importId: '', filesDone: 0, filesTotal: chosen.size, bytesDone: 0, bytesTotal: 0, etaSeconds: null, current: null });
    try {
      const job = await followJob<'media.import'>(() => api.invoke('media.import', { scanId: scan.scanId, paths: [...chosen] }), {
        onStarted: (id) => (jobId.current = id),
        onProgress: setProgress,
      });
      finish(resultOf(job));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      jobId.current = undefined;
      setProgress(undefined);
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
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {scan && !progress && !report && (
        <div className="scan-result">
          <ScanList scan={scan} playback={scanPlayback} chosen={chosen} onToggle={toggle} />
          {scan.entries.length > 0 && (
            <button className="primary" type="button" onClick={() => void start()} disabled={chosen.size === 0} aria-describedby={chosen.size === 0 ? 'import-none-chosen' : undefined}>
              {t('gallery.teacher.importN', { count: chosen.size })}
            </button>
          )}
          {scan.entries.length > 0 && chosen.size === 0 && (
            <p id="import-none-chosen" className="muted">
              {t('gallery.teacher.noneChosen')}
            </p>
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
          <button type="button" className="secondary" onClick={() => jobId.current && void api.invoke('jobs.cancel', { jobId: jobId.current })}>
            {t('gallery.teacher.cancel')}
          </button>
        </div>
      )}
      {report && (
        <div className="import-report" role="status">
          <p className={`notice ${report.failed.length || report.cancelled ? 'warn' : 'ok'}`}>
            {report.cancelled ? t('gallery.teacher.cancelled') : t('gallery.teacher.done', { imported: report.imported.length, duplicates: report.duplicates.length, failed: report.failed.length })}
          </p>
          {cannotPlay.length > 0 && <p className="notice warn">{t('gallery.teacher.importedCannotPlay', { count: cannotPlay.length, names: cannotPlay.join('、') })}</p>}
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
