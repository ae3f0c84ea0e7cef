import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors';
import { headsetApi } from './api';
import { SpokenHeading } from './SpokenHeading';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Joining from a headset: the 6-digit code on the teacher's screen, typed with big buttons (a headset's
 * own keyboard is small and slow), or brought by the QR code (then it joins at once).
 */
export function JoinPad({ initialCode, removed, onJoined }: { initialCode: string; removed: boolean; onJoined: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const auto = useRef(initialCode);

  const join = useCallback(
    async (tried: string) => {
      setBusy(true);
      setError(undefined);
      try {
        await headsetApi.join(tried);
        onJoined();
      } catch (e) {
        setError(errorText(t, e));
        setCode('');
      } finally {
        setBusy(false);
      }
    },
    [onJoined, t],
  );
  const press = (digit: string) => setCode((c) => (c.length < 6 ? c + digit : c));
  const erase = () => setCode((c) => c.slice(0, -1));

  useEffect(() => {
    if (!/^\d{6}$/.test(auto.current)) return;
    const fromQr = auto.current;
    auto.current = '';
    void join(fromQr);
  }, [join]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') erase();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="headset-join" aria-labelledby="headset-join-title">
      <SpokenHeading id="headset-join-title" text={t(removed ? 'headset.join.removed' : 'headset.join.prompt')} />
      <p className="headset-code" role="status" aria-label={t('headset.join.typed', { digits: code.split('').join(' ') || '–' })}>
        {Array.from({ length: 6 }, (_, i) => (
          <span key={i} className={i === code.length ? 'next' : undefined}>
            {code[i] ?? ''}
          </span>
        ))}
      </p>
      <div className="headset-keys">
        {DIGITS.map((d) => (
          <button key={d} type="button" className="secondary" disabled={busy} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="secondary" disabled={busy || code === ''} onClick={erase} aria-label={t('headset.join.erase')}>
          ⌫
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="primary" disabled={busy || code.length !== 6} onClick={() => void join(code)}>
          {t('headset.join.go')}
        </button>
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
