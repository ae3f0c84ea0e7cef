import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store';
import { useRoute } from './router';
import { Header } from './Header';
import { HomeScreen } from '../features/home/HomeScreen';
import { SectionScreen } from '../features/home/SectionScreen';

// The teacher console is not needed on a pupil's first screen: load it when opened.
const TeacherScreen = lazy(() => import('../features/teacher/TeacherScreen').then((m) => ({ default: m.TeacherScreen })));
const GalleryScreen = lazy(() => import('../features/gallery/GalleryScreen'));

export function App() {
  const { t } = useTranslation();
  const { settings, loadError, load } = useApp();
  const route = useRoute();
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
        {(route === 'lessons' || route === 'demos') && <SectionScreen section={route} />}
        {route === 'gallery' && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <GalleryScreen />
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
