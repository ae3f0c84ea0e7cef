import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { hrefFor } from '../../lib/router';
import { localText, OptionFace, PollChart } from './PollParts';
import { useLive } from './store';
import { plainIn, stepLabel } from './lessonText';
import { ProjectorJoin } from './ProjectorJoin';
import { ShownAnswer } from './ShownAnswer';

const LOOPBACK = /^(127\.|localhost$|\[::1\]$)/;

/** The live session on the classroom's big screen: where to join, the step everyone is on, and the poll. */
export default function ProjectorView() {
  const { t, i18n } = useTranslation();
  const live = useLive((s) => s.state?.live);
  useEffect(() => {
    const read = () => api.invoke('session.state').then((state) => useLive.getState().apply(state), () => undefined);
    void read();
    // Events keep it current; reading again now and then covers a stream that dropped.
    const timer = setInterval(() => void read(), 10_000);
    return () => clearInterval(timer);
  }, []);
  const lessonKey = live ? `${live.lesson.packId}/${live.lesson.lessonId}` : '';
  const lesson = useAsync(() => (live ? api.invoke('lessons.get', live.lesson) : Promise.resolve(undefined)));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => lesson.reload(), [lessonKey]);
  const view = lesson.data;
  const language = i18n.language;
  const step = live && view ? view.lesson.steps[live.step.index] : undefined;

  return (
    <div className="projector" lang={language}>
      <header className="projector-top">
        <span className="projector-brand">{t('app.name')}</span>
        {/* This PC's own loopback address is no use to anyone else: on a hub the join card says where to go. */}
        {!LOOPBACK.test(window.location.hostname) && (
          <span className="projector-join">
            {t('session.projector.join')} <strong className="projector-address">{window.location.host}</strong>
          </span>
        )}
        <a className="projector-close" href={hrefFor('teacher', 'session')}>
          {t('session.projector.close')}
        </a>
      </header>
      <div className="projector-body">
      {!live && (
        <main className="projector-main">
          <p className="projector-idle">{t('session.projector.idle')}</p>
        </main>
      )}
      {live && (
        <main className="projector-main">
          {view && <h1 className="projector-lesson">{plainIn(view.lesson.title, language)}</h1>}
          {view && step && (
            <p className="projector-step">
              <span className="projector-step-number">{t('session.stepOf', { n: live.step.index + 1, total: view.lesson.steps.length })}</span>
              <span className="projector-step-label">{stepLabel(step, language)}</span>
            </p>
          )}
          {live.shown?.step && <ShownAnswer live={live} shown={{ ...live.shown, step: live.shown.step }} big />}
          {live.pause && <p className="projector-paused">{t('session.pause.title')}</p>}
          {live.poll && (
            <section className="projector-poll" aria-labelledby="projector-question">
              <h2 id="projector-question">{localText(live.poll.question, language)}</h2>
              {live.poll.results ? (
                <PollChart poll={live.poll} counts={live.poll.results} />
              ) : (
                <ul className="projector-options">
                  {live.poll.options.map((o) => (
                    <li key={o.id}>
                      <OptionFace option={o} size={64} />
                    </li>
                  ))}
                </ul>
              )}
              <p className="projector-answered">{t('session.poll.answered', { n: live.poll.answered })}</p>
            </section>
          )}
        </main>
      )}
      <ProjectorJoin />
      </div>
    </div>
  );
}
