import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SpeakButton } from '../../components/SpeakButton';
import { KiteLogo } from '../../components/icons';
import { HandIcon } from './HandIcon';
import { usePupil } from '../pupils/store';
import { useFollowTeacher } from './follow';
import { PollOverlay } from './PollOverlay';
import { ShownAnswer } from './ShownAnswer';
import { TourLayer } from './TourLayer';
import { timed } from './hubClock';
import { clock, secondsLeft, useClassSession, useLive } from './store';

/** How often a pupil's screen says it is here (the roll call; a screen silent for 20 s is offline). */
const HELLO_MS = 5000;

/** Everything the live session puts on a signed-in pupil's screen: follow-me, the pause, the hand, the poll. */
export function PupilSessionLayer() {
  const pupil = usePupil((s) => (s.session?.mode === 'pupil' ? s.session.pupil : undefined));
  const { t } = useTranslation();
  const live = useClassSession(pupil?.classId);
  const folded = useLive((s) => s.folded);
  useFollowTeacher(pupil?.classId);

  // Hello now and every few seconds: a screen that comes back (reload, network) gets the state again, pause included
  // (and reads the hub's clock: a video tour's clock runs on it).
  useEffect(() => {
    if (!pupil) return;
    let stopped = false;
    const hello = () =>
      timed(() => api.invoke('session.hello')).then(
        ({ state, me }) => {
          if (stopped) return;
          useLive.getState().apply(state);
          const poll = state.live?.poll;
          if (poll && me?.pollAnswer) useLive.getState().setAnswer({ pollId: poll.id, optionId: me.pollAnswer });
        },
        () => undefined,
      );
    void hello();
    const timer = setInterval(() => void hello(), HELLO_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pupil?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!pupil || !live) return null;
  const handUp = live.hands.includes(pupil.id);
  return (
    <>
      <div className="session-bar">
        <SessionBarText mode={live.mode} />
        {live.poll && folded === live.poll.id && (
          <button type="button" className="secondary" onClick={() => useLive.getState().fold(null)}>
            {t('session.poll.reopen')}
          </button>
        )}
        <HandButton up={handUp} />
      </div>
      {live.tour && <TourLayer key={live.tour.id} tour={live.tour} />}
      {live.poll && <PollOverlay live={live} />}
      {live.shown?.step && <ShownAnswer key={`${live.shown.step.stepId}-${live.shown.name ?? ''}`} live={live} shown={{ ...live.shown, step: live.shown.step }} />}
      {live.pause && <PauseOverlay />}
    </>
  );
}

/** A slim bar under the header while the class session runs: what is happening, and the hand. */
function SessionBarText({ mode }: { mode: 'follow' | 'free' }) {
  const { t, i18n } = useTranslation();
  const words = t(`session.bar.${mode}`);
  return (
    <p className="session-bar-text">
      <KiteLogo size={32} /> {words} <SpeakButton text={words} lang={i18n.language} />
    </p>
  );
}

function HandButton({ up }: { up: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const toggle = () => {
    setBusy(true);
    api
      .invoke('session.raiseHand', { up: !up })
      .then(({ state }) => useLive.getState().apply(state))
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <div className={`hand-dock${up ? ' up' : ''}`}>
      {up && <span className="hand-note">{t('session.hand.waiting')}</span>}
      <button type="button" className="hand-button" aria-pressed={up} disabled={busy} onClick={toggle}>
        <HandIcon size={36} />
        {up ? t('session.hand.lower') : t('session.hand.raise')}
      </button>
    </div>
  );
}

/** 黑屏肃静: a calm full-screen message over everything, with the countdown if the teacher set one. */
function PauseOverlay() {
  const { t, i18n } = useTranslation();
  const { state, receivedAt } = useLive();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  // Everything behind the pause is out of reach (keyboard and screen readers too).
  useEffect(() => {
    const app = document.querySelector('.app');
    app?.setAttribute('inert', '');
    return () => app?.removeAttribute('inert');
  }, []);
  const left = secondsLeft(state?.live ?? undefined, receivedAt, now);
  const words = t('session.pause.message');
  return createPortal(
    <div className="pause-overlay" role="dialog" aria-modal="true" aria-labelledby="pause-title">
      <div className="pause-card">
        <span className="pause-art">
          <KiteLogo size={120} />
        </span>
        <h2 id="pause-title">{t('session.pause.title')}</h2>
        <p className="pause-message">
          {words} <SpeakButton text={`${t('session.pause.title')} ${words}`} lang={i18n.language} />
        </p>
        {left !== null && left > 0 && (
          <p className="pause-countdown" role="timer" aria-label={t('session.pause.countdown', { time: clock(left) })}>
            {clock(left)}
          </p>
        )}
      </div>
    </div>,
    document.body,
  );
}
