import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { FilePicker } from '../../components/FilePicker';
import type { PackFileChoice } from '../../../../shared/contract';
import { formatBytes } from './text';
import { ErrorNotice } from '../../components/ErrorNotice';

type Found = { folder: string; packs: PackFileChoice[] };

/**
 * The ways to bring a pack in: pick a file, tap a plugged-in USB stick, or type a folder. Packs in
 * subfolders are found too. What was found and the path stay while a pack is checked, whatever the outcome.
 */
export function PackImportChoices({ onFile, onPath }: { onFile: (file: File) => void; onPath: (path: string, name: string, size: number) => void }) {
  const { t, i18n } = useTranslation();
  const drives = useAsync(() => api.invoke('packs.drives'));
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<Found>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const scan = async (path: string) => {
    setFolder(path);
    setProblem(undefined);
    setFound(undefined);
    setBusy(true);
    try {
      setFound(await api.invoke('packs.scanFolder', { path }));
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void scan(folder.trim());
  };

  return (
    <div className="import-choices">
      <FilePicker label={t('packs.import.chooseFile')} accept=".kpack" onFile={onFile} primary />
      {drives.data && drives.data.length > 0 && (
        <div className="card-picks" role="group" aria-labelledby="pack-drives-label">
          <span id="pack-drives-label">{t('packs.import.drives')}</span>
          {drives.data.map((d) => (
            <button key={d.path} type="button" className="secondary" disabled={busy} onClick={() => void scan(d.path)}>
              {t('packs.import.drive', { path: d.path })}
            </button>
          ))}
        </div>
      )}
      <form className="folder-form" onSubmit={submit}>
        <label className="field">
          <span>{t('packs.import.folder')}</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('packs.import.folderExample')} required spellCheck={false} />
        </label>
        <button type="submit" className="secondary" disabled={busy}>
          {t('packs.import.scan')}
        </button>
      </form>
      {busy && <p role="status">{t('packs.import.searching')}</p>}
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      {found && found.packs.length === 0 && (
        <p role="status" className="notice warn">
          {t('packs.import.noneFound', { folder: found.folder })}
        </p>
      )}
      {found && found.packs.length > 0 && (
        <>
          <p role="status">{t('packs.import.foundIn', { count: found.packs.length, folder: found.folder })}</p>
          <ul className="found-packs" aria-label={t('packs.import.found')}>
            {found.packs.map((f) => (
              <li key={f.path}>
                <span className="found-name">
                  {f.name}
                  {f.where && <small className="muted"> · {t('packs.import.inFolder', { where: f.where })}</small>}
                </span>
                <span className="found-size">{formatBytes(f.sizeBytes, i18n.language)}</span>
                <button type="button" className="secondary" onClick={() => onPath(f.path, f.name, f.sizeBytes)}>
                  {t('packs.import.check', { name: f.name })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
