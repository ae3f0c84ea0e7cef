import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import type { MachineRole } from '../../../../shared/config';
import type { RoomStatus } from '../../../../shared/contract';
import { HubPanel } from './HubPanel';
import { RoomContentPanel } from './RoomContentPanel';
import { JoinForm, PupilPcPanel } from './PupilPcPanel';
import { PinField } from './PinField';
import { ErrorNotice } from '../../components/ErrorNotice';

const ROLES: MachineRole[] = ['standalone', 'hub', 'pupil-pc'];

/** Teacher console → Classroom: this PC's role, and the hub's join code and devices or the pupil PC's hub. */
export default function RoomSection() {
  const { t } = useTranslation();
  const loaded = useAsync(() => api.invoke('room.status'));
  const [status, setStatus] = useState<RoomStatus>();
  const current = status ?? loaded.data;

  return (
    <div className="room">
      {loaded.error !== undefined && <ErrorNotice>{errorText(t, loaded.error)}</ErrorNotice>}
      {!current && loaded.error === undefined && <p role="status">{t('app.loading')}</p>}
      {current?.hub && <HubPanel hub={current.hub} onChange={setStatus} />}
      {current?.role === 'hub' && <RoomContentPanel />}
      {current?.role === 'pupil-pc' && current.pupilPc && <PupilPcPanel pupilPc={current.pupilPc} />}
      {current?.role !== 'hub' && !current?.pupilPc && current && <JoinForm onJoined={setStatus} />}
      {/* The role is chosen once; what the teacher needs every lesson (the join code) comes first. */}
      {current && <RoleCard status={current} onChange={setStatus} />}
    </div>
  );
}

function RoleCard({ status, onChange }: { status: RoomStatus; onChange: (s: RoomStatus) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<MachineRole>(status.role);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = async (pin: string) => {
    setError(undefined);
    try {
      onChange(await api.invoke('room.setRole', { role, pin }));
      setSaved(true);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <section className="card room-role" aria-labelledby="room-role-title">
      <h2 id="room-role-title">{t('room.role.title')}</h2>
      <fieldset className="room-roles">
        <legend>{t('room.role.legend')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="room-role-choice">
            <input type="radio" name="room-role" value={r} checked={role === r} onChange={() => (setRole(r), setSaved(false))} />
            <span>
              <strong>{t(`room.role.${r}.name`)}</strong>
              <span>{t(`room.role.${r}.about`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {role !== status.role && <PinField label={t('room.role.confirm')} submit={t('room.role.save')} onSubmit={save} />}
      {saved && (
        <p role="status" className="notice ok">
          {t('room.role.saved')}
        </p>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}
