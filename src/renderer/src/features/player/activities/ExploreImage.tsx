import { Instruction } from './common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { Feedback } from '../Feedback';
import { useActivity } from '../useActivity';
import { ListenButton } from '../ListenButton';

/** Numbered spots on a picture open narrated notes. Not scored: done once every spot was opened. */
export function ExploreImage({ step }: { step: StepOf<'explore-image'> }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const activity = useActivity(step);
  const [opened, setOpened] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const current = step.hotspots.find((h) => h.id === open);

  const show = (id: string) => {
    const spot = step.hotspots.find((h) => h.id === id);
    if (!spot) return;
    setOpen(id);
    lesson.say(`${lesson.plain(spot.title)}. ${lesson.plain(spot.note)}`, spot.narration);
    const next = opened.includes(id) ? opened : [...opened, id];
    setOpened(next);
    if (next.length === step.hotspots.length) activity.finish({ opened: next.length }, null, 0);
  };

  return (
    <div className="activity">
      <Instruction text={t('player.explore.instruction', { opened: opened.length, total: step.hotspots.length })} />
      <div className="explore-stage">
        <div className="explore-image">
          <img src={lesson.asset(step.image.src)} alt={lesson.plain(step.image.alt)} draggable={false} />
          {step.hotspots.map((h, i) => (
            <button
              key={h.id}
              type="button"
              className={`explore-spot${opened.includes(h.id) ? ' is-opened' : ''}${open === h.id ? ' is-open' : ''}`}
              style={{ left: `${h.region.x + h.region.w / 2}%`, top: `${h.region.y + h.region.h / 2}%` }}
              aria-expanded={open === h.id}
              aria-label={`${i + 1}. ${lesson.plain(h.title)}`}
              onClick={() => show(h.id)}
            >
              {i + 1}
            </button>
          ))}
        </div>
        <div className="explore-note" aria-live="polite">
          {current ? (
            <>
              <h3>
                <LessonText text={current.title} />
              </h3>
              <LessonText as="p" text={current.note} />
              <ListenButton text={`${lesson.plain(current.title)}. ${lesson.plain(current.note)}`} audio={current.narration} />
            </>
          ) : (
            <p>{t('player.explore.tapNumber')}</p>
          )}
        </div>
      </div>
      <Feedback activity={activity} explanation={step.explanation} rightText={t('player.explore.allSeen')} />
    </div>
  );
}
