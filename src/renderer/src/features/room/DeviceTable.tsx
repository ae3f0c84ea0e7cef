import { useTranslation } from 'react-i18next';
import type { RoomDevice } from '../../../../shared/contract';
import { HeadsetIcon } from './HeadsetJoin';

/** The room's PCs or headsets: name (headsets with their picture and label), address, last seen, and a remove button each. */
export function DeviceTable({ devices, onRemove }: { devices: RoomDevice[]; onRemove: (device: RoomDevice) => void }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : t('room.devices.never'));
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('room.devices.name')}</th>
          <th scope="col">{t('room.devices.address')}</th>
          <th scope="col">{t('room.devices.lastSeen')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('room.devices.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.id}>
            <td>
              {d.kind === 'headset' && (
                <span className="room-device-kind">
                  <HeadsetIcon /> {t('room.headsets.kind')}
                </span>
              )}
              {d.name}
            </td>
            <td>{d.address?.replace(/^::ffff:/, '') ?? '–'}</td>
            <td>{when(d.lastSeenAt)}</td>
            <td>
              <button type="button" className="secondary" onClick={() => onRemove(d)} aria-label={t('room.devices.removeOne', { name: d.name })}>
                {t('room.devices.remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
