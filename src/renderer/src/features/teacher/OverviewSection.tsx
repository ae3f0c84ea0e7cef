import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { LANGUAGES } from '../../../../shared/languages';
import type { Settings } from '../../../../shared/settings';

/** Times in warnings come as ISO strings (UTC); say them in the teacher's language and time zone. */
function withLocalDates(params: Record<string, string>, language: string): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) ? new Date(value).toLocaleString(language) : value]));
}

export default function OverviewSection() {
  const { t, i18n } = useTranslation();
  const overview = useAsync(() => Promise.all([api.invoke('home.summary'), api.invoke('app.health')]));
  const [summary, health] = overview.data ?? [];

  return (
    <>
      {health?.warnings && health.warnings.length > 0 && (
        <section className="card notice warn startup-warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t('teacher.warnings')}</h2>
          <ul>
            {health.warnings.map((warning) => (
              <li key={warning.text}>
                <p>{t(`teacher.startupWarning.${warning.code}`, withLocalDates(warning.params, i18n.language))}</p>
                <details>
                  <summary>{t('teacher.warningDetails')}</summary>
                  <p className="path">{warning.text}</p>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="teacher-grid">
        <section className="card" aria-labelledby="overview-title">
          <h2 id="overview-title">{t('teacher.overview.title')}</h2>
          {summary && health && (
            <dl className="facts">
              <dt>{t('teacher.overview.packs')}</dt>
              <dd>{summary.lessons.packs}</dd>
              <dt>{t('teacher.overview.videos')}</dt>
              <dd>{summary.media.videos}</dd>
              <dt>{t('teacher.overview.photos')}</dt>
              <dd>{summary.media.photos}</dd>
              <dt>{t('teacher.overview.dataDir')}</dt>
              <dd className="path">{health.dataDir}</dd>
              <dt>{t('teacher.overview.version')}</dt>
              <dd>{health.appVersion}</dd>
            </dl>
          )}
        </section>
        <SettingsForm />
        <ChangePinForm />
      </div>
    </>
  );
}

function SettingsForm() {
  const { t } = useTranslation();
  const { settings, setSettings } = useApp();
  const [draft, setDraft] = useState<Settings | undefined>(settings);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (!draft) return null;
  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setSettings(await api.invoke('settings.update', draft));
      setMessage({ ok: true, text: t('teacher.settings.saved') });
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
  };

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('teacher.settings.title')}</h2>
      <label className="field">
        <span>{t('teacher.settings.schoolName')}</span>
        <input value={draft.schoolName} maxLength={60} onChange={(e) => change('schoolName', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('teacher.settings.classroomName')}</span>
        <input value={draft.classroomName} maxLength={60} onChange={(e) => change('classroomName', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('teacher.settings.language')}</span>
        <select value={draft.language} onChange={(e) => change('language', e.target.value as Settings['language'])}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('teacher.settings.idleTimeout')}</span>
        <input type="number" min={1} max={120} value={draft.idleTimeoutMinutes} onChange={(e) => change('idleTimeoutMinutes', Number(e.target.value))} />
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.pinyinDefault} onChange={(e) => change('pinyinDefault', e.target.checked)} />
        <span>{t('teacher.settings.pinyinDefault')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.autoplayNarration} onChange={(e) => change('autoplayNarration', e.target.checked)} />
        <span>{t('teacher.settings.autoplayNarration')}</span>
      </label>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
          {message.text}
        </p>
      )}
      <button className="primary" type="submit">
        {t('teacher.settings.save')}
      </button>
    </form>
  );
}

function ChangePinForm() {
  const { t } = useTranslation();
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.invoke('auth.changePin', { currentPin, newPin });
      setMessage({ ok: true, text: t('teacher.changePin.done') });
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, e) });
    }
    setCurrentPin('');
    setNewPin('');
  };

  const digits = (set: (v: string) => void) => (e: { target: { value: string } }) => set(e.target.value.replace(/\D/g, ''));
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="change-pin-title">
      <h2 id="change-pin-title">{t('teacher.changePin.title')}</h2>
      <label className="field">
        <span>{t('teacher.changePin.current')}</span>
        <input type="password" inputMode="numeric" autoComplete="off" required minLength={4} maxLength={8} value={currentPin} onChange={digits(setCurrentPin)} />
      </label>
      <label className="field">
        <span>{t('teacher.changePin.next')}</span>
        <input type="password" inputMode="numeric" autoComplete="off" required minLength={4} maxLength={8} value={newPin} onChange={digits(setNewPin)} />
      </label>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
          {message.text}
        </p>
      )}
      <button className="secondary" type="submit">
        {t('teacher.changePin.submit')}
      </button>
    </form>
  );
}
