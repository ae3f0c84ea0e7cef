import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PICTURES } from '../../../../shared/avatars';
import type { LessonView, PollInput, PollPicture, SessionDashboard } from '../../../../shared/contract';
import { PictureArt } from '../pupils/avatars';
import { localText, PollChart } from './PollParts';
import { stepLabel } from './lessonText';
import type { SessionAct } from './useTeacherSession';

type Kind = PollInput['kind'];

/** Quick poll: a question from the lesson, or a true/false or picture question typed now; the answers count live. */
export function PollPanel({ board, view, act }: { board: SessionDashboard; view?: LessonView; act: SessionAct }) {
  const { t, i18n } = useTranslation();
  const poll = board.state.live?.poll;
  const counts = board.poll?.counts;
  if (poll && counts && board.poll) {
    const present = board.pupils.length;
    return (
      <section className="card session-poll" aria-labelledby="poll-title">
        <h2 id="poll-title">{t('session.poll.title')}</h2>
        <p className="poll-question-teacher">{localText(poll.question, i18n.language)}</p>
        <PollChart poll={poll} counts={counts} correct={board.poll.correct} />
        <p>{t('session.poll.answeredOf', { n: poll.answered, total: present })}</p>
        <div className="button-row">
          <button type="button" className="secondary" aria-pressed={board.poll.showing} onClick={() => void act('session.showResults', { show: !board.poll?.showing })}>
            {board.poll.showing ? t('session.poll.hideChart') : t('session.poll.showChart')}
          </button>
          <button type="button" className="secondary" onClick={() => void act('session.endPoll', {})}>
            {t('session.poll.end')}
          </button>
        </div>
      </section>
    );
  }
  return <NewPoll view={view} act={act} />;
}

function NewPoll({ view, act }: { view?: LessonView; act: SessionAct }) {
  const { t, i18n } = useTranslation();
  const questions = (view?.lesson.steps ?? []).filter((s) => s.type === 'single-choice' || s.type === 'true-false');
  // A question from the lesson by default, once the lesson has loaded (if it has one).
  const [picked, setKind] = useState<Kind>();
  const kind: Kind = picked ?? (questions.length > 0 ? 'lesson' : 'true-false');
  const [stepId, setStepId] = useState('');
  const [question, setQuestion] = useState('');
  const [pictures, setPictures] = useState<PollPicture[]>(['apple', 'tree']);
  const chosenStep = stepId || questions[0]?.id || '';
  const toggle = (p: PollPicture) => setPictures((list) => (list.includes(p) ? list.filter((x) => x !== p) : list.length < 4 ? [...list, p] : list));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: PollInput = kind === 'lesson' ? { kind, stepId: chosenStep } : kind === 'true-false' ? { kind, question } : { kind, question, pictures };
    void act('session.startPoll', input).then((ok) => ok && setQuestion(''));
  };
  const ready = kind === 'lesson' ? chosenStep !== '' : question.trim() !== '' && (kind === 'true-false' || pictures.length >= 2);

  return (
    <form className="card session-poll" onSubmit={submit} aria-labelledby="poll-title">
      <h2 id="poll-title">{t('session.poll.title')}</h2>
      <div className="segmented" role="group" aria-label={t('session.poll.kind')}>
        {(['lesson', 'true-false', 'pictures'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} disabled={k === 'lesson' && questions.length === 0} onClick={() => setKind(k)}>
            {t(`session.poll.kinds.${k}`)}
          </button>
        ))}
      </div>
      {kind === 'lesson' ? (
        <label className="field">
          {t('session.poll.fromLesson')}
          <select value={chosenStep} onChange={(e) => setStepId(e.target.value)}>
            {questions.map((s) => (
              <option key={s.id} value={s.id}>
                {stepLabel(s, i18n.language)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          {t('session.poll.question')}
          <input type="text" maxLength={200} value={question} onChange={(e) => setQuestion(e.target.value)} />
        </label>
      )}
      {kind === 'pictures' && (
        <fieldset>
          <legend>{t('session.poll.pickPictures')}</legend>
          <ul className="poll-picture-pick">
            {PICTURES.map((p) => (
              <li key={p}>
                <button type="button" className="picture-button" aria-pressed={pictures.includes(p)} aria-label={t(`pictures.${p}`)} onClick={() => toggle(p)}>
                  <PictureArt picture={p} size={40} />
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <button type="submit" className="primary" disabled={!ready}>
        {t('session.poll.ask')}
      </button>
    </form>
  );
}
