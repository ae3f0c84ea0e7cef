import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionMode } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { plainIn } from './lessonText';
import { useTeacherSession } from './useTeacherSession';
import { SessionControls } from './SessionControls';
import { PollPanel } from './PollPanel';
import { RollCall } from './RollCall';
import { DashboardGrid } from './DashboardGrid';
import { TourPanel } from './TourPanel';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ClassSelect } from '../../components/ClassSelect';

/** The teacher's live class session: start one, then lead the room from here. */
export default function SessionSection() {
  const { board, error, act } = useTeacherSession();
  const live = board?.state.live;
  const lesson = useAsync(() => (live ? api.invoke('lessons.get', live.lesson) : Promise.resolve(undefined)));
  const lessonKey = live ? `${live.lesson.packId}/${live.lesson.lessonId}` : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => lesson.reload(), [lessonKey]);

  return (
    <div className="session-teacher">
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {board && !live && <StartForm onStart={(input) => void act('session.start', input)} />}
      {board && live && (
        <>
          <SessionControls board={board} view={lesson.data} act={act} />
          <TourPanel board={board} act={act} />
          <div className="session-columns">
            <PollPanel board={board} view={lesson.data} act={act} />
            <RollCall board={board} act={act} />
          </div>
          <DashboardGrid board={board} view={lesson.data} act={act} />
        </>
      )}
    </div>
  );
}

interface StartInput {
  classId: string;
  packId: string;
  lessonId: string;
  mode: SessionMode;
  stuckMinutes: number;
}

function StartForm({ onStart }: { onStart: (input: StartInput) => void }) {
  const { t, i18n } = useTranslation();
  const data = useAsync(() => Promise.all([api.invoke('classes.list'), api.invoke('packs.list')]));
  const [classes, packs] = data.data ?? [[], []];
  const lessons = packs.flatMap((p) => p.lessons.map((l) => ({ value: `${p.id}/${l.id}`, label: `${plainIn(l.title, i18n.language)} · ${plainIn(p.title, i18n.language)}` })));
  const [classId, setClassId] = useState('');
  const [lessonKey, setLessonKey] = useState('');
  const [mode, setMode] = useState<SessionMode>('follow');
  const [stuckMinutes, setStuckMinutes] = useState(3);
  const chosenClass = classId || classes[0]?.id || '';
  const chosenLesson = lessonKey || lessons[0]?.value || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [packId = '', lessonId = ''] = chosenLesson.split('/');
    onStart({ classId: chosenClass, packId, lessonId, mode, stuckMinutes });
  };
  if (data.data && classes.length === 0) return <p className="notice warn">{t('session.start.noClasses')}</p>;
  return (
    <form className="card session-start" onSubmit={submit} aria-labelledby="session-start-title">
      <h2 id="session-start-title">{t('session.start.title')}</h2>
      <p>{t('session.start.body')}</p>
      <ClassSelect label={t('session.start.class')} classes={classes} value={chosenClass} onChange={setClassId} />
      <label className="field">
        {t('session.start.lesson')}
        <select value={chosenLesson} onChange={(e) => setLessonKey(e.target.value)}>
          {lessons.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="session-mode-pick">
        <legend>{t('session.mode.label')}</legend>
        {(['follow', 'free'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`session.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        {t('session.start.stuck')}
        <input type="number" min={1} max={60} value={stuckMinutes} onChange={(e) => setStuckMinutes(Math.max(1, Math.min(60, Number(e.target.value) || 1)))} />
      </label>
      <button type="submit" className="primary" disabled={!chosenClass || !chosenLesson}>
        {t('session.start.submit')}
      </button>
    </form>
  );
}
