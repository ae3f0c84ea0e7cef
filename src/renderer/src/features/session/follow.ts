import { useEffect, useRef } from 'react';
import { navigate, useLocation } from '../../app/router';
import { usePlayer } from '../player/store';
import { usePupil } from '../pupils/store';
import { useClassSession } from './store';

/** The furthest step a pupil may open in this lesson: the teacher's step in follow-me mode, else no limit. */
export function useFollowLimit(lessonKey: string): number | undefined {
  const classId = usePupil((s) => (s.session?.mode === 'pupil' ? s.session.pupil?.classId : undefined));
  const live = useClassSession(classId);
  if (!live || live.mode !== 'follow' || `${live.lesson.packId}/${live.lesson.lessonId}` !== lessonKey) return undefined;
  return live.step.index;
}

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
