import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveState } from '../../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { SpeakButton } from '../../components/SpeakButton';
import { localText, OptionFace, optionWords, PollChart } from './PollParts';
import { useLive } from './store';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The teacher's question on a pupil's screen: big choices (pictures, ✓ / ✗ or words), each one speakable. */
export function PollOverlay({ live }: { live: LiveState }) {
  const { t, i18n } = useTranslation();
  const poll = live.poll;
  const answer = useLive((s) => s.answer);
  const [error, setError] = useState<string>();
  const folded = useLive((s) => s.folded);
  if (!poll) return null;
  const language = i18n.language;
  const question = localText(poll.question, language);
  const mine = answer?.pollId === poll.id ? poll.options.find((o) => o.id === answer.optionId) : undefined;
  const shownOption = live.shown ? poll.options.find((o) => o.id === live.shown?.optionId) : undefined;
  const choose = (optionId: string) => {
    setError(undefined);
    api
      .invoke('session.answerPoll', { pollId: poll.id, optionId })
      .then(({ state }) => {
        useLive.getState().setAnswer({ pollId: poll.id, optionId });
        useLive.getState().apply(state);
      })
      .catch((e: Error) => setError(errorText(t, e)));
  };
  const speech = [question, ...poll.options.map((o) => optionWords(o, language, t))].join('. ');
  const showChoices = poll.open && !mine;

  if (folded === poll.id && !poll.results && !live.shown) return null;
  return (
    <section className="poll-overlay" role="dialog" aria-labelledby="poll-question" aria-live="polite">
      <div className="poll-card">
        <p className="poll-kicker">{t('session.poll.kicker')}</p>
        <h2 id="poll-question" className="poll-question">
          {question} <SpeakButton text={speech} lang={language} />
        </h2>
        {showChoices && (
          <ul className={`poll-choices poll-${poll.kind}`}>
            {poll.options.map((option) => (
              <li key={option.id}>
                <button type="button" className="poll-choice" aria-label={optionWords(option, language, t)} onClick={() => choose(option.id)}>
                  <OptionFace option={option} size={72} />
                </button>
              </li>
            ))}
          </ul>
        )}
        {mine && (
          <p className="poll-thanks notice ok" role="status">
            {t('session.poll.thanks', { answer: optionWords(mine, language, t) })} <SpeakButton text={t('session.poll.thanks', { answer: optionWords(mine, language, t) })} lang={language} />
          </p>
        )}
        {error && <ErrorNotice>{error}</ErrorNotice>}
        {poll.results && <PollChart poll={poll} counts={poll.results} />}
        {shownOption && (
          <p className="poll-shown">
            {live.shown?.name ? t('session.poll.shownNamed', { name: live.shown.name }) : t('session.poll.shownHidden')} <OptionFace option={shownOption} size={48} />
          </p>
        )}
        {mine && (
          <button type="button" className="secondary" onClick={() => useLive.getState().fold(poll.id)}>
            {t('session.poll.fold')}
          </button>
        )}
      </div>
    </section>
  );
}
