import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store';
import { useLocation } from './router';
import { Header } from './Header';
import { HomeScreen } from '../features/home/HomeScreen';
import { SectionScreen } from '../features/home/SectionScreen';
import { LessonsScreen } from '../features/packs/LessonsScreen';

// The teacher console is not needed on a pupil's first screen: load it when opened.
const LessonPlayerScreen = lazy(() => import('../features/player/LessonPlayer').then((m) => ({ default: m.LessonPlayerScreen })));
const TeacherScreen = lazy(() => import('../features/teacher/TeacherScreen').then((m) => ({ default: m.TeacherScreen })));

export function App() {
  const { t } = useTranslation();
  const { settings, loadError, load } = useApp();
  const { route, params } = useLocation();
  useEffect(() => void load(), [load]);

  if (!settings) {
    return (
      <main className="splash" aria-busy={!loadError}>
        <p role={loadError ? 'alert' : 'status'}>{loadError ? t('app.offline') : t('app.loading')}</p>
      </main>
    );
  }
  return (
    <div className="app">
      <Header />
      <main className="content" id="main">
        {route === 'home' && <HomeScreen />}
        {route === 'lessons' && <LessonsScreen />}
        {(route === 'gallery' || route === 'demos') && <SectionScreen section={route} />}
        {route === 'lesson' && params.length >= 2 && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <LessonPlayerScreen key={params.join('/')} packId={params[0] as string} lessonId={params[1] as string} />
          </Suspense>
        )}
        {route === 'teacher' && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <TeacherScreen />
          </Suspense>
        )}
      </main>
    </div>
  );
}
