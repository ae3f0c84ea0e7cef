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
import { useTourPicture } from './useTourPicture';
import { mapPosition } from './GazeMap';
import type { TourState } from '../../../../shared/contract';

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
          {/* During a tour the picture needs the room: the lesson's title stays, its step waits. */}
          {view && step && !live.tour && (
            <p className="projector-step">
              <span className="projector-step-number">{t('session.stepOf', { n: live.step.index + 1, total: view.lesson.steps.length })}</span>
              <span className="projector-step-label">{stepLabel(step, language)}</span>
            </p>
          )}
          {live.shown?.step && <ShownAnswer live={live} shown={{ ...live.shown, step: live.shown.step }} big />}
          {live.pause && <p className="projector-paused">{t('session.pause.title')}</p>}
          {live.tour && <ProjectorTour key={live.tour.id} tour={live.tour} />}
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

/** The guided tour on the big screen: the whole 360° picture flat, with a ring where the teacher points, so the class sees where to turn. */
function ProjectorTour({ tour }: { tour: TourState }) {
  const { t } = useTranslation();
  const media = useTourPicture(tour.media.sha256);
  const item = media.data?.item;
  // The photo itself (a projector is big), a video's thumbnail.
  const picture = item ? (item.kind === 'photo' ? item.url : item.thumbnailUrl) : null;
  // A video's picture may still be being drawn by the teacher's screen: it says media.changed once kept.
  const { reload } = media;
  useEffect(() => (item && !picture ? api.on('media.changed', () => reload()) : undefined), [item, picture, reload]);
  return (
    <section className="projector-tour" aria-labelledby="projector-tour-title">
      <h2 id="projector-tour-title">{t('session.tour.projector.title', { title: tour.media.title })}</h2>
      <div className="gaze-map projector-tour-map" role="img" aria-label={t(tour.media.kind === 'video' ? 'session.tour.projector.mapVideo' : 'session.tour.projector.map')} style={picture ? { backgroundImage: `url("${picture}")` } : undefined}>
        {tour.target && <span className="gaze-map-spot" style={mapPosition(tour.target)} />}
      </div>
      <p className="projector-tour-words">{t(tour.target ? 'session.tour.projector.find' : 'session.tour.projector.look')}</p>
    </section>
  );
}
