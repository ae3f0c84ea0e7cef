import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { plainText } from '../../../../shared/markup';
import type { LessonRef } from '../../../../shared/contract/progress';
import { pick } from './text';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ClassSelect } from '../../components/ClassSelect';

/** Teacher: give a class lessons (or take them back); they come first on the class's pupils' shelf. On a pupil PC they come from the hub: read-only. */
export default function AssignSection() {
  const { t, i18n } = useTranslation();
  const data = useAsync(async () => {
    const [classes, packs, room] = await Promise.all([api.invoke('classes.list'), api.invoke('packs.list'), api.invoke('room.status').catch(() => undefined)]);
    return { classes, packs, fromHub: room?.role === 'pupil-pc' };
  });
  const [classId, setClassId] = useState<string>();
  const [loadedFor, setLoaded] = useState<{ classId: string; lessons: LessonRef[] }>();
  const [error, setError] = useState<string>();
  const classes = data.data?.classes ?? [];
  const chosen = classes.find((c) => c.id === classId) ?? classes[0];

  const chosenId = chosen?.id;
  useEffect(() => {
    if (!chosenId) return;
    api.invoke('classes.lessons', { classId: chosenId }).then(
      (lessons) => setLoaded({ classId: chosenId, lessons }),
      (e: unknown) => setError(errorText(t, e)),
    );
  }, [chosenId, t]);
  const given = loadedFor && loadedFor.classId === chosenId ? loadedFor.lessons : undefined;

  const toggle = async (packId: string, lessonId: string, assigned: boolean) => {
    if (!chosen) return;
    setError(undefined);
    try {
      setLoaded({ classId: chosen.id, lessons: await api.invoke('classes.assignLesson', { classId: chosen.id, packId, lessonId, assigned }) });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const isGiven = (packId: string, lessonId: string) => given?.some((g) => g.packId === packId && g.lessonId === lessonId) ?? false;

  return (
    <section className="card assign-section" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('assign.title')}</h2>
      <p className="muted">{t('assign.body')}</p>
      {data.data?.fromHub && (
        <p role="note" className="notice">
          {t('assign.fromHub')}
        </p>
      )}
      {data.error && <ErrorNotice>{errorText(t, data.error)}</ErrorNotice>}
      {data.data && classes.length === 0 && <p>{t('assign.noClasses')}</p>}
      {data.data && data.data.packs.length === 0 && <p>{t('assign.noLessons')}</p>}
      {chosen && (
        <ClassSelect label={t('assign.class')} classes={classes} value={chosen.id} onChange={setClassId} />
      )}
      {chosen && given && (
        <>
          <p role="status">{t('assign.count', { name: chosen.name, count: given.length })}</p>
          {data.data?.packs.map((pack) => (
            <fieldset key={pack.id} className="assign-pack">
              <legend>{plainText(pick(pack.title, i18n.language))}</legend>
              {pack.lessons.map((lesson) => {
                const grades = lesson.grades.from === lesson.grades.to ? t('packs.grade', { grade: lesson.grades.from }) : t('packs.grades', { from: lesson.grades.from, to: lesson.grades.to });
                return (
                  <label key={lesson.id} className="check-row">
                    <input type="checkbox" checked={isGiven(pack.id, lesson.id)} disabled={data.data?.fromHub} onChange={(e) => void toggle(pack.id, lesson.id, e.target.checked)} />
                    <span>{t('assign.lesson', { lesson: plainText(pick(lesson.title, i18n.language)), grades })}</span>
                  </label>
                );
              })}
            </fieldset>
          ))}
        </>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}
