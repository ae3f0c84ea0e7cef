import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonView, SessionDashboard } from '../../../../shared/contract';
import { hrefFor } from '../../lib/router';
import { plainIn, stepLabel } from './lessonText';
import type { SessionAct } from './useTeacherSession';

const PAUSE_CHOICES = [null, 60, 120, 300] as const;

/** The session's head: lesson and step, follow-me or free, pause all screens, projector, end. */
export function SessionControls({ board, view, act }: { board: SessionDashboard; view?: LessonView; act: SessionAct }) {
  const { t, i18n } = useTranslation();
  const live = board.state.live;
  const [pauseFor, setPauseFor] = useState<number | null>(null);
  // The step asked for and not yet shown: two quick taps on "next" are two steps, not one asked twice,
  // and they are sent one after the other so they arrive in order.
  const asked = useRef<number | null>(null);
  const sending = useRef<Promise<unknown>>(Promise.resolve());
  if (!live) return null;
  const steps = view?.lesson.steps ?? [];
  const step = steps[live.step.index];
  const total = steps.length;
  const stepBy = (delta: number) => {
    const to = Math.max(0, Math.min((asked.current ?? live.step.index) + delta, total > 0 ? total - 1 : Infinity));
    asked.current = to;
    sending.current = sending.current
      .then(() => act('session.goToStep', { index: to }))
      .then(() => {
        if (asked.current === to) asked.current = null;
      });
  };
  const confirmEnd = () => window.confirm(t('session.end.confirm')) && void act('session.end', {});

  return (
    <section className="card session-head" aria-labelledby="session-title">
      <div className="session-head-row">
        <h2 id="session-title">
          {t('session.title', { className: board.className ?? '' })}
          {view && <span className="session-lesson">{plainIn(view.lesson.title, i18n.language)}</span>}
        </h2>
        <a className="button-link" href={hrefFor('projector')}>
          {t('session.projector.open')}
        </a>
        <button type="button" className="danger" onClick={confirmEnd}>
          {t('session.end.button')}
        </button>
      </div>

      <div className="session-head-row">
        <div className="segmented" role="group" aria-label={t('session.mode.label')}>
          {(['follow', 'free'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={live.mode === m} onClick={() => void act('session.setMode', { mode: m })}>
              {t(`session.mode.${m}`)}
            </button>
          ))}
        </div>
        <p className="session-mode-help">{t(`session.mode.${live.mode}Help`)}</p>
      </div>

      <div className="session-step" aria-live="polite">
        <button type="button" className="secondary" disabled={live.step.index === 0} onClick={() => stepBy(-1)}>
          ← {t('session.step.previous')}
        </button>
        <p className="session-step-now">
          <strong>{t('session.stepOf', { n: live.step.index + 1, total: total || '…' })}</strong> {step ? stepLabel(step, i18n.language) : ''}
        </p>
        <button type="button" className="primary" disabled={total > 0 && live.step.index >= total - 1} onClick={() => stepBy(1)}>
          {t('session.step.next')} →
        </button>
      </div>

      <div className="session-head-row session-pause">
        {live.pause ? (
          <>
            <p className="notice warn">{live.pause.secondsLeft === null ? t('session.pause.on') : t('session.pause.onFor', { seconds: live.pause.secondsLeft })}</p>
            <button type="button" className="primary" onClick={() => void act('session.resume', {})}>
              {t('session.pause.resume')}
            </button>
          </>
        ) : (
          <>
            <label className="field">
              {t('session.pause.countdownLabel')}
              <select value={pauseFor ?? ''} onChange={(e) => setPauseFor(e.target.value ? Number(e.target.value) : null)}>
                {PAUSE_CHOICES.map((s) => (
                  <option key={s ?? 'none'} value={s ?? ''}>
                    {s === null ? t('session.pause.noCountdown') : t('session.pause.minutes', { count: s / 60 })}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" onClick={() => void act('session.pause', { seconds: pauseFor })}>
              {t('session.pause.button')}
            </button>
          </>
        )}
        <label className="field session-stuck">
          {t('session.start.stuck')}
          <input type="number" min={1} max={60} value={board.stuckMinutes} onChange={(e) => void act('session.setStuckMinutes', { minutes: Math.max(1, Math.min(60, Number(e.target.value) || 1)) })} />
        </label>
      </div>
    </section>
  );
}
