import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { MAX_RECORDING_BYTES, MAX_RECORDING_SECONDS, type NarrationRecording } from '../../../../shared/contract/narration';
import type { LessonView } from '../../../../shared/contract/lessons';
import type { Step } from '../../../../shared/pack';
import { LessonContext, LessonText, useLessonEnv } from '../player/context';
import { narrate, stopNarration } from '../player/narration';
import { base64Of, clock, useRecorder, type Take } from './useRecorder';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Teacher: record your own voice reading each step of a lesson, listen back, record again, save or
 * delete. Pupils then hear the teacher instead of the computer's voice (teacher recording > the
 * pack's narration > speech synthesis). Saved on this PC for this pack version; `kite pack build
 * --recordings` carries them into a pack.
 */
export function NarrationSection({ view, initialLanguage }: { view: LessonView; initialLanguage: string }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState(initialLanguage);
  const env = useLessonEnv(view, language, false);
  const [saved, setSaved] = useState<NarrationRecording[]>(view.recordings ?? []);
  const [takes, setTakes] = useState<Record<string, Take>>({});
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const recorder = useRecorder((stepId, take) => setTakes((all) => ({ ...all, [stepId]: take })));
  useEffect(() => () => stopNarration(), []);
  const steps = view.lesson.steps.filter((step) => step.type !== 'demo');
  const where = (stepId: string) => ({ packId: view.pack.id, packVersion: view.pack.version, lessonId: view.lesson.id, stepId, language });

  const dropTake = (stepId: string) =>
    setTakes(({ [stepId]: gone, ...rest }) => {
      if (gone) URL.revokeObjectURL(gone.url);
      return rest;
    });
  const act = async (stepId: string, work: () => Promise<void>) => {
    setBusy(stepId);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(undefined);
    }
  };
  const save = (stepId: string, take: Take) =>
    act(stepId, async () => {
      const recording = await api.invoke('narration.save', { ...where(stepId), type: take.type, audio: await base64Of(take.blob), durationMs: take.durationMs });
      setSaved((all) => [...all.filter((r) => !(r.stepId === stepId && r.language === language)), recording]);
      dropTake(stepId);
    });
  const remove = (stepId: string) =>
    act(stepId, async () => {
      await api.invoke('narration.delete', where(stepId));
      setSaved((all) => all.filter((r) => !(r.stepId === stepId && r.language === language)));
    });
  // A take not saved yet was read in the language before: it does not carry over.
  const changeLanguage = (next: string) => {
    for (const take of Object.values(takes)) URL.revokeObjectURL(take.url);
    setTakes({});
    setLanguage(next);
  };
  const listen = (url: string) => narrate({ text: '', lang: language, audioUrl: url });
  const problem = recorder.problem === 'too-large' ? t('curriculum.voice.problem.too-large', { maxKb: MAX_RECORDING_BYTES / 1000 }) : recorder.problem && t(`curriculum.voice.problem.${recorder.problem}`);

  return (
    <section className="card lesson-voice" aria-labelledby="voice-title">
      <h2 id="voice-title">{t('curriculum.voice.title')}</h2>
      <p className="hint">{t('curriculum.voice.body', { seconds: MAX_RECORDING_SECONDS })}</p>
      {view.pack.languages.length > 1 && (
        <label className="field voice-language">
          <span>{t('curriculum.voice.language')}</span>
          <select value={language} disabled={!!recorder.recording} onChange={(e) => changeLanguage(e.target.value)}>
            {view.pack.languages.map((l) => (
              <option key={l} value={l}>
                {t(`curriculum.voice.languages.${l}`, { defaultValue: l })}
              </option>
            ))}
          </select>
        </label>
      )}
      {(problem || error) && <ErrorNotice>{problem ?? error}</ErrorNotice>}
      <LessonContext.Provider value={env}>
        <div className="voice-steps" lang={language}>
          {steps.map((step, i) => {
            const mine = saved.find((r) => r.stepId === step.id && r.language === language);
            const take = takes[step.id];
            const recordingNow = recorder.recording === step.id;
            const label = t('curriculum.voice.step', { n: i + 1 });
            return (
              <div key={step.id} className={`voice-step${recordingNow ? ' recording' : ''}`} role="group" aria-label={label}>
                <span className="voice-step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <StepText step={step} />
                <div className="voice-step-controls">
                  {recordingNow ? (
                    <>
                      <span className="voice-meter" aria-hidden="true">
                        <span style={{ width: `${Math.round(recorder.level * 100)}%` }} />
                      </span>
                      <span className="voice-timer" role="timer" aria-label={t('curriculum.voice.elapsed', { time: clock(recorder.elapsedMs) })}>
                        <span className="voice-dot" aria-hidden="true" /> {clock(recorder.elapsedMs)} / {clock(MAX_RECORDING_SECONDS * 1000)}
                      </span>
                      <button type="button" className="primary voice-stop" onClick={recorder.stop}>
                        ■ {t('curriculum.voice.stop')}
                      </button>
                    </>
                  ) : take ? (
                    <>
                      <span className="voice-state new">{t('curriculum.voice.take', { time: clock(take.durationMs) })}</span>
                      <button type="button" className="secondary" onClick={() => listen(take.url)}>
                        ▶ {t('curriculum.voice.listen')}
                      </button>
                      <button type="button" className="primary" disabled={busy === step.id} onClick={() => void save(step.id, take)}>
                        {t('curriculum.voice.save')}
                      </button>
                      <button type="button" className="secondary" disabled={!!recorder.recording} onClick={() => void recorder.start(step.id)}>
                        ● {t('curriculum.voice.again')}
                      </button>
                      <button type="button" className="secondary" onClick={() => dropTake(step.id)}>
                        {t('curriculum.voice.discard')}
                      </button>
                    </>
                  ) : mine ? (
                    <>
                      <span className="voice-state done">✓ {t('curriculum.voice.saved', { time: clock(mine.durationMs) })}</span>
                      <button type="button" className="secondary" onClick={() => listen(mine.url)}>
                        ▶ {t('curriculum.voice.listen')}
                      </button>
                      <button type="button" className="secondary" disabled={!!recorder.recording} onClick={() => void recorder.start(step.id)}>
                        ● {t('curriculum.voice.again')}
                      </button>
                      <button type="button" className="secondary" disabled={busy === step.id} onClick={() => void remove(step.id)}>
                        {t('curriculum.voice.delete')}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="secondary voice-record" disabled={!!recorder.recording} onClick={() => void recorder.start(step.id)}>
                      <span className="voice-dot" aria-hidden="true" /> {t('curriculum.voice.record')}
                    </button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </LessonContext.Provider>
    </section>
  );
}

/** What the teacher reads for a step: what the pupil hears (a slide's title, then its text; else the prompt). */
function StepText({ step }: { step: Step }) {
  const slide = step.type === 'slide' || step.type === 'demo';
  return (
    <div className="voice-step-text">
      {slide && step.title && <LessonText text={step.title} as="strong" />}
      <LessonText text={slide ? step.text : step.prompt} as="p" />
    </div>
  );
}
