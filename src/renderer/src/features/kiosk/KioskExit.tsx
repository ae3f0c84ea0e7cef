import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { KiteError } from '../../../../shared/errors';
import { registerCornerTap } from '../../../../shared/kiosk';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The teacher's way out of kiosk mode: five quick taps in the top-left corner open a PIN dialog.
 * Mounted once for the whole app; it does nothing unless the desktop app runs in kiosk mode.
 */
export function KioskExit() {
  const [kiosk, setKiosk] = useState(false);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    api.invoke('kiosk.status').then((s) => setKiosk(s.kiosk), () => setKiosk(false));
  }, []);

  useEffect(() => {
    if (!kiosk) return;
    let history: number[] = [];
    // Open on the click that ends the fifth tap, and swallow it: the tap must not also press
    // whatever lies in the corner, and the browser moves focus on mousedown, before the click.
    const openOnClick = (event: MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
      setOpen(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      const step = registerCornerTap(history, { x: event.clientX, y: event.clientY, time: event.timeStamp });
      history = step.history;
      if (step.triggered) window.addEventListener('click', openOnClick, { capture: true, once: true });
    };
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('click', openOnClick, { capture: true });
    };
  }, [kiosk]);

  return open ? <KioskExitDialog onClose={() => setOpen(false)} /> : null;
}

function KioskExitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const [state, setState] = useState<'idle' | 'busy' | 'exiting'>('idle');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setState('busy');
    try {
      await api.invoke('kiosk.exit', { pin });
      setState('exiting');
    } catch (e) {
      if (e instanceof KiteError && e.code === 'pin_wrong') setError(t('kiosk.exit.triesLeft', { tries: e.details?.triesLeft }));
      else if (e instanceof KiteError && e.code === 'pin_locked') setError(t('kiosk.exit.locked', { minutes: Math.ceil(Number(e.details?.seconds ?? 300) / 60) }));
      else setError(errorText(t, e));
      setPin('');
      setState('idle');
      input.current?.focus();
    }
  };

  return (
    <div className="kiosk-backdrop">
      <form className="card kiosk-dialog" role="dialog" aria-modal="true" aria-labelledby="kiosk-exit-title" onSubmit={(e) => void submit(e)}>
        <h2 id="kiosk-exit-title">{t('kiosk.exit.title')}</h2>
        <p>{t('kiosk.exit.body')}</p>
        <label className="field">
          <span>{t('kiosk.exit.pin')}</span>
          <input
            ref={input}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            required
            value={pin}
            disabled={state !== 'idle'}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        {state === 'exiting' && (
          <p role="status" className="notice ok">
            {t('kiosk.exit.closing')}
          </p>
        )}
        <div className="kiosk-actions">
          <button className="secondary" type="button" onClick={onClose} disabled={state === 'exiting'}>
            {t('kiosk.exit.cancel')}
          </button>
          <button className="primary" type="submit" disabled={state !== 'idle' || pin.length < 4}>
            {t('kiosk.exit.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
