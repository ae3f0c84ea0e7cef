import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { QrCode, joinLink } from '../room/QrCode';
import { HeadsetJoin } from '../room/HeadsetJoin';

/**
 * The projector's way into the room on a hub (opened from the teacher's console): the join code in
 * large type with the same QR code as the room tab, for pupil PCs, tablets and headsets. Elsewhere,
 * and on a screen that is not the teacher's, nothing (the header shows the address browsers open).
 */
export function ProjectorJoin() {
  const { t } = useTranslation();
  const room = useAsync(() => api.invoke('room.status').catch(() => undefined));
  const hub = room.data?.hub;
  const address = hub?.addresses[0];
  if (!hub || !address) return null;
  return (
    <aside className="projector-room" aria-labelledby="projector-room-title">
      <h2 id="projector-room-title" className="projector-code-label">
        {t('session.projector.code')}
      </h2>
      <div className="projector-code-block">
          <div>
            <p className="projector-code" aria-label={t('room.hub.codeLabel', { code: hub.joinCode.split('').join(' ') })}>
              {hub.joinCode.slice(0, 3)}&thinsp;{hub.joinCode.slice(3)}
            </p>
            <p className="projector-hub-address">{t('session.projector.hub', { address: address.replace(/^https:\/\//, '') })}</p>
          </div>
          <QrCode text={joinLink(address, hub.joinCode, hub.fingerprint)} label={t('room.hub.qr')} size={200} />
      </div>
      <HeadsetJoin address={address} code={hub.joinCode} fingerprint={hub.fingerprint} size={160} />
    </aside>
  );
}
