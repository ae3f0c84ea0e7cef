import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import type { ReachFinding, RoomDevice, RoomStatus } from '../../../../shared/contract';
import { shortFingerprint } from '../../../../shared/contract/hub';
import { PinField } from './PinField';
import { QrCode, joinLink } from './QrCode';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DeviceTable } from './DeviceTable';
import { HeadsetJoin } from './HeadsetJoin';

type Hub = NonNullable<RoomStatus['hub']>;

/** On the hub: the join code in large type with its QR code, the room's PCs, and the reach self-test. */
export function HubPanel({ hub, onChange }: { hub: Hub; onChange: (s: RoomStatus) => void }) {
  const { t } = useTranslation();
  const address = hub.addresses[0];
  return (
    <>
      <section className="card room-join" aria-labelledby="room-join-title">
        <h2 id="room-join-title">{t('room.hub.title')}</h2>
        {address ? (
          <>
          <div className="room-join-body">
            <div>
              <p>{t('room.hub.howTo')}</p>
              <p className="room-code" aria-label={t('room.hub.codeLabel', { code: hub.joinCode.split('').join(' ') })}>
                {hub.joinCode.slice(0, 3)}&thinsp;{hub.joinCode.slice(3)}
              </p>
              <p className="room-address">
                {t('room.hub.address')} <strong>{address.replace(/^https:\/\//, '')}</strong>
              </p>
              {hub.addresses.length > 1 && <p className="room-small">{t('room.hub.otherAddresses', { list: hub.addresses.slice(1).map((a) => a.replace(/^https:\/\//, '')).join(', ') })}</p>}
              <p className="room-small">{t('room.hub.fingerprint', { fingerprint: shortFingerprint(hub.fingerprint) })}</p>
            </div>
            <QrCode text={joinLink(address, hub.joinCode, hub.fingerprint)} label={t('room.hub.qr')} />
          </div>
          <HeadsetJoin address={address} code={hub.joinCode} fingerprint={hub.fingerprint} size={160} />
          </>
        ) : (
          <p className="notice warn">{t('room.hub.notServing')}</p>
        )}
        {hub.joinLocked && <ErrorNotice>{t('errors.join_code_locked')}</ErrorNotice>}
        <button type="button" className="secondary" onClick={() => void api.invoke('room.renewCode').then(onChange)}>
          {t('room.hub.renew')}
        </button>
      </section>
      <Devices devices={hub.devices} onChange={onChange} />
      <SelfTest />
    </>
  );
}

function Devices({ devices, onChange }: { devices: RoomDevice[]; onChange: (s: RoomStatus) => void }) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<RoomDevice>();
  const [error, setError] = useState<string>();
  const pcs = devices.filter((d) => d.kind !== 'headset');
  const headsets = devices.filter((d) => d.kind === 'headset');
  const pick = (d: RoomDevice) => (setRemoving(d), setError(undefined));
  const remove = async (pin: string) => {
    if (!removing) return;
    setError(undefined);
    try {
      onChange(await api.invoke('room.removeDevice', { deviceId: removing.id, pin }));
      setRemoving(undefined);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <section className="card room-devices" aria-labelledby="room-devices-title">
      <h2 id="room-devices-title">{t('room.devices.title', { count: pcs.length })}</h2>
      {pcs.length === 0 ? (
        <p>{t('room.devices.none')}</p>
      ) : (
        <DeviceTable devices={pcs} onRemove={pick} />
      )}
      {headsets.length > 0 && (
        <>
          <h3>{t('room.headsets.listTitle', { count: headsets.length })}</h3>
          <DeviceTable devices={headsets} onRemove={pick} />
        </>
      )}
      {removing && <PinField danger label={t('room.devices.confirm', { name: removing.name })} submit={t('room.devices.removeOne', { name: removing.name })} onSubmit={remove} />}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}

function SelfTest() {
  const { t } = useTranslation();
  const [findings, setFindings] = useState<ReachFinding[]>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setFindings(await api.invoke('room.selfTest'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card room-selftest" aria-labelledby="room-selftest-title">
      <h2 id="room-selftest-title">{t('room.selfTest.title')}</h2>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run()}>
        {busy ? t('room.selfTest.running') : t('room.selfTest.run')}
      </button>
      {findings && (
        <ul className="room-findings" role="status">
          {findings.map((f) => (
            <li key={f.code} className={`notice ${f.status === 'fail' ? 'error' : f.status}`}>
              {t(`room.selfTest.${f.code}`, f.params)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
