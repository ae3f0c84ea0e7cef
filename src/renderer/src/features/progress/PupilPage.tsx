import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync, useReloadOnChange } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { hrefFor } from '../../lib/router';
import { AvatarArt } from '../pupils/avatars';
import { lessonLabel, StatusCell } from './cells';
import { ErrorNotice } from '../../components/ErrorNotice';

/** One pupil: lessons, what they found hard, and their latest answers. */
export function PupilPage({ pupilId }: { pupilId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const report = useAsync(() => api.invoke('progress.pupil', { pupilId, lang: language }));
  useReloadOnChange(language, report.reload);
  const r = report.data;
  const minutes = (ms: number) => Math.round(ms / 6000) / 10;
  return (
    <div className="pupil-page">
      <a className="back-link" href={hrefFor('teacher', 'progress')}>
        {t('progress.backToClass')}
      </a>
      {report.error && <ErrorNotice>{errorText(t, report.error)}</ErrorNotice>}
      {r && (
        <>
          <div className="greeting">
            <AvatarArt avatar={r.pupil.avatar} size={64} />
            <h2>
              {r.pupil.name} · {r.pupil.className}
            </h2>
          </div>
          <div className="teacher-grid">
            <section className="card" aria-labelledby="pupil-lessons">
              <h3 id="pupil-lessons">{t('progress.lessons')}</h3>
              {r.lessons.length === 0 ? (
                <p>{t('progress.noProgress')}</p>
              ) : (
                <table className="plain-table">
                  <tbody>
                    {r.lessons.map((l) => (
                      <tr key={`${l.packId}/${l.lessonId}`}>
                        <th scope="row">{lessonLabel(l)}</th>
                        <td>
                          <StatusCell cell={l} />
                        </td>
                        <td>{l.bestScore === null ? '' : `${l.bestScore}%`}</td>
                        <td>{t('progress.minutes', { count: minutes(l.timeMs) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card" aria-labelledby="pupil-hard">
              <h3 id="pupil-hard">{t('progress.hard')}</h3>
              {r.hardSteps.length === 0 ? (
                <p>{t('progress.noHard')}</p>
              ) : (
                <ul>
                  {r.hardSteps.map((h) => (
                    <li key={`${h.packId}/${h.lessonId}/${h.stepId}`}>
                      {t('progress.hardItem', { lesson: lessonLabel(h), question: h.prompt ?? h.stepId, counts: t('progress.wrongRight', { wrong: h.wrong, right: h.right }) })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section className="card" aria-labelledby="pupil-attempts">
            <h3 id="pupil-attempts">{t('progress.attempts')}</h3>
            <table className="plain-table">
              <thead>
                <tr>
                  <th scope="col">{t('progress.when')}</th>
                  <th scope="col">{t('progress.lesson')}</th>
                  <th scope="col">{t('progress.step')}</th>
                  <th scope="col">{t('progress.result')}</th>
                </tr>
              </thead>
              <tbody>
                {r.attempts.map((a) => (
                  <tr key={a.id}>
                    <td>{new Date(a.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                    <td>{lessonLabel(a)}</td>
                    <td className="step-prompt" title={a.prompt}>{a.prompt ?? a.stepId}</td>
                    <td>{a.correct === null ? t('progress.seen') : a.correct ? t('progress.right') : t('progress.wrong')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
