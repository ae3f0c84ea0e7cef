import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { RichText } from '../../components/RichText';
import { plainText } from '../../../../shared/markup';
import type { InstalledPack } from '../../../../shared/contract';
import { formatBytes, pick } from './text';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The packs on this PC, each with a two-step uninstall (pupils' progress is kept). */
export function InstalledPacks({ packs, onChanged }: { packs: InstalledPack[] | undefined; onChanged: () => void }) {
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
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}
