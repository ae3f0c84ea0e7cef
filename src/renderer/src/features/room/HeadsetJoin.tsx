import { useTranslation } from 'react-i18next';
import { shortFingerprint } from '../../../../shared/contract/hub';
import { QrCode } from './QrCode';

/**
 * The address a headset opens first: the hub's port in plain HTTP, the page that explains the certificate
 * warning (src/core/hub/headset/explain.ts). The join code rides in the fragment, which is never sent.
 */
export function headsetLink(address: string, code?: string): string {
  return `http://${new URL(address).host}/headset${code ? `#code=${code}` : ''}`;
}

/** A VR headset drawn simply: the band and the two lenses. */
export function HeadsetIcon() {
  return (
    <svg className="headset-icon" viewBox="0 0 32 20" width="28" height="18" aria-hidden="true">
      <path d="M3 5h26a2 2 0 0 1 2 2v7a3 3 0 0 1-3 3h-7l-3-4h-4l-3 4H4a3 3 0 0 1-3-3V7a2 2 0 0 1 2-2z" fill="currentColor" />
      <circle cx="9.5" cy="10.5" r="3" fill="#fff" />
      <circle cx="22.5" cy="10.5" r="3" fill="#fff" />
    </svg>
  );
}

/**
 * How a VR headset joins (room tab and projector): its QR code opens the explanation page in the
 * headset's browser, carrying the join code; the certificate's short fingerprint to compare with the
 * one that page shows.
 */
export function HeadsetJoin({ address, code, fingerprint, size = 200 }: { address: string; code: string; fingerprint: string; size?: number }) {
  const { t } = useTranslation();
  const link = headsetLink(address);
  return (
    <div className="headset-join-card">
      <QrCode text={headsetLink(address, code)} label={t('room.headsets.qr')} size={size} />
      <div>
        <h3>
          <HeadsetIcon /> {t('room.headsets.title')}
        </h3>
        <p>{t('room.headsets.howTo')}</p>
        <p className="room-address">
          <strong>{link.replace(/^http:\/\//, '')}</strong>
        </p>
        <p className="room-small">{t('room.headsets.fingerprint', { fingerprint: shortFingerprint(fingerprint) })}</p>
      </div>
    </div>
  );
}
