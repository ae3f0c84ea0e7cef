import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync, useReloadOnChange } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import type { DoctorCheck } from '../../../../shared/contract';
import { describeFinding } from '../../../../shared/messages';
import type { Language } from '../../../../shared/languages';
import { VoiceHealth } from './VoiceHealth';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Teacher console → Health check: the `kite doctor` report, with GPU/WebGL status when in the desktop app. */
export default function HealthSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // The full report in the teacher's language too (English facts on details lines); again when it changes.
  const report = useAsync(() => api.invoke('system.doctor', { lang: language }));
  useReloadOnChange(language, report.reload);
  const data = report.data;
  const problems = data?.checks.filter((c) => c.status !== 'ok') ?? [];

  return (
    <>
      <section className="card health" aria-labelledby="health-title" aria-busy={!data && !report.error}>
        <h2 id="health-title">{t('kiosk.health.title')}</h2>
        <p>{t('kiosk.health.body')}</p>
        {report.error !== undefined && <ErrorNotice>{errorText(t, report.error)}</ErrorNotice>}
        {!data && report.error === undefined && <p role="status">{t('kiosk.health.running')}</p>}
        {data && (
          <>
            <p role="status" className={`notice ${data.broken ? 'error' : problems.length ? 'warn' : 'ok'}`}>
              {data.broken ? t('kiosk.health.broken', { count: problems.length }) : problems.length ? t('kiosk.health.warnings', { count: problems.length }) : t('kiosk.health.ok')}
            </p>
            {problems.length > 0 && (
              <ul className="health-problems">
                {problems.map((c: DoctorCheck, i) => {
                  // Worded in the teacher's language from the finding's code; the English fact stays on a details line.
                  const { title, detail, details } = describeFinding((key, params) => t(key, params), language, c);
                  return (
                    <li key={i} className={`health-${c.status}`}>
                      <strong>{title}</strong>
                      {detail && <span>{detail}</span>}
                      {details && <span className="health-details">{t('details', { details })}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
            <details>
              <summary>{t('kiosk.health.full')}</summary>
              <pre className="health-report">{data.text}</pre>
            </details>
            <button className="secondary" type="button" onClick={() => report.reload()}>
              {t('kiosk.health.again')}
            </button>
          </>
        )}
      </section>
      <VoiceHealth />
    </>
  );
}
