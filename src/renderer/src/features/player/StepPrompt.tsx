import type { LocalizedText, Step } from '../../../../shared/pack';
import { LessonText, useLesson } from './context';
import { ListenButton } from './ListenButton';
import { sentences } from './voice';
import { useTranslation } from 'react-i18next';

/** The heading of a step: what the pupil is told or asked, with a button to hear it (again). */
export function StepPrompt({ step, level = 2 }: { step: Step; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const Heading = level === 2 ? 'h2' : 'h3';
  const { heading, speech } = promptOf(step, lesson.plain);
  return (
    <div className="step-prompt">
      <Heading className={`step-title${heading ? '' : ' visually-hidden'}`}>{heading ? <LessonText text={heading} /> : t('player.step')}</Heading>
      <ListenButton text={speech} audio={'narration' in step ? step.narration : undefined} stepId={step.id} label={t('player.listen.replay')} />
    </div>
  );
}

/** What a step's heading shows and what "listen" reads (a slide's title and its text). */
export function promptOf(step: Step, plain: (text: LocalizedText | undefined) => string): { heading?: LocalizedText; speech: string } {
  if (step.type === 'slide' || step.type === 'demo') return { heading: step.title, speech: sentences([plain(step.title), plain(step.text)]) };
  return { heading: step.prompt, speech: plain(step.prompt) };
}

