import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { hrefFor, navigate, useLocation } from '../../lib/router';
import { usePupil } from '../pupils/store';
import { teacherSections } from './sections';

/** The console: a tab per section (overview, lessons, classes, videos…), each lazily loaded. */
export function TeacherConsole() {
  const { t } = useTranslation();
  const setSession = useApp((s) => s.setSession);
  const { params } = useLocation();
  // Leaving teacher mode hands the PC back to the pupils: their sign-in screen, in the PC's language.
  const signOut = async () => {
    setSession(await api.invoke('auth.signOut'));
    usePupil.getState().set({ mode: 'none' });
    navigate('home');
  };
  const active = teacherSections.find((s) => s.id === params[0]) ?? teacherSections[0];

  return (
    <div className="teacher">
      <div className="teacher-top">
        <h1>{t('teacher.title')}</h1>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('teacher.signOut')}
        </button>
      </div>
      <nav className="tabs" aria-label={t('teacher.title')}>
        {teacherSections.map((section) => (
          <a key={section.id} className="tab" href={hrefFor('teacher', section.id)} aria-current={section === active ? 'page' : undefined}>
            {t(section.labelKey)}
          </a>
        ))}
      </nav>
      {active && (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <active.Component />
        </Suspense>
      )}
    </div>
  );
}
