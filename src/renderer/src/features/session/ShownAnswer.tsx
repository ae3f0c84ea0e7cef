import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveState } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { SpeakButton } from '../../components/SpeakButton';
import { RichText } from '../../components/RichText';
import { useApp } from '../../lib/store';
import { usePinyin } from '../../lib/pinyin';
import { answerWords } from './answerWords';

type Shown = NonNullable<LiveState['shown']>;

/**
 * One pupil's answer to the session's step, as the teacher shows it to the class: on every pupil
 * screen and the projector. Calm: no right or wrong, nothing blocked, the name only if the teacher
 * chose to show it; the words can be heard.
 */
export function ShownAnswer({ live, shown, big = false }: { live: LiveState; shown: Shown & { step: NonNullable<Shown['step']> }; big?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const lesson = useAsync(() => api.invoke('lessons.get', live.lesson));
  // Pupils who read little see pinyin over the words (not on the projector's big type).
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true) && language.startsWith('zh') && !big;
  const annotate = usePinyin(showRuby);
  const step = lesson.data?.lesson.steps.find((s) => s.id === shown.step.stepId);
  const lines = step ? answerWords(step, shown.step.answer, language, t) : null;
  const title = shown.name ? t('session.shown.named', { name: shown.name }) : t('session.shown.hidden');
  const body = lines ?? [t('session.shown.noWords')];
  // A pupil may put it aside (it sits over their own step); the next answer shown comes back.
  const [aside, setAside] = useState(false);
  if (aside) return null;
  return (
    <aside className={`shown-answer${big ? ' big' : ''}`} aria-labelledby="shown-answer-title" aria-live="polite">
      <p className="shown-answer-kicker">{t('session.shown.kicker')}</p>
      <h2 id="shown-answer-title" className="shown-answer-title">
        {title} <SpeakButton text={[title, ...body].join('. ')} lang={language} />
      </h2>
      {step && (
        <ul className="shown-answer-lines">
          {body.map((line, i) => (
            <li key={i}>
              <RichText text={line} showRuby={showRuby} annotate={annotate} />
            </li>
          ))}
        </ul>
      )}
      {!big && (
        <button type="button" className="secondary" onClick={() => setAside(true)}>
          {t('session.shown.close')}
        </button>
      )}
    </aside>
  );
}
