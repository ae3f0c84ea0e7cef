import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { FilePicker } from '../../components/FilePicker';
import { Notice, type Message } from '../../components/Notice';
import type { ClassInfo, ImportPreview } from '../../../../shared/contract/roster';
import { fileToBase64 } from './files';
import { RosterPreview, SkippedLines } from './RosterPreview';

/**
 * Teacher: add pupils from a list file (CSV from Excel). Pick, preview (scrolled into view), add the
 * good lines; blank rows are skipped and every line with a problem is named with its reason.
 */
export function RosterImport({ target, onDone, onClose }: { target?: ClassInfo; onDone: (result: ImportPreview) => void; onClose?: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; base64: string }>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [result, setResult] = useState<ImportPreview>();
  const [intoSelected, setIntoSelected] = useState(true);
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const shown = useRef<HTMLDivElement>(null);
  const classId = intoSelected ? target?.id : undefined;

  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  useEffect(() => {
    if (preview || result) shown.current?.scrollIntoView({ block: 'start' });
  }, [preview, result]);

  const load = async (picked: { name: string; base64: string }, into = classId) => {
    setPreview(undefined);
    setResult(undefined);
    setMessage(undefined);
    setFile(picked);
    try {
      setPreview(await api.invoke('classes.importPreview', { classId: into, fileBase64: picked.base64 }));
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };
  const pick = async (picked: File) => load({ name: picked.name, base64: await fileToBase64(picked) });
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await api.invoke('classes.importCommit', { classId, fileBase64: file.base64 });
      setResult(done);
      setMessage({ ok: true, text: t('classes.import.done', { count: done.newPupils }) });
      setPreview(undefined);
      setFile(undefined);
      onDone(done);
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={panel} className="roster-import" aria-labelledby="roster-import-title">
      <div className="roster-import-head">
        <h3 id="roster-import-title">{t('classes.import.title')}</h3>
        {onClose && (
          <button type="button" className="secondary" onClick={onClose}>
            {t('classes.import.close')}
          </button>
        )}
      </div>
      <p className="muted">{t('classes.import.help')}</p>
      {target && (
        <label className="check">
          <input
            type="checkbox"
            checked={intoSelected}
            onChange={(e) => {
              setIntoSelected(e.target.checked);
              if (file) void load(file, e.target.checked ? target.id : undefined);
            }}
          />
          <span>{t('classes.import.into', { name: target.name })}</span>
        </label>
      )}
      <FilePicker label={t('classes.import.pick')} accept=".csv,.txt,text/csv,text/plain" fileName={file?.name ?? null} onFile={(f) => void pick(f)} primary={!preview} />
      <div ref={shown} className="roster-import-result">
        <Notice message={message} />
        {result && <SkippedLines lines={result.lines} />}
        {preview && <RosterPreview preview={preview} busy={busy} onCommit={() => void commit()} />}
      </div>
    </section>
  );
}
