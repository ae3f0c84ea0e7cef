import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { KiteError } from '../../../../shared/errors';
import type { FoundHub, RoomStatus } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';

/** On a pupil PC: which hub it belongs to, and whether the hub can be reached now. */
export function PupilPcPanel({ pupilPc }: { pupilPc: NonNullable<RoomStatus['pupilPc']> }) {
  const { t } = useTranslation();
  const host = pupilPc.address.replace(/^https:\/\//, '');
  return (
    <section className="card room-pupil" aria-labelledby="room-pupil-title">
      <h2 id="room-pupil-title">{t('room.pupilPc.title')}</h2>
      <p>{t('room.pupilPc.paired', { address: host, name: pupilPc.deviceName })}</p>
      {pupilPc.link === 'online' ? (
        <p role="status" className="notice ok">
          {t('room.pupilPc.online')}
        </p>
      ) : (
        <p role="status" className="notice warn">
          {pupilPc.error ? errorText(t, KiteError.fromPayload({ ...pupilPc.error, details: { ...pupilPc.error.details, address: host } })) : t('room.pupilPc.connecting')}
        </p>
      )}
    </section>
  );
}

/** Join a hub: its address and the 6-digit code from the teacher's screen. */
export function JoinForm({ onJoined }: { onJoined: (s: RoomStatus) => void }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<FoundHub[]>();
  const [finding, setFinding] = useState(false);
  const find = async () => {
    setFinding(true);
    try {
      setFound(await api.invoke('room.discover'));
    } finally {
      setFinding(false);
    }
  };
  const join = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onJoined(await api.invoke('room.join', { address, code }));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card room-join-form" aria-labelledby="room-joinform-title">
      <h2 id="room-joinform-title">{t('room.joinForm.title')}</h2>
      <p>{t('room.joinForm.body')}</p>
      <button type="button" className="secondary" disabled={finding} onClick={() => void find()}>
        {finding ? t('room.joinForm.finding') : t('room.joinForm.find')}
      </button>
      {found && found.length === 0 && <p className="notice warn">{t('room.joinForm.noneFound')}</p>}
      {found && found.length > 0 && (
        <ul className="room-found">
          {found.map((h) => (
            <li key={h.hubId}>
              <button type="button" className="secondary" onClick={() => setAddress(h.address.replace(/^https:\/\//, ''))}>
                {t('room.joinForm.pick', { name: h.name, address: h.address.replace(/^https:\/\//, '') })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void join(e)}>
        <label>
          <span>{t('room.joinForm.address')}</span>
          <input required value={address} placeholder="192.168.1.10:5317" onChange={(e) => setAddress(e.target.value)} />
        </label>
        <label>
          <span>{t('room.joinForm.code')}</span>
          <input required inputMode="numeric" autoComplete="off" pattern="\d{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('room.joinForm.joining') : t('room.joinForm.join')}
        </button>
      </form>
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}
