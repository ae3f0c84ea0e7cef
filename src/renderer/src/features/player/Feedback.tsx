import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../shared/pack';
import { LessonText, useLesson } from './context';
import type { Activity } from './useActivity';
import { ListenButton } from './ListenButton';

/**
 * Kind, immediate feedback under an activity: praise, a hint after a miss, the right answer and
 * why after the second miss. Announced to screen readers; animates unless motion is reduced.
 */
export function Feedback({ activity, hint, explanation, answer, rightText, missText }: {
  activity: Activity;
  hint?: LocalizedText;
  explanation?: LocalizedText;
  /** How the right answer reads, shown after the second miss. */
  answer?: ReactNode;
  rightText?: string;
  missText?: string;
}) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const { outcome, misses, pulse } = activity;
  const region = useRef<HTMLDivElement>(null);
  // New feedback comes into view (the step may be taller than the screen); focus stays where it is.
  useEffect(() => {
    if (pulse > 0) region.current?.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [pulse]);
  let tone: 'right' | 'hint' | 'reveal' | 'done' | undefined;
  if (outcome === 'right') tone = 'right';
  else if (outcome === 'revealed') tone = 'reveal';
  else if (outcome === 'complete') tone = 'done';
  else if (misses > 0) tone = 'hint';

  // The player's own words (答对了，真棒！) carry pinyin and are read aloud with the lesson's.
  let title: string | undefined;
  if (tone === 'right') title = rightText ?? t('player.feedback.right');
  else if (tone === 'done') title = rightText ?? t('player.feedback.done');
  else if (tone === 'hint') title = missText ?? t('player.feedback.tryAgain');
  else if (tone === 'reveal') title = t('player.feedback.reveal');
  const spokenParts: string[] = title ? [title] : [];
  const body = (
    <>
      {title && (
        <p className="feedback-title">
          <LessonText text={title} />
        </p>
      )}
      {tone === 'hint' && hint && (
        <p>
          <span className="feedback-label">
            <LessonText text={t('player.feedback.hint')} />
          </span>{' '}
          <LessonText text={hint} />
        </p>
      )}
      {tone === 'reveal' && answer && <div className="feedback-answer">{answer}</div>}
      {(tone === 'right' || tone === 'reveal' || tone === 'done') && explanation && <LessonText as="p" text={explanation} />}
    </>
  );
  if (tone === 'hint' && hint) spokenParts.push(lesson.plain(hint));
  if ((tone === 'right' || tone === 'reveal' || tone === 'done') && explanation) spokenParts.push(lesson.plain(explanation));

  return (
    <div ref={region} className="feedback-region" role="status" aria-live="polite">
      {tone && (
        <div key={pulse} className={`feedback feedback-${tone}`}>
          <FeedbackFace tone={tone} />
          <div className="feedback-body">{body}</div>
          {spokenParts.length > 0 && <ListenButton text={spokenParts.join(' ')} />}
        </div>
      )}
    </div>
  );
}

function FeedbackFace({ tone }: { tone: 'right' | 'hint' | 'reveal' | 'done' }) {
  const happy = tone === 'right' || tone === 'done';
  return (
    <svg aria-hidden="true" focusable="false" className="feedback-face" viewBox="0 0 48 48" width="56" height="56">
      <circle cx="24" cy="24" r="22" fill={happy ? '#ffd166' : '#bde4f4'} />
      <circle cx="17" cy="20" r="3" fill="#2b2b40" />
      <circle cx="31" cy="20" r="3" fill="#2b2b40" />
      {happy ? <path d="M14 29 q10 10 20 0" stroke="#2b2b40" strokeWidth="3" fill="none" strokeLinecap="round" /> : <path d="M16 31 q8 4 16 0" stroke="#2b2b40" strokeWidth="3" fill="none" strokeLinecap="round" />}
      {happy && <path d="M40 6 l2 4 l4 1 l-3 3 l1 4 l-4 -2 l-4 2 l1 -4 l-3 -3 l4 -1 z" fill="#f3a712" />}
    </svg>
  );
}
