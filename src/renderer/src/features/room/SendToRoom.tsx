import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import type { RoomContent } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';

const megabytes = (bytes: number) => Math.max(0.1, Math.round(bytes / 1e5) / 10);

/** On the hub: tick lesson packs and drone videos, send them to every pupil PC. */
export function SendToRoom({ content, onSent }: { content: RoomContent; onSent: () => void }) {
  const { t } = useTranslation();
  const [packs, setPacks] = useState<string[]>([]);
  const [media, setMedia] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const toggle = (list: string[], set: (l: string[]) => void, id: string) => (set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]), setSent(false));
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('room.send', { packs, media });
      onSent();
      setSent(true);
      setPacks([]);
      setMedia([]);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const { sendable } = content;
  return (
    <section className="card room-send" aria-labelledby="room-send-title">
      <h2 id="room-send-title">{t('room.content.send.title')}</h2>
      <p>{t('room.content.send.about')}</p>
      <div className="room-send-lists">
        <fieldset>
          <legend>{t('room.content.send.packs')}</legend>
          {sendable.packs.length === 0 && <p>{t('room.content.send.noPacks')}</p>}
          {sendable.packs.map((p) => (
            <label key={p.id} className="room-send-choice">
              <input type="checkbox" checked={packs.includes(p.id)} onChange={() => toggle(packs, setPacks, p.id)} />
              <span>
                {p.title} <span className="room-small">{t('room.content.version', { version: p.version })}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('room.content.send.media')}</legend>
          {sendable.media.length === 0 && <p>{t('room.content.send.noMedia')}</p>}
          {sendable.media.map((m) => (
            <label key={m.sha256} className="room-send-choice">
              <input type="checkbox" checked={media.includes(m.sha256)} onChange={() => toggle(media, setMedia, m.sha256)} />
              <span>
                {m.title} <span className="room-small">{t('room.content.megabytes', { mb: megabytes(m.size) })}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <button type="button" className="primary" disabled={busy || packs.length + media.length === 0} onClick={() => void send()}>
        {busy ? t('room.content.send.sending') : t('room.content.send.button', { count: packs.length + media.length })}
      </button>
      {sent && (
        <p role="status" className="notice ok">
          {t('room.content.send.sent')}
        </p>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}
