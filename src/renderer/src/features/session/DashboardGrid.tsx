import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardPupil, LessonView, SessionDashboard } from '../../../../shared/contract';
import { AvatarArt } from '../pupils/avatars';
import { OptionFace } from './PollParts';
import { placeWords } from './RollCall';
import type { SessionAct } from './useTeacherSession';
import { HandIcon } from './HandIcon';

/** The live dashboard: one card per pupil with their step, their last answer, stuck, online, hand and poll answer. */
export function DashboardGrid({ board, view, act }: { board: SessionDashboard; view?: LessonView; act: SessionAct }) {
  const { t } = useTranslation();
  const [hideName, setHideName] = useState(true);
  const poll = board.state.live?.poll;
  const shown = board.state.live?.shown;
  const steps = view?.lesson.steps ?? [];
  const stepId = board.state.live?.step.stepId;
  const stepNumber = (stepId: string | null) => (stepId ? steps.findIndex((s) => s.id === stepId) + 1 : 0);

  return (
    <section className="card session-dashboard" aria-labelledby="dashboard-title">
      <div className="session-head-row">
        <h2 id="dashboard-title">{t('session.dashboard.title')}</h2>
        {(poll || board.pupils.some((p) => p.lastAnswer?.stepId === stepId)) && (
          <label className="check">
            <input type="checkbox" checked={hideName} onChange={(e) => setHideName(e.target.checked)} /> {t('session.dashboard.hideName')}
          </label>
        )}
        {shown && (
          <button type="button" className="secondary" onClick={() => void act('session.showAnswer', { pupilId: null, hideName })}>
            {t('session.dashboard.stopShowing')}
          </button>
        )}
      </div>
      <ul className="dashboard-grid">
        {board.pupils.map((p) => (
          <PupilCard
            key={p.id}
            pupil={p}
            step={stepNumber(p.stepId)}
            answer={poll?.options.find((o) => o.id === p.pollAnswer)}
            answeredStep={p.lastAnswer?.stepId === stepId}
            onShow={() => void act('session.showAnswer', { pupilId: p.id, hideName })}
          />
        ))}
      </ul>
    </section>
  );
}

function PupilCard({
  pupil: p,
  step,
  answer,
  answeredStep,
  onShow,
}: {
  pupil: DashboardPupil;
  step: number;
  answer?: Parameters<typeof OptionFace>[0]['option'];
  /** Answered the session's step: their answer can be shown to the class too. */
  answeredStep: boolean;
  onShow: () => void;
}) {
  const { t } = useTranslation();
  const right = p.lastAnswer?.correct;
  return (
    <li className={`dash-card${p.online ? '' : ' offline'}${p.stuck ? ' stuck' : ''}`} aria-label={p.name}>
      <div className="dash-card-top">
        <AvatarArt avatar={p.avatar} size={40} />
        <span className="dash-card-name">{p.name}</span>
        {p.handUp && (
          <span className="badge hand" title={t('session.dashboard.handUp')}>
            <HandIcon size={20} />
            <span className="visually-hidden">{t('session.dashboard.handUp')}</span>
          </span>
        )}
      </div>
      <p className="dash-card-status">
        <span className={`dot ${p.online ? 'online' : 'offline'}`} aria-hidden="true" /> {p.online ? t('session.dashboard.online') : t('session.dashboard.offline')}
        {p.place && <span className="muted"> · {placeWords(p.place, t)}</span>}
      </p>
      <p>{step > 0 ? t('session.dashboard.atStep', { n: step }) : t('session.dashboard.noStep')}</p>
      {p.lastAnswer && right !== null && right !== undefined && (
        <p className={right ? 'answer-right' : 'answer-wrong'}>{right ? t('session.dashboard.right') : t('session.dashboard.wrong')}</p>
      )}
      {p.stuck && <p className="badge stuck-badge">{t('session.dashboard.stuck')}</p>}
      {(answer || answeredStep) && (
        <div className="dash-card-answer">
          <span>{t('session.dashboard.answered')}</span> {answer && <OptionFace option={answer} size={32} />}
          <button type="button" className="secondary small" aria-label={t('session.dashboard.showAnswerOf', { name: p.name })} onClick={onShow}>
            {t('session.dashboard.showAnswer')}
          </button>
        </div>
      )}
    </li>
  );
}
