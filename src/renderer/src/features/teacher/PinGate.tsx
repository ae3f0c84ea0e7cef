import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { errorText } from '../../lib/errors';
import { KiteError } from '../../../../shared/errors';
import type { SessionInfo } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';

export function PinGate({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const setSession = useApp((s) => s.setSession);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const firstStart = !session.pinSet;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (firstStart && pin !== confirm) return setError(t('teacher.setPin.mismatch'));
    setBusy(true);
    try {
      setSession(firstStart ? await api.invoke('auth.setPin', { pin }) : await api.invoke('auth.teacherSignIn', { pin }));
    } catch (e) {
      if (e instanceof KiteError && e.code === 'pin_wrong') setError(t('teacher.signIn.triesLeft', { tries: e.details?.triesLeft }));
      else if (e instanceof KiteError && e.code === 'pin_locked') setError(t('teacher.signIn.locked', { minutes: Math.ceil(Number(e.details?.seconds ?? 300) / 60) }));
      else setError(errorText(t, e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  const prefix = firstStart ? 'teacher.setPin' : 'teacher.signIn';
  return (
    <form className="card pin-card" onSubmit={(e) => void submit(e)} aria-labelledby="pin-title">
      <h1 id="pin-title">{t(`${prefix}.title`)}</h1>
      <p>{t(`${prefix}.body`)}</p>
      <label className="field">
        <span>{t(`${prefix}.pin`)}</span>
        <input type="password" inputMode="numeric" autoComplete="off" pattern="\d{4,8}" minLength={4} maxLength={8} required value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      </label>
      {firstStart && (
        <label className="field">
          <span>{t('teacher.setPin.confirm')}</span>
          <input type="password" inputMode="numeric" autoComplete="off" pattern="\d{4,8}" minLength={4} maxLength={8} required value={confirm} onChange={(e) => setConfirm(e.target.value.replace(/\D/g, ''))} />
        </label>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <button className="primary" type="submit" disabled={busy}>
        {t(`${prefix}.submit`)}
      </button>
    </form>
  );
}
