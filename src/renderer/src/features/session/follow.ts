import { useEffect, useRef } from 'react';
import { navigate, useLocation } from '../../lib/router';
import { usePlayer } from '../player/store';
import { useClassSession } from './store';

/** Follow-me: keep this pupil's screen on the teacher's lesson and step. */
export function useFollowTeacher(classId: string | undefined): void {
  const live = useClassSession(classId);
  const { route, params } = useLocation();
  const lessonKey = usePlayer((s) => s.lessonKey);
  const index = usePlayer((s) => s.index);
  const following = live?.mode === 'follow' ? live : undefined;
  const key = following ? `${following.lesson.packId}/${following.lesson.lessonId}` : undefined;
  const onLesson = route === 'lesson' && params.join('/') === key;
  const target = following?.step.index;

  // The player keeps the pupil at or behind the teacher's step; it learns that step here.
  useEffect(() => {
    usePlayer.setState({ followLimit: key !== undefined && target !== undefined ? { lessonKey: key, step: target } : undefined });
    return () => usePlayer.setState({ followLimit: undefined });
  }, [key, target]);

  useEffect(() => {
    if (!following || route === 'teacher') return;
    if (!onLesson) navigate('lesson', following.lesson.packId, following.lesson.lessonId);
  }, [following, onLesson, route]);

  // Each new teacher step is shown once; the pupil may look back, never ahead.
  const shown = useRef<string | undefined>(undefined);
  const mark = following ? `${following.id}/${key}/${target}` : undefined;
  useEffect(() => {
    if (target === undefined || lessonKey !== key) return;
    if (shown.current === mark && index <= target) return;
    shown.current = mark;
    if (index !== target) usePlayer.getState().goTo(target);
  }, [target, lessonKey, key, index, mark]);
}
