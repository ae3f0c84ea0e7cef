import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../app/store';
import { useAsync } from '../../app/useAsync';
import { errorText } from '../../app/errors';
import { RichText } from '../../components/RichText';
import { KiteError, type ErrorPayload } from '../../../../shared/errors';
import { plainText } from '../../../../shared/markup';
import type { InstalledPack, PackFileChoice, PackPreview } from '../../../../shared/contract';
import { formatBytes, languageNames, pick } from './text';

/** Where an import is: sending the file to the app, unpacking and checking it, or waiting for the teacher. */
type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'upload' | 'check'; done: number; total: number; startedAt: number; at: number; cancel: () => void }
  | { kind: 'preview'; preview: PackPreview };

/** Teacher console › Lessons: import packs (file or USB folder), preview, install, uninstall, trust. */
export default function LessonsSection() {
  const { t, i18n } = useTranslation();
  const installed = useAsync(() => api.invoke('packs.list'));
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const importRef = useRef<{ id: string; cancelled: boolean }>(undefined);
  const { reload } = installed;
  useEffect(() => api.on('packs.changed', () => reload()), [reload]);

  // Progress of the unpack-and-check step, from the app.
  useEffect(
    () =>
      api.on('packs.importProgress', (p) => {
        setPhase((current) => (current.kind === 'working' && current.step === 'check' && importRef.current?.id === p.importId ? { ...current, done: p.bytesDone, total: Math.max(p.bytesTotal, p.bytesDone), at: Date.now() } : current));
      }),
    [],
  );

  const fail = (error: unknown) => {
    setPhase({ kind: 'idle' });
    setMessage({ ok: false, text: importRef.current?.cancelled ? t('errors.import_cancelled') : errorText(t, error) });
  };

  /** Unpack and check a pack the app can reach (an upload or a path), then show the preview. */
  const check = async (source: { kind: 'upload'; uploadId: string } | { kind: 'path'; path: string }, total: number) => {
    const importId = crypto.randomUUID();
    importRef.current = { id: importId, cancelled: false };
    const cancel = () => {
      if (importRef.current) importRef.current.cancelled = true;
      void api.invoke('packs.cancelImport', { importId });
    };
    const startedAt = Date.now();
    setPhase({ kind: 'working', step: 'check', done: 0, total, startedAt, at: startedAt, cancel });
    try {
      setPhase({ kind: 'preview', preview: await api.invoke('packs.preview', { importId, source }) });
    } catch (error) {
      fail(error);
    }
  };

  const uploadFile = async (file: File) => {
    setMessage(undefined);
    let url: string;
    try {
      url = (await api.invoke('packs.uploadToken')).url;
    } catch (error) {
      return fail(error);
    }
    importRef.current = { id: '', cancelled: false };
    const xhr = new XMLHttpRequest();
    const startedAt = Date.now();
    const cancel = () => {
      if (importRef.current) importRef.current.cancelled = true;
      xhr.abort();
    };
    setPhase({ kind: 'working', step: 'upload', done: 0, total: file.size, startedAt, at: startedAt, cancel });
    xhr.upload.onprogress = (e) => setPhase({ kind: 'working', step: 'upload', done: e.loaded, total: file.size, startedAt, at: Date.now(), cancel });
    xhr.onerror = () => fail(new KiteError('internal', 'upload failed'));
    xhr.onabort = () => fail(new KiteError('import_cancelled', 'cancelled'));
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as { ok: true; result: { uploadId: string } } | { ok: false; error: ErrorPayload };
        if (!envelope.ok) return fail(KiteError.fromPayload(envelope.error));
        void check({ kind: 'upload', uploadId: envelope.result.uploadId }, file.size);
      } catch (error) {
        fail(error);
      }
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(file);
  };

  const finished = (pack: InstalledPack | undefined, text: string) => {
    setPhase({ kind: 'idle' });
    setMessage({ ok: true, text });
    if (pack) installed.reload();
  };

  return (
    <div className="teacher-grid packs-admin">
      <section className="card import-card" aria-labelledby="import-title">
        <h2 id="import-title">{t('packs.import.title')}</h2>
        <p className="hint">{t('packs.import.body')}</p>
        {phase.kind === 'idle' && <ImportChoices onFile={(file) => void uploadFile(file)} onPath={(path, size) => void check({ kind: 'path', path }, size)} onError={(text) => setMessage({ ok: false, text })} />}
        {phase.kind === 'working' && <ImportProgress phase={phase} />}
        {phase.kind === 'preview' && (
          <PreviewCard
            preview={phase.preview}
            onInstalled={(pack) => finished(pack, t('packs.preview.installed', { title: plainText(pick(pack.title, i18n.language)), version: pack.version }))}
            onDiscard={() => {
              void api.invoke('packs.discard', { stagingId: phase.preview.stagingId });
              finished(undefined, t('packs.preview.discarded'));
            }}
          />
        )}
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
            {message.text}
          </p>
        )}
      </section>
      <InstalledList packs={installed.data} onChanged={installed.reload} />
      <TrustCard />
    </div>
  );
}

function ImportChoices({ onFile, onPath, onError }: { onFile: (file: File) => void; onPath: (path: string, size: number) => void; onError: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<PackFileChoice[]>();

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.invoke('packs.scanFolder', { path: folder });
      setFound(result.packs);
    } catch (error) {
      setFound(undefined);
      onError(errorText(t, error));
    }
  };

  return (
    <div className="import-choices">
      <label className="file-pick">
        <input
          type="file"
          accept=".kpack"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
        <span className="button-like primary">{t('packs.import.chooseFile')}</span>
      </label>
      <form className="folder-form" onSubmit={(e) => void scan(e)}>
        <label className="field">
          <span>{t('packs.import.folder')}</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('packs.import.folderExample')} required spellCheck={false} />
        </label>
        <button type="submit" className="secondary">
          {t('packs.import.scan')}
        </button>
      </form>
      {found && found.length === 0 && <p className="notice warn">{t('packs.import.noneFound')}</p>}
      {found && found.length > 0 && (
        <ul className="found-packs" aria-label={t('packs.import.found')}>
          {found.map((f) => (
            <li key={f.path}>
              <span className="found-name">{f.name}</span>
              <span className="found-size">{formatBytes(f.sizeBytes, i18n.language)}</span>
              <button type="button" className="secondary" onClick={() => onPath(f.path, f.sizeBytes)}>
                {t('packs.import.check', { name: f.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportProgress({ phase }: { phase: Extract<Phase, { kind: 'working' }> }) {
  const { t, i18n } = useTranslation();
  const elapsed = (phase.at - phase.startedAt) / 1000;
  const rate = elapsed > 0.5 ? phase.done / elapsed : 0;
  const secondsLeft = rate > 0 && phase.total > phase.done ? Math.ceil((phase.total - phase.done) / rate) : undefined;
  const label = t(phase.step === 'upload' ? 'packs.progress.upload' : 'packs.progress.check');
  return (
    <div className="import-progress">
      <p id="import-progress-label">{label}</p>
      <progress aria-labelledby="import-progress-label" max={Math.max(phase.total, 1)} value={Math.min(phase.done, phase.total)} />
      <p role="status" className="progress-text">
        {t('packs.progress.bytes', { done: formatBytes(phase.done, i18n.language), total: formatBytes(phase.total, i18n.language) })}
        {secondsLeft !== undefined && ` · ${t('packs.progress.left', { seconds: secondsLeft })}`}
      </p>
      <button type="button" className="secondary" onClick={phase.cancel}>
        {t('packs.progress.cancel')}
      </button>
    </div>
  );
}

function PreviewCard({ preview, onInstalled, onDiscard }: { preview: PackPreview; onInstalled: (pack: InstalledPack) => void; onDiscard: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const [pin, setPin] = useState('');
  const [downgradeOk, setDowngradeOk] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upgrade = preview.upgrade;
  const lessonTitle = (id: string) => pick(preview.lessons.find((l) => l.id === id)?.title, language) || id;

  const install = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      onInstalled(await api.invoke('packs.install', { stagingId: preview.stagingId, confirmDowngrade: downgradeOk || undefined, pin: preview.needsConfirmation ? pin : undefined }));
    } catch (e) {
      setError(errorText(t, e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pack-preview" onSubmit={(e) => void install(e)} aria-labelledby="preview-title">
      <h3 id="preview-title">
        <RichText text={pick(preview.title, language)} showRuby={showRuby} />
      </h3>
      <p className={`signature-badge ${preview.official ? 'official' : preview.signature}`}>
        {preview.official ? t('packs.signature.official') : t(`packs.signature.${preview.signature}`, { name: preview.publisher?.name ?? preview.publisher?.keyId ?? '' })}
      </p>
      <dl className="facts">
        <dt>{t('packs.preview.version')}</dt>
        <dd>{preview.version}</dd>
        <dt>{t('packs.preview.size')}</dt>
        <dd>{formatBytes(preview.sizeBytes, language)}</dd>
        <dt>{t('packs.preview.languages')}</dt>
        <dd>{languageNames(preview.languages, language)}</dd>
        <dt>{t('packs.preview.grades')}</dt>
        <dd>{t('packs.grades', { from: preview.grades.from, to: preview.grades.to })}</dd>
        <dt>{t('packs.preview.lessons')}</dt>
        <dd>
          <ul className="preview-lessons">
            {preview.lessons.map((l) => (
              <li key={l.id}>
                <RichText text={pick(l.title, language)} showRuby={false} /> · {t('packs.minutes', { count: l.minutes })}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {upgrade && (
        <div className={`notice ${upgrade.kind === 'downgrade' ? 'warn' : 'ok'}`}>
          <p>{t(`packs.upgrade.${upgrade.kind}`, { from: upgrade.fromVersion, to: preview.version })}</p>
          {upgrade.added.length > 0 && <p>{t('packs.upgrade.added', { lessons: upgrade.added.map(lessonTitle).join('、') })}</p>}
          {upgrade.changed.length > 0 && <p>{t('packs.upgrade.changed', { lessons: upgrade.changed.map(lessonTitle).join('、') })}</p>}
          {upgrade.removed.length > 0 && <p>{t('packs.upgrade.removed', { lessons: upgrade.removed.join('、') })}</p>}
          <p>{t('packs.upgrade.progressKept')}</p>
        </div>
      )}
      {upgrade?.kind === 'downgrade' && (
        <label className="check">
          <input type="checkbox" checked={downgradeOk} onChange={(e) => setDowngradeOk(e.target.checked)} />
          <span>{t('packs.upgrade.confirmDowngrade', { from: upgrade.fromVersion, to: preview.version })}</span>
        </label>
      )}
      {preview.needsConfirmation && (
        <label className="field">
          <span>{t('packs.preview.pinToTrust')}</span>
          <input type="password" inputMode="numeric" autoComplete="off" required minLength={4} maxLength={8} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
      )}
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || (upgrade?.kind === 'downgrade' && !downgradeOk)}>
          {t(upgrade ? (upgrade.kind === 'reinstall' ? 'packs.preview.reinstall' : 'packs.preview.update') : 'packs.preview.install')}
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          {t('packs.preview.discard')}
        </button>
      </div>
    </form>
  );
}

function InstalledList({ packs, onChanged }: { packs: InstalledPack[] | undefined; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<string>();

  const uninstall = async (packId: string) => {
    try {
      await api.invoke('packs.uninstall', { packId });
      setConfirming(undefined);
      onChanged();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <section className="card installed-card" aria-labelledby="installed-title">
      <h2 id="installed-title">{t('packs.installed.title')}</h2>
      {packs?.length === 0 && <p>{t('packs.installed.none')}</p>}
      <ul className="installed-packs">
        {packs?.map((p) => (
          <li key={p.id}>
            <div className="installed-head">
              <strong>
                <RichText text={pick(p.title, language)} showRuby={false} />
              </strong>
              <span className={`signature-badge small ${p.official ? 'official' : p.signature}`}>{p.official ? t('packs.signatureShort.official') : t(`packs.signatureShort.${p.signature}`)}</span>
            </div>
            <p className="installed-facts">
              {t('packs.installed.facts', { version: p.version, lessons: p.lessons.length, size: formatBytes(p.sizeBytes, language) })}
            </p>
            {confirming === p.id ? (
              <div className="confirm-row">
                <p>{t('packs.installed.confirm')}</p>
                <button type="button" className="primary" onClick={() => void uninstall(p.id)}>
                  {t('packs.installed.confirmYes')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
                  {t('packs.installed.keep')}
                </button>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirming(p.id)} aria-label={t('packs.installed.uninstallNamed', { title: plainText(pick(p.title, language)) })}>
                {t('packs.installed.uninstall')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
    </section>
  );
}

function TrustCard() {
  const { t } = useTranslation();
  const { settings, setSettings } = useApp();
  const keys = useAsync(() => api.invoke('packs.trustedKeys'));
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const setPolicy = async (packTrustPolicy: 'refuse' | 'confirm') => {
    try {
      setSettings(await api.invoke('settings.update', { packTrustPolicy }));
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const key = await api.invoke('packs.trustKey', { name, publicKey: publicKey.trim() });
      setMessage({ ok: true, text: t('packs.trust.added', { name: key.name, keyId: key.keyId }) });
      setName('');
      setPublicKey('');
      keys.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
  };

  return (
    <section className="card trust-card" aria-labelledby="trust-title">
      <h2 id="trust-title">{t('packs.trust.title')}</h2>
      <fieldset className="policy">
        <legend>{t('packs.trust.policy')}</legend>
        {(['confirm', 'refuse'] as const).map((policy) => (
          <label className="check" key={policy}>
            <input type="radio" name="trust-policy" checked={settings?.packTrustPolicy === policy} onChange={() => void setPolicy(policy)} />
            <span>{t(`packs.trust.${policy}`)}</span>
          </label>
        ))}
      </fieldset>
      <h3>{t('packs.trust.keys')}</h3>
      <ul className="trusted-keys">
        {keys.data?.map((k) => (
          <li key={k.keyId}>
            {k.name} <code>{k.keyId}</code>
            {!k.builtin && (
              <button
                type="button"
                className="secondary"
                aria-label={t('packs.trust.removeNamed', { name: k.name })}
                onClick={() => void api.invoke('packs.untrustKey', { keyId: k.keyId }).then(keys.reload)}
              >
                {t('packs.trust.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void add(e)} className="add-key">
        <label className="field">
          <span>{t('packs.trust.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </label>
        <label className="field">
          <span>{t('packs.trust.publicKey')}</span>
          <input value={publicKey} onChange={(e) => setPublicKey(e.target.value)} required spellCheck={false} />
        </label>
        <button type="submit" className="secondary">
          {t('packs.trust.add')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
