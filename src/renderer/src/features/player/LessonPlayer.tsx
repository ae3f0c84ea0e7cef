import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../lib/store';
import { hrefFor } from '../../lib/router';
import type { LessonView } from '../../../../shared/contract/lessons';
import { invokePlayer } from './api';
import { ActivityHostContext, LessonContext, LessonText, lessonLanguage, useLessonEnv, type ActivityHost } from './context';
import { narrationUrl } from './voice';
import { usePlayer, type Resume } from './store';
import { ListenButton } from './ListenButton';
import { StepView } from './StepView';
import { ProgressPath } from './ProgressPath';
import { FinishScreen } from './FinishScreen';
import { PlayerNav } from './PlayerNav';
import { useDraftSaving, useLessonPlace } from './useLessonPlace';
import { narrate, stopNarration } from './narration';
import { promptOf } from './StepPrompt';
import { spoken } from './text';
import { SCORED_TYPES, STEP_TYPES, scoreAttempts } from '../../../../shared/pack';

/** Steps a pupil may leave without finishing: nothing to get right and nothing to answer (a self-check still asks for answers). */
const FREE_STEPS = new Set(STEP_TYPES.filter((type) => !SCORED_TYPES.includes(type) && type !== 'self-check'));

/** Plays one lesson from `resumeAt`, with the place and half-done steps of `resume` (LessonPlayerScreen loads them). */
export function LessonPlayer({ view, resumeAt, resume }: { view: LessonView; resumeAt: number; resume?: Resume }) {
  const resumed = resume !== undefined;
  const { t, i18n } = useTranslation();
  const settings = useApp((s) => s.settings);
  const { lesson, pack } = view;
  const steps = lesson.steps;
  const { lessonKey, index, furthest, done, drafts, finished, start, goTo, markDone, finish } = usePlayer();
  const key = `${pack.id}/${lesson.id}`;
  const ready = lessonKey === key;
  /** Follow-me (live session): not past the teacher's step. */
  const followLimit = usePlayer((s) => (s.followLimit?.lessonKey === key ? s.followLimit.step : undefined));
  const [welcomeBack, setWelcomeBack] = useState(resumed);
  const [unsaved, setUnsaved] = useState(0);
  const [result, setResult] = useState<{ stars: number; saved: boolean }>();
  const focusTarget = useRef<HTMLDivElement>(null);
  const answers = useRef<{ stepId: string; correct: boolean | null }[]>([]);

  const language = lessonLanguage(pack.languages, i18n.language);
  const chinese = language.startsWith('zh');
  const young = lesson.grades.from <= 2;
  const [pinyinOn, setPinyinOn] = useState(() => chinese && young && (settings?.pinyinDefault ?? true));
  const env = useLessonEnv(view, language, pinyinOn);

  const savePlace = useLessonPlace(view, key);

  useEffect(() => {
    start(key, resumeAt, resume);
    answers.current = [];
    return () => {
      stopNarration();
      usePlayer.setState({ lessonKey: undefined });
    };
    // `resume` is read once, when the lesson opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, resumeAt, start]);

  const step = steps[Math.min(index, steps.length - 1)];

  const host: ActivityHost = useMemo(
    () => ({
      record(attempt) {
        answers.current.push({ stepId: attempt.stepId, correct: attempt.correct });
        invokePlayer('attempts.record', { ...attempt, attemptId: crypto.randomUUID(), packId: pack.id, packVersion: pack.version, lessonId: lesson.id }).catch(() => setUnsaved((n) => n + 1));
      },
      done: markDone,
    }),
    [pack.id, pack.version, lesson.id, markDone],
  );

  useDraftSaving(ready, step ? drafts[step.id] : undefined, savePlace);

  // Each new step: remember the place, read it aloud if the PC is set to, and put focus on it.
  useEffect(() => {
    if (!ready || finished || !step) return;
    void savePlace();
    if (settings?.autoplayNarration) {
      const { speech } = promptOf(step, (x) => spoken(x, language, env.mainLanguage));
      narrate({ text: speech, lang: language, audioUrl: narrationUrl(env, step.id, 'narration' in step ? step.narration : undefined) });
    }
    focusTarget.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, index, finished]);

  const finishLesson = useCallback(async () => {
    stopNarration();
    finish();
    try {
      const outcome = await invokePlayer('progress.finishLesson', { packId: pack.id, lessonId: lesson.id, packVersion: pack.version });
      // A guest's run is not kept: the stars come from this run's answers.
      setResult(outcome.saved ? { stars: outcome.stars, saved: true } : { stars: scoreAttempts(answers.current).stars, saved: true });
    } catch {
      setResult({ stars: scoreAttempts(answers.current).stars, saved: false });
    }
  }, [finish, pack.version, pack.id, lesson.id]);

  const restart = () => {
    answers.current = [];
    setWelcomeBack(false);
    setResult(undefined);
    start(key, 0);
  };

  if (!ready || !step) return <p role="status">{t('app.loading')}</p>;
  const waitForTeacher = followLimit !== undefined && index >= followLimit;
  const canGoOn = (done.includes(step.id) || FREE_STEPS.has(step.type)) && !waitForTeacher;
  const last = index === steps.length - 1;
  const advance = () => (last ? void finishLesson() : goTo(index + 1));
  const next = () => {
    if (!canGoOn) return;
    markDone(step.id);
    advance();
  };

  return (
    <LessonContext.Provider value={env}>
      <ActivityHostContext.Provider value={host}>
        <div className={`player${young ? ' young' : ''}`} lang={language}>
          <div className="player-top">
            <a className="back-link" href={hrefFor('lessons')}>
              ← <span className="back-link-text">{t('player.leave')}</span>
            </a>
            <h1 className="player-title">
              <LessonText text={lesson.title} />
            </h1>
            {chinese && (
              <button type="button" className={`chip pinyin-toggle${pinyinOn ? ' active' : ''}`} aria-pressed={pinyinOn} onClick={() => setPinyinOn((on) => !on)}>
                <ruby aria-hidden="true">
                  拼<rt>pīn</rt>音<rt>yīn</rt>
                </ruby>
                <span className="visually-hidden">{t('player.pinyin')}</span>
              </button>
            )}
          </div>
          {!finished && <ProgressPath steps={steps} index={index} furthest={Math.min(furthest, followLimit ?? furthest)} done={done} onGo={goTo} />}
          {welcomeBack && !finished && (
            <div className="notice ok welcome-back" role="status">
              <span>
                <LessonText text={t('player.resumed', { n: index + 1 })} /> <ListenButton text={t('player.resumed', { n: index + 1 })} label={t('player.listen.instruction')} />
              </span>
              <button type="button" className="secondary" onClick={restart}>
                {t('player.restart')}
              </button>
            </div>
          )}
          {unsaved > 0 && <p className="notice warn">{t('player.notSaved')}</p>}
          {finished ? (
            result ? (
              <FinishScreen title={lesson.title} stars={result.stars} saved={result.saved} familyCard={lesson.familyCard} onAgain={restart} />
            ) : (
              <p role="status">{t('app.loading')}</p>
            )
          ) : (
            <>
              <div ref={focusTarget} tabIndex={-1} className="step-holder" aria-label={t('player.path.stone', { n: index + 1, total: steps.length, state: '' })} role="region">
                <StepView key={step.id} step={step} onSkip={() => (markDone(step.id), advance())} />
              </div>
              <PlayerNav first={index === 0} last={last} canGoOn={canGoOn} waitForTeacher={waitForTeacher} onBack={() => index > 0 && goTo(index - 1)} onNext={next} />
            </>
          )}
        </div>
      </ActivityHostContext.Provider>
    </LessonContext.Provider>
  );
}
