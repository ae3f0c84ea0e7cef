import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../shared/pack';

/** Stepping stones across a stream: one per step, done ones filled; reached ones can be tapped to go back. */
export function ProgressPath({ steps, index, furthest, done, onGo }: { steps: Step[]; index: number; furthest: number; done: string[]; onGo: (i: number) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="progress-path" aria-label={t('player.path.label')}>
      <ol>
        {steps.map((step, i) => {
          const reachable = i <= furthest;
          const isDone = done.includes(step.id);
          const state = isDone ? t('player.path.done') : i === index ? t('player.path.current') : reachable ? t('player.path.open') : t('player.path.later');
          return (
            <li key={step.id}>
              <button
                type="button"
                className={`stone${isDone ? ' is-done' : ''}${i === index ? ' is-current' : ''}`}
                aria-current={i === index ? 'step' : undefined}
                aria-disabled={!reachable || undefined}
                aria-label={t('player.path.stone', { n: i + 1, total: steps.length, state })}
                onClick={() => reachable && onGo(i)}
              >
                {isDone ? '✓' : i + 1}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
