import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { invokePlayer } from './api';
import { LessonPlayer } from './LessonPlayer';

/** #/lesson/<packId>/<lessonId>: loads the lesson and where the pupil stopped, then plays it. */
export function LessonPlayerScreen({ packId, lessonId }: { packId: string; lessonId: string }) {
  const { t } = useTranslation();
  const loaded = useAsync(async () => {
    const view = await invokePlayer('lessons.get', { packId, lessonId });
    // Position is a nicety: a lesson still opens when it cannot be read.
    const position = await invokePlayer('progress.position', { packId, lessonId }).catch(() => undefined);
    return { view, position };
  });
  if (loaded.error) {
    return (
      <div className="section">
        <a className="back-link" href={hrefFor('lessons')}>
          ← {t('player.leave')}
        </a>
        <ErrorNotice>{errorText(t, loaded.error)}</ErrorNotice>
      </div>
    );
  }
  if (!loaded.data) return <p role="status">{t('app.loading')}</p>;
  const { view, position } = loaded.data;
  const steps = view.lesson.steps;
  const resumeAt = position?.status === 'in-progress' && position.stepId ? steps.findIndex((s) => s.id === position.stepId) : -1;
  // Touch drag (issue 16): a half-done first step is a place to come back to as well.
  if (!position || resumeAt < 0 || (resumeAt === 0 && !position.draft)) return <LessonPlayer key={`${packId}/${lessonId}`} view={view} resumeAt={0} />;
  // Steps before the place were passed on the way (older saves list no done steps); the saved list adds those after it.
  const done = [...new Set([...steps.slice(0, resumeAt).map((s) => s.id), ...position.done.filter((id) => steps.some((s) => s.id === id))])];
  const resume = {
    done,
    // The step after the last one done was reached too (Next leads there).
    furthest: Math.min(steps.length - 1, Math.max(resumeAt, ...done.map((id) => steps.findIndex((s) => s.id === id) + 1))),
    drafts: position.draft ? { [position.draft.stepId]: position.draft.state } : {},
  };
  return <LessonPlayer key={`${packId}/${lessonId}`} view={view} resumeAt={resumeAt} resume={resume} />;
}
