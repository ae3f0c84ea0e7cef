import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { scanPlayback as scanPlaybackOf, usePlayback } from './playable';
import { ScanList } from './ScanList';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useMediaImport } from './useMediaImport';
import { ImportProgressView, ImportReportView, ThumbsNotice } from './ImportStatus';

/**
 * The teacher's import: pick a camera card found on this PC or type a folder, see what is on it
 * (ScanList), choose and import (useMediaImport does the work), then progress and the report (ImportStatus).
 */
export function MediaImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const { scan, chosen, progress, report, thumbs, error, cannotPlay, scanFolder, start, toggle, cancel } = useMediaImport(onImported);
  const scanPlayback = usePlayback(scan?.entries, (e) => e.path, scanPlaybackOf);
  const cards = useAsync(() => api.invoke('media.cards'));
  const find = (event: FormEvent) => {
    event.preventDefault();
    void scanFolder(folder.trim());
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
      {progress && <ImportProgressView progress={progress} onCancel={cancel} />}
      {report && <ImportReportView report={report} cannotPlay={cannotPlay} />}
      {thumbs && <ThumbsNotice thumbs={thumbs} />}
    </section>
  );
}
