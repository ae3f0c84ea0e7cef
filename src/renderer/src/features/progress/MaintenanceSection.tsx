import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { formatBytes } from '../packs/text';
import { download, uploadFile } from './files';
import { FilePicker } from '../../components/FilePicker';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Teacher console, 维护 / Maintenance: things done now and then, away from the class's progress. */
export default function MaintenanceSection() {
  const { t } = useTranslation();
  return (
    <div className="maintenance-section">
      <p className="muted">{t('progress.maintenance.intro')}</p>
      <div className="teacher-grid">
        <BackupsCard />
        <TransferCard />
      </div>
    </div>
  );
}

/** Backups are named by why they were made: kite-<time>-<reason>.db (src/core/backups). */
export function reasonKey(reason: string): 'manual' | 'daily' | 'beforeUpdate' | 'beforeRestore' | 'other' {
  if (reason === 'manual' || reason === 'daily') return reason;
  if (/^before-v\d+$/.test(reason)) return 'beforeUpdate';
  return reason === 'before-restore' ? 'beforeRestore' : 'other';
}

/** The progress database's backups: made every day and before updates, or now by hand. */
function BackupsCard() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string>();
  const backups = useAsync(() => api.invoke('backups.list'));
  const backup = async () => {
    setError(undefined);
    try {
      await api.invoke('backups.create');
      backups.reload();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <section className="card no-print" aria-labelledby="backups-title">
      <h2 id="backups-title">{t('progress.maintenance.backupsTitle')}</h2>
      <p className="muted">{t('progress.maintenance.backupsHelp')}</p>
      <ul className="backup-list">
        {(backups.data ?? []).slice(0, 5).map((b) => (
          <li key={b.name}>
            {new Date(b.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })} · {t(`progress.backupReason.${reasonKey(b.reason)}`)} ·{' '}
            {formatBytes(b.sizeBytes, i18n.language)}
          </li>
        ))}
      </ul>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <button type="button" className="secondary" onClick={() => void backup()}>
        {t('progress.backupNow')}
      </button>
    </section>
  );
}

/** Moving progress between PCs. */
function TransferCard() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const exportFile = async () => {
    const file = await api.invoke('progress.exportFile');
    download(file.fileName, file.text, 'application/x-ndjson');
  };
  const [merging, setMerging] = useState(false);
  const merge = async (picked: File | undefined) => {
    if (!picked) return;
    setMessage(undefined);
    setMerging(true);
    try {
      const { uploadId } = await uploadFile((await api.invoke('progress.uploadToken')).url, picked);
      const r = await api.invoke('progress.mergeFile', { uploadId });
      setMessage({ ok: true, text: t('progress.merged', { added: r.events.added, already: r.events.alreadyHere, pupils: r.pupils.added }) });
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    } finally {
      setMerging(false);
    }
  };
  return (
    <section className="card no-print" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('progress.transferTitle')}</h2>
      <p className="muted">{t('progress.transferHelp')}</p>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => void exportFile()}>
          {t('progress.exportFile')}
        </button>
        <FilePicker label={t('progress.mergeFile')} accept=".kiteprogress,.jsonl,.json" onFile={(f) => void merge(f)} disabled={merging} />
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
