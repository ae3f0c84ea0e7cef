import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepOf } from '../../../../../shared/pack';
import { useApp } from '../../../lib/store';
import { LessonText, useActivityHost } from '../context';

// The demo (and three.js behind it) loads only when a lesson reaches a demo step: it stays out of
// the first screen's chunk and the player's.
const DemoView = lazy(() => import('../../demos/DemoView').then((m) => ({ default: m.DemoView })));

/**
 * A 3D demo step: the demo itself, embedded in the lesson. Its "Done" button and the player's
 * Next button both go on (a demo is never required), so touch and keyboard pupils are never stuck.
 */
export function Demo({ step }: { step: StepOf<'demo'> }) {
  const { t } = useTranslation();
  const host = useActivityHost();
  const autoplayNarration = useApp((s) => s.settings?.autoplayNarration ?? false);
  const done = () => {
    host.done(step.id);
    // The next thing to do is the player's Next button: take keyboard focus there.
    document.querySelector<HTMLElement>('.nav-next')?.focus();
  };
  return (
    <div className="activity demo-step">
      {step.text && <LessonText as="p" text={step.text} />}
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <DemoView demo={step.demo} options={step.options} embedded onDone={done} autoplayNarration={autoplayNarration} />
      </Suspense>
    </div>
  );
}
