import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The teacher PIN, asked again before a change that matters (a role change, removing a PC). */
export function PinField({ label, submit, onSubmit, danger = false }: { label: string; submit: string; onSubmit: (pin: string) => Promise<void>; danger?: boolean }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(pin);
    } finally {
      setBusy(false);
      setPin('');
    }
  };
  return (
    <form className="room-pin" onSubmit={(e) => void send(e)}>
      <label>
        <span>{label}</span>
        <input type="password" inputMode="numeric" autoComplete="off" required minLength={4} maxLength={8} aria-label={t('room.pin')} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      </label>
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
        {submit}
      </button>
    </form>
  );
}
