import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP_SCHEMAS, type Step } from '../../../../shared/pack';
import { ActivityBody } from './activities/registry';
import { StepPrompt } from './StepPrompt';

/**
 * One step: its prompt and its activity. A step that does not match its schema, or that fails
 * while drawing, shows a friendly card the pupil can skip: never a blank screen.
 */
export function StepView({ step, onSkip }: { step: Step; onSkip: () => void }) {
  const schema = (STEP_SCHEMAS as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>)[(step as { type?: string }).type ?? ''];
  if (!schema || !schema.safeParse(step).success) return <BrokenStep onSkip={onSkip} />;
  return (
    <StepBoundary key={step.id} onSkip={onSkip}>
      <article className={`step step-${step.type}`}>
        <StepPrompt step={step} />
        <ActivityBody step={step} />
      </article>
    </StepBoundary>
  );
}

export function BrokenStep({ onSkip }: { onSkip: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="card broken-step" role="alert">
      <svg aria-hidden="true" focusable="false" width="80" height="80" viewBox="0 0 64 64">
        <path d="M32 6 L54 28 L32 52 L10 28 Z" fill="#f3d9b1" stroke="#a05a2c" strokeWidth="2.5" />
        <path d="M22 20 l8 8 l-6 6 l10 10" stroke="#a05a2c" strokeWidth="3" fill="none" />
      </svg>
      <div>
        <h2>{t('player.broken.title')}</h2>
        <p>{t('player.broken.body')}</p>
        <button type="button" className="primary" onClick={onSkip}>
          {t('player.broken.skip')}
        </button>
      </div>
    </div>
  );
}

class StepBoundary extends Component<{ children: ReactNode; onSkip: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <BrokenStep onSkip={this.props.onSkip} /> : this.props.children;
  }
}
