import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoiceFor } from '../../lib/voices';
import { LANGUAGES } from '../../../../shared/languages';

/**
 * Teacher console → Health check: does this PC have a speech voice for each app language? Without a
 * Chinese one the speaker buttons cannot read, so say so and how to add one on Windows and Linux.
 * (Checked in this window: the voices are the PC's, which the core cannot see.)
 */
export function VoiceHealth() {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  return (
    <section className="card health voice-health" aria-labelledby="voice-health-title">
      <h2 id="voice-health-title">{t('kiosk.voice.title')}</h2>
      <p>{t('kiosk.voice.body')}</p>
      <ul className="voice-list">
        {LANGUAGES.map((lang) => (
          <VoiceLine key={`${lang}-${round}`} lang={lang} />
        ))}
      </ul>
      <button className="secondary" type="button" onClick={() => setRound((r) => r + 1)}>
        {t('kiosk.voice.again')}
      </button>
    </section>
  );
}

function VoiceLine({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const voice = useVoiceFor(lang);
  const language = t(`languages.${lang}`);
  if (voice === undefined) return <li className="notice">{t('kiosk.voice.checking')}</li>;
  if (voice) return <li className="notice ok">{t('kiosk.voice.has', { language, name: voice.name })}</li>;
  return (
    <li className="notice warn voice-missing">
      <strong>{t('kiosk.voice.missing', { language })}</strong>
      {lang.startsWith('zh') && (
        <>
          <span className="voice-how-title">{t('kiosk.voice.howTitle')}</span>
          <span>{t('kiosk.voice.windows')}</span>
          <span>{t('kiosk.voice.linux')}</span>
        </>
      )}
    </li>
  );
}
