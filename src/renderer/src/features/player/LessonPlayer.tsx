import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../lib/store';
import { hrefFor } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import type { LessonView } from '../../../../shared/contract/lessons';
import { invokePlayer } from './api';
import { ActivityHostContext, LessonContext, LessonText, lessonLanguage, useLessonEnv, type ActivityHost } from './context';
import { narrationUrl } from './voice';
import { usePlayer, type Resume } from './store';
import { Instruction } from './activities/common';
import { ListenButton } from './ListenButton';
import { StepView } from './StepView';
import { ProgressPath } from './ProgressPath';
import { FinishScreen } from './FinishScreen';
import { narrate, stopNarration } from './narration';
import { promptOf } from './StepPrompt';
import { spoken } from './text';
import { SCORED_TYPES, STEP_TYPES, scoreAttempts } from '../../../../shared/pack';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Steps a pupil may leave without finishing: nothing to get right and nothing to answer (a self-check still asks for answers). */
const FREE_STEPS = new Set(STEP_TYPES.filter((type) => !SCORED_TYPES.includes(type) && type !== 'self-check'));

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

/** How long a half-done step waits for the pupil to stop tapping before its state is saved. */
const DRAFT_SAVE_MS = 1200;

function LessonPlayer({ view, resumeAt, resume }: { view: LessonView; resumeAt: number; resume?: Resume }) {
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

  /** Remember the place: the open step, the steps done, and the open step's half-done state. */
  const savePlace = useCallback(() => {
    const state = usePlayer.getState();
    const open = steps[state.index];
    if (state.lessonKey !== key || state.finished || !open) return Promise.resolve();
    const draft = state.drafts[open.id];
    return invokePlayer('progress.savePosition', {
      packId: pack.id,
      lessonId: lesson.id,
      packVersion: pack.version,
      stepId: open.id,
      done: state.done,
      ...(draft === undefined ? {} : { draft: { stepId: open.id, state: draft } }),
    }).catch(() => undefined);
  }, [key, steps, pack.id, pack.version, lesson.id]);

  // Listed before the effect that starts the lesson: on leaving, the place is saved before that one clears it.
  useEffect(() => {
    const beforeSignOut = (e: Event) => (e as CustomEvent<{ waitUntil(p: Promise<unknown>): void }>).detail.waitUntil(savePlace());
    window.addEventListener('kite:before-sign-out', beforeSignOut);
    return () => {
      window.removeEventListener('kite:before-sign-out', beforeSignOut);
      void savePlace();
    };
  }, [savePlace]);

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

  // A half-done step is saved once the pupil pauses, and when they leave or sign out.
  const draft = step ? drafts[step.id] : undefined;
  useEffect(() => {
    if (!ready || draft === undefined) return;
    const timer = setTimeout(() => void savePlace(), DRAFT_SAVE_MS);
    return () => clearTimeout(timer);
  }, [ready, draft, savePlace]);

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
              ← {t('player.leave')}
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
              <div className="player-nav">
                <button type="button" className="secondary nav-back" aria-disabled={index === 0 || undefined} onClick={() => index > 0 && goTo(index - 1)}>
                  ← <LessonText text={t('player.back')} />
                </button>
                <button type="button" className={`primary nav-next${canGoOn ? ' ready' : ''}`} aria-disabled={!canGoOn || undefined} onClick={next}>
                  <LessonText text={last ? t('player.finishLesson') : t('player.next')} /> →
                </button>
              </div>
              {!canGoOn && <Instruction className="nav-help" text={waitForTeacher ? t('session.follow.wait') : t('player.answerFirst')} />}
            </>
          )}
        </div>
      </ActivityHostContext.Provider>
    </LessonContext.Provider>
  );
}
