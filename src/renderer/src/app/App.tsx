import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../lib/store';
import { useLocation } from '../lib/router';
import { Header } from './Header';
import { HomeScreen } from '../features/home/HomeScreen';
import { KioskExit } from '../features/kiosk/KioskExit';
import { LessonsScreen } from '../features/packs/LessonsScreen';
import { SignInScreen } from '../features/pupils/SignInScreen';
import { usePupil } from '../features/pupils/store';
import { useIdleSignOut } from '../features/pupils/useIdleSignOut';
import { PupilSessionLayer } from '../features/session/PupilSessionLayer';
import { HubLinkBanner } from '../features/room/HubLinkBanner';
import { useLive } from '../features/session/store';

// The teacher console is not needed on a pupil's first screen: load it when opened.
const LessonPlayerScreen = lazy(() => import('../features/player/LessonPlayerScreen').then((m) => ({ default: m.LessonPlayerScreen })));
const TeacherScreen = lazy(() => import('../features/teacher/TeacherScreen').then((m) => ({ default: m.TeacherScreen })));
const DemosScreen = lazy(() => import('../features/demos').then((m) => ({ default: m.DemosScreen })));
const GalleryScreen = lazy(() => import('../features/gallery/GalleryScreen'));
const ProjectorView = lazy(() => import('../features/session/ProjectorView'));

export function App() {
  const { t } = useTranslation();
  const { settings, loadError, load } = useApp();
  const { route, params } = useLocation();
  const pupil = usePupil((s) => s.session);
  const loadPupil = usePupil((s) => s.load);
  useEffect(() => void load(), [load]);
  useEffect(() => void loadPupil().catch(() => undefined), [loadPupil]);
  // Pupils watching the teacher in a live session are not idle.
  const inSession = useLive((s) => Boolean(s.state?.live));
  useIdleSignOut(settings?.idleTimeoutMinutes ?? 5, pupil !== undefined && pupil.mode !== 'none' && route !== 'teacher' && !inSession);

  if (!settings || !pupil) {
    return (
      <main className="splash" aria-busy={!loadError}>
        <p role={loadError ? 'alert' : 'status'}>{loadError ? t('app.offline') : t('app.loading')}</p>
      </main>
    );
  }
  // The projector (a live session's big screen) stands alone: no header, no sign-in.
  if (route === 'projector') {
    return (
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <ProjectorView />
      </Suspense>
    );
  }
  const needsSignIn = route !== 'teacher' && pupil.mode === 'none';
  return (
    <div className="app">
      <Header />
      {route !== 'teacher' && <HubLinkBanner />}
      {pupil.mode === 'pupil' && route !== 'teacher' && <PupilSessionLayer />}
      <main className="content" id="main">
        {/* A pupil's way in is the sign-in screen; the teacher console stays reachable from it. */}
        {needsSignIn && <SignInScreen />}
        {!needsSignIn && route === 'home' && <HomeScreen />}
        {!needsSignIn && route === 'lessons' && <LessonsScreen />}
        {!needsSignIn && route === 'gallery' && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <GalleryScreen />
          </Suspense>
        )}
        {!needsSignIn && route === 'demos' && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <DemosScreen />
          </Suspense>
        )}
        {!needsSignIn && route === 'lesson' && params.length >= 2 && (
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
      <KioskExit />
    </div>
  );
}
