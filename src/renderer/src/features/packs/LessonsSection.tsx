import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { RichText } from '../../components/RichText';
import { plainText } from '../../../../shared/markup';
import { Notice } from '../../components/Notice';
import type { InstalledPack, PackPreview } from '../../../../shared/contract';
import { InstalledPacks } from './InstalledPacks';
import { PackImportChoices } from './PackImportChoices';
import { PackImportProgress } from './PackImportProgress';
import { usePackImport } from './usePackImport';
import { formatBytes, languageNames, pick } from './text';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Teacher console › Lessons: import packs (file, USB stick or folder), preview, install, uninstall, trust. */
export default function LessonsSection() {
  const { t, i18n } = useTranslation();
  const installed = useAsync(() => api.invoke('packs.list'));
  const { phase, message, uploadFile, checkPath, finish } = usePackImport();
  const { reload } = installed;
  useEffect(() => api.on('packs.changed', () => reload()), [reload]);

  return (
    <div className="teacher-grid packs-admin">
      <section className="card import-card" aria-labelledby="import-title">
        <h2 id="import-title">{t('packs.import.title')}</h2>
        <p className="hint">{t('packs.import.body')}</p>
        {/* Kept (hidden) while a pack is checked: the path and what was found are there again after. */}
        <div hidden={phase.kind !== 'idle'}>
          <PackImportChoices onFile={(file) => void uploadFile(file)} onPath={checkPath} />
        </div>
        {phase.kind === 'working' && <PackImportProgress phase={phase} />}
        {phase.kind === 'preview' && (
          <PreviewCard
            preview={phase.preview}
            onInstalled={(pack) => {
              finish(t('packs.preview.installed', { title: plainText(pick(pack.title, i18n.language)), version: pack.version }));
              installed.reload();
            }}
            onDiscard={() => {
              void api.invoke('packs.discard', { stagingId: phase.preview.stagingId });
              finish(t('packs.preview.discarded'));
            }}
          />
        )}
        <Notice message={message} />
      </section>
      <InstalledPacks packs={installed.data} onChanged={installed.reload} />
      <TrustCard />
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
      {error && <ErrorNotice>{error}</ErrorNotice>}
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
