import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { followJob, resultOf } from '../../api/jobs';
import { errorText } from '../../lib/errors';
import type { Message } from '../../components/Notice';
import { KiteError, type ErrorPayload } from '../../../../shared/errors';
import type { PackPreview } from '../../../../shared/contract';

/** Where an import is: sending the file to the app, unpacking and checking it, or waiting for the teacher. */
export type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'upload' | 'check'; name: string; done: number; total: number; startedAt: number; at: number; cancel: () => void }
  | { kind: 'preview'; preview: PackPreview };

type Source = { kind: 'upload'; uploadId: string } | { kind: 'path'; path: string };

/**
 * A pack import from the teacher console: upload a picked file (browser host and Electron alike) or
 * take a path on a USB stick, unpack and check it with progress, then hold the preview. A failure
 * names the file it was about.
 */
export function usePackImport() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [message, setMessage] = useState<Message>();
  const importRef = useRef<{ id: string; cancelled: boolean }>(undefined);

  const fail = (name: string, error: unknown) => {
    setPhase({ kind: 'idle' });
    setMessage({ ok: false, text: importRef.current?.cancelled ? t('errors.import_cancelled') : t('packs.import.failed', { name, message: errorText(t, error) }) });
  };

  /** Unpack and check a pack the app can reach (an upload or a path) as a job, then show the preview. */
  const check = async (source: Source, name: string, total: number) => {
    const current = { id: '', cancelled: false };
    importRef.current = current;
    const cancel = () => {
      current.cancelled = true;
      if (current.id) void api.invoke('jobs.cancel', { jobId: current.id });
    };
    const startedAt = Date.now();
    setMessage(undefined);
    setPhase({ kind: 'working', step: 'check', name, done: 0, total, startedAt, at: startedAt, cancel });
    try {
      const job = await followJob<'packs.import'>(() => api.invoke('packs.preview', { source }), {
        onStarted: (jobId) => {
          current.id = jobId;
          if (current.cancelled) void api.invoke('jobs.cancel', { jobId });
        },
        onProgress: (p) => setPhase((phase) => (phase.kind === 'working' && phase.step === 'check' ? { ...phase, done: p.bytesDone, total: Math.max(p.bytesTotal, p.bytesDone), at: Date.now() } : phase)),
      });
      setPhase({ kind: 'preview', preview: resultOf(job) });
    } catch (error) {
      fail(name, error);
    }
  };

  const uploadFile = async (file: File) => {
    setMessage(undefined);
    let url: string;
    try {
      url = (await api.invoke('packs.uploadToken')).url;
    } catch (error) {
      return fail(file.name, error);
    }
    importRef.current = { id: '', cancelled: false };
    const xhr = new XMLHttpRequest();
    const startedAt = Date.now();
    const cancel = () => {
      if (importRef.current) importRef.current.cancelled = true;
      xhr.abort();
    };
    const working = { kind: 'working', step: 'upload', name: file.name, total: file.size, startedAt, cancel } as const;
    setPhase({ ...working, done: 0, at: startedAt });
    xhr.upload.onprogress = (e) => setPhase({ ...working, done: e.loaded, at: Date.now() });
    xhr.onerror = () => fail(file.name, new KiteError('internal', 'upload failed'));
    xhr.onabort = () => fail(file.name, new KiteError('import_cancelled', 'cancelled'));
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as { ok: true; result: { uploadId: string } } | { ok: false; error: ErrorPayload };
        if (!envelope.ok) return fail(file.name, KiteError.fromPayload(envelope.error));
        void check({ kind: 'upload', uploadId: envelope.result.uploadId }, file.name, file.size);
      } catch (error) {
        fail(file.name, error);
      }
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(file);
  };

  const finish = (text: string) => {
    setPhase({ kind: 'idle' });
    setMessage({ ok: true, text });
  };

  return { phase, message, setMessage, uploadFile, checkPath: (path: string, name: string, size: number) => void check({ kind: 'path', path }, name, size), finish };
}
